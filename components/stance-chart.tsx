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
import type { TargetPanel } from "@/lib/charts/stance-series";
import { describeScore, formatScore } from "@/lib/codings/scale";

ChartJS.register(LinearScale, TimeScale, PointElement, LineElement, Tooltip, Legend, annotationPlugin);

// Okabe–Ito colours, distinguishable with the common forms of colour blindness;
// point shapes differ too, so colour is never the only cue.
const palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C8C8C"];
const shapes = ["circle", "rectRot", "triangle", "rect", "star", "crossRot", "rectRounded", "cross"] as const;

type ChartPoint = { x: number; y: number; quote: string; coders: string[] };
export type ChartEvent = { id: string; title: string; occurredOn: string };

function timestamp(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

export function StanceChart({ panel, window, events }: { panel: TargetPanel; window: { from: string; to: string }; events: ChartEvent[] }) {
  const data: ChartData<"scatter", ChartPoint[]> = {
    datasets: panel.series.map((series, index) => ({
      label: series.speakerName,
      data: series.points.map((point) => ({ x: timestamp(point.saidOn), y: point.score, quote: point.quote, coders: point.coders })),
      showLine: true,
      borderColor: palette[index % palette.length],
      backgroundColor: palette[index % palette.length],
      pointStyle: shapes[index % shapes.length],
      pointRadius: 6,
      pointHoverRadius: 8,
      borderWidth: 1.5,
    })),
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
          content: truncate(event.title, 28),
          position: index % 2 === 0 ? "start" : "end",
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
        time: { unit: "week", tooltipFormat: "d MMM yyyy", displayFormats: { week: "d MMM yy" } },
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
      legend: { position: "bottom", labels: { usePointStyle: true, boxHeight: 8 } },
      tooltip: {
        callbacks: {
          label: (item: TooltipItem<"scatter">) => {
            const point = item.raw as ChartPoint;
            return `${item.dataset.label}: ${formatScore(point.y, Number.isInteger(point.y) ? 0 : 1)} (${describeScore(Math.round(point.y))})`;
          },
          afterLabel: (item: TooltipItem<"scatter">) => {
            const point = item.raw as ChartPoint;
            return [`“${truncate(point.quote, 110)}”`, `Coded by ${point.coders.join(", ")}`];
          },
        },
      },
      annotation: { annotations },
    },
  };

  return (
    <div className="chart-canvas" data-testid={`stance-chart-${panel.targetId}`} data-points={panel.series.reduce((sum, series) => sum + series.points.length, 0)}>
      <Scatter data={data} options={options} aria-label={`Stance toward ${panel.targetName} over time`} role="img" />
    </div>
  );
}
