"use client";

import { Chart as ChartJS, type ChartData, type ChartDataset, type ChartOptions, type TooltipItem } from "chart.js";
import { useMemo } from "react";
import { Chart } from "react-chartjs-2";
import type { ChartEventMarker } from "@/lib/dashboard/types";
import { speakerColours, speakerShapes } from "../dashboard/chart-style";
import { dayInMilliseconds, formatTimestamp, utcTimeScale, utcTimestamp } from "../dashboard/time-axis";
import type { ProbabilityHistory } from "./probability-history";
import { formatProbability } from "./scenario-format";
import { eventMarkers } from "../dashboard/event-annotations";
import styles from "@/components/chart-canvas.module.css";
import { chartPlugins } from "../charts/line-chart-setup";

// The line chart's parts are registered in line-chart-setup; the events' lines here. The x axis is a
// linear axis of UTC timestamps with the dashboard's calendar ticks rather
// than Chart.js's time scale: a date adapter reads local time and would draw
// every estimate a day early west of Greenwich (see dashboard/time-axis.ts).
ChartJS.register(eventMarkers);

/** x a timestamp, y a percentage; `standing` marks the point that only carries the latest estimate to the chart's end. */
type ChartPoint = { x: number; y: number; estimatedOn: string; standing: boolean };

// Black is the team median's alone, so analysts take the other Okabe–Ito colours.
const analystColours = speakerColours.filter((colour) => colour !== "#000000");

function analystStyle(index: number) {
  return {
    colour: analystColours[index % analystColours.length]!,
    shape: speakerShapes[(index + Math.floor(index / analystColours.length)) % speakerShapes.length]!,
  };
}

/** A step series: each value holds until the next, and the last until `standUntil`. */
function stepPoints(values: { on: string; percent: number }[], standUntil: string | undefined): ChartPoint[] {
  const points = values.map(({ on, percent }) => ({ x: utcTimestamp(on), y: percent, estimatedOn: on, standing: false }));
  const last = points.at(-1);
  if (last && standUntil !== undefined && standUntil > last.estimatedOn) {
    points.push({ x: utcTimestamp(standUntil), y: last.y, estimatedOn: last.estimatedOn, standing: true });
  }
  return points;
}

export function ProbabilityHistoryChart({
  history,
  events,
  span,
  standUntil,
  horizonOn,
  summary,
}: {
  history: ProbabilityHistory;
  events: ChartEventMarker[];
  span: { from: string; to: string };
  standUntil: string | undefined;
  horizonOn: string;
  /** The canvas's accessible name. */
  summary: string;
}) {
  const { data, options } = useMemo(() => {
    // A margin either side (2 % of the span, at least half a day), so the first and last points are not cut in half by the edge.
    const margin = Math.max(dayInMilliseconds / 2, (utcTimestamp(span.to) - utcTimestamp(span.from)) * 0.02);
    const range = { from: utcTimestamp(span.from) - margin, to: utcTimestamp(span.to) + margin };
    const datasets: ChartDataset<"line", ChartPoint[]>[] = history.analysts.map((analyst, index) => {
      const { colour, shape } = analystStyle(index);
      const points = stepPoints(
        analyst.estimates.map((estimate) => ({ on: estimate.estimatedOn, percent: estimate.probability * 100 })),
        standUntil,
      );
      return {
        label: analyst.analystName,
        data: points,
        borderColor: colour,
        backgroundColor: colour,
        borderWidth: 2,
        // Each value holds until the next estimate: drawn as steps, never interpolated.
        stepped: "before",
        pointStyle: shape,
        pointRadius: points.map((point) => (point.standing ? 0 : 5)),
        pointHoverRadius: points.map((point) => (point.standing ? 0 : 7)),
        order: 2,
      };
    });
    datasets.push({
      label: "Team median",
      data: stepPoints(
        history.teamMedian.map((point) => ({ on: point.on, percent: point.median * 100 })),
        standUntil,
      ),
      borderColor: "#000000",
      backgroundColor: "#000000",
      borderWidth: 4,
      stepped: "before",
      pointStyle: "line",
      pointRadius: 0,
      pointHoverRadius: 4,
      pointHitRadius: 6,
      order: 1,
    });

    const horizon = utcTimestamp(horizonOn);

    const chartOptions: ChartOptions<"line"> = {
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      animation: { duration: 250 },
      interaction: { mode: "nearest", intersect: false, axis: "x" },
      scales: {
        x: utcTimeScale(range),
        y: {
          min: 0,
          max: 100,
          ticks: { stepSize: 10, callback: (value) => `${value}\u00a0%`, font: { size: 11 } },
          grid: { color: (context) => (context.tick.value === 50 ? "#8c959f" : "#eef0f3") },
          title: { display: true, text: "Probability", font: { size: 12 } },
        },
      },
      plugins: {
        legend: { position: "bottom", labels: { usePointStyle: true, boxHeight: 8 } },
        tooltip: {
          // The point carrying an estimate to the chart's end is not an estimate of its own.
          filter: (item: TooltipItem<"line">) => !(item.raw as ChartPoint).standing,
          callbacks: {
            title: (items: TooltipItem<"line">[]) => (items[0] ? formatTimestamp(items[0].parsed.x ?? 0) : ""),
            label: (item: TooltipItem<"line">) => `${item.dataset.label ?? ""}: ${formatProbability((item.parsed.y ?? 0) / 100)}`,
          },
        },
        eventMarkers: { events, marked: { value: horizon, label: "Horizon" } },
      },
    };
    return { data: { datasets } satisfies ChartData<"line", ChartPoint[]>, options: chartOptions };
  }, [history, events, span, standUntil, horizonOn]);

  const estimateCount = history.analysts.reduce((sum, analyst) => sum + analyst.estimates.length, 0);
  const latestMedian = history.teamMedian.at(-1);
  return (
    <div
      className={styles.chartCanvas}
      data-testid="probability-history-chart"
      data-estimates={estimateCount}
      data-team-median={latestMedian === undefined ? "" : String(latestMedian.median)}
    >
      <Chart<"line", ChartPoint[]> type="line" data={data} options={options} plugins={chartPlugins} role="img" aria-label={summary} />
    </div>
  );
}
