"use client";

import {
  Chart as ChartJS,
  LinearScale,
  LineElement,
  PointElement,
  TimeScale,
  Tooltip,
  Legend,
  type ChartData,
  type ChartOptions,
  type TooltipItem,
} from "chart.js";
import annotationPlugin, { type AnnotationOptions } from "chartjs-plugin-annotation";
import "chartjs-adapter-date-fns";
import { Scatter } from "react-chartjs-2";
import { chooseTimeUnit, type TargetPanel } from "@/lib/charts/stance-series";
import { describeScore, formatScore } from "@/lib/codings/scale";

ChartJS.register(LinearScale, TimeScale, PointElement, LineElement, Tooltip, Legend, annotationPlugin);

// Okabe–Ito colours, distinguishable with the common forms of colour blindness;
// point shapes differ too, so colour is never the only cue.
const palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C8C8C"];
const shapes = ["circle", "rectRot", "triangle", "rect", "star", "crossRot", "rectRounded", "cross"] as const;

type ChartPoint = { x: number; y: number; quote?: string; coders?: string[]; basis?: "adjudicated" | "mean"; statementCount?: number };
export type ChartEvent = { id: string; title: string; occurredOn: string };

function timestamp(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

export function StanceChart({ panel, window, events }: { panel: TargetPanel; window: { from: string; to: string }; events: ChartEvent[] }) {
  // Per speaker: every statement as a point, and a thin line through the
  // speaker's daily means (several statements on one day make one line vertex).
  const data: ChartData<"scatter", ChartPoint[]> = {
    datasets: panel.series.flatMap((series, index) => {
      const colour = palette[index % palette.length];
      return [
        {
          label: series.speakerName,
          data: series.points.map((point) => ({
            x: timestamp(point.saidOn),
            y: point.score,
            quote: point.quote,
            coders: point.coders,
            basis: point.basis,
          })),
          borderColor: colour,
          backgroundColor: colour,
          pointStyle: shapes[index % shapes.length],
          pointRadius: 6,
          pointHoverRadius: 8,
          order: 1,
        },
        {
          label: `${series.speakerName} (daily mean)`,
          data: series.dailyMeans.map((mean) => ({ x: timestamp(mean.saidOn), y: mean.score, statementCount: mean.statementCount })),
          showLine: true,
          borderColor: colour,
          borderWidth: 1.5,
          pointRadius: 0,
          pointHitRadius: 0,
          order: 2,
        },
      ];
    }),
  };

  const annotations: Record<string, AnnotationOptions> = Object.fromEntries(
    events.map((event, index) => [
      event.id,
      {
        type: "line",
        scaleID: "x",
        value: timestamp(event.occurredOn),
        borderColor: "rgba(60, 60, 67, 0.55)",
        borderWidth: 1,
        borderDash: [4, 4],
        label: {
          display: true,
          content: truncate(event.title, 24),
          // Four label slots, so neighbouring events' labels do not overlap.
          position: index % 2 === 0 ? "start" : "end",
          yAdjust: [0, 0, 22, -22][index % 4],
          font: { size: 11 },
          color: "#1f2328",
          backgroundColor: "rgba(255, 255, 255, 0.9)",
          padding: 3,
        },
      } satisfies AnnotationOptions,
    ]),
  );

  const options: ChartOptions<"scatter"> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    parsing: false,
    scales: {
      x: {
        type: "time",
        min: timestamp(window.from),
        max: timestamp(window.to),
        time: {
          unit: chooseTimeUnit(window),
          tooltipFormat: "d MMM yyyy",
          displayFormats: { day: "d MMM", week: "d MMM yy", month: "MMM yyyy" },
        },
        ticks: { maxRotation: 0, autoSkip: true, font: { size: 11 } },
        grid: { color: "#eef0f3" },
      },
      y: {
        min: -3.4,
        max: 3.4,
        afterBuildTicks: (axis) => {
          axis.ticks = [-3, -2, -1, 0, 1, 2, 3].map((value) => ({ value }));
        },
        ticks: { callback: (value) => `${formatScore(Number(value))} ${describeScore(Number(value))}`, font: { size: 11 } },
        grid: { color: (context) => (context.tick.value === 0 ? "#8c959f" : "#eef0f3") },
      },
    },
    plugins: {
      legend: {
        position: "bottom",
        labels: { usePointStyle: true, boxHeight: 8, filter: (item) => !item.text.endsWith("(daily mean)") },
        // A speaker's point and line datasets are toggled together.
        onClick: (_event, item, legend) => {
          const chart = legend.chart;
          const index = item.datasetIndex ?? 0;
          const visible = chart.isDatasetVisible(index);
          chart.setDatasetVisibility(index, !visible);
          chart.setDatasetVisibility(index + 1, !visible);
          chart.update();
        },
      },
      tooltip: {
        callbacks: {
          label: (item: TooltipItem<"scatter">) => {
            const point = item.raw as ChartPoint;
            if (point.quote === undefined)
              return `${item.dataset.label}: ${formatScore(point.y, 1)} over ${point.statementCount} statement(s)`;
            return `${item.dataset.label}: ${formatScore(point.y, Number.isInteger(point.y) ? 0 : 1)} (${describeScore(Math.round(point.y))})`;
          },
          afterLabel: (item: TooltipItem<"scatter">) => {
            const point = item.raw as ChartPoint;
            if (point.quote === undefined) return [];
            const basis = point.basis === "adjudicated" ? "adjudicated" : `mean of ${point.coders?.length} coding(s)`;
            return [`“${truncate(point.quote, 110)}”`, `Score: ${basis}; coded by ${point.coders?.join(", ")}`];
          },
        },
      },
      annotation: { annotations },
    },
  };

  return (
    <div
      className="chart-canvas"
      data-testid={`stance-chart-${panel.targetId}`}
      data-points={panel.series.reduce((sum, series) => sum + series.points.length, 0)}
    >
      <Scatter data={data} options={options} aria-label={`Stance toward ${panel.targetName} over time`} role="img" />
    </div>
  );
}
