"use client";

import {
  Chart as ChartJS,
  Decimation,
  ScatterController,
  SubTitle,
  Title,
  type ActiveElement,
  type ChartData,
  type ChartDataset,
  type ChartEvent,
  type ChartOptions,
  type TooltipItem,
} from "chart.js";
import { useRouter } from "next/navigation";
import { useMemo, useRef } from "react";
import { Chart } from "react-chartjs-2";
import { describeScore, formatScore } from "@/lib/codings/scale";
import { exportCaption } from "@/lib/dashboard/summary";
import type { BucketMean, ChartEventMarker, ChartSeries, DateWindow, StancePoint } from "@/lib/dashboard/types";
import type { TimeUnit } from "@/lib/dashboard/view";
import { speakerStyle } from "./chart-style";
import { statementHref } from "./links";
import { dayInMilliseconds, formatTimestamp, utcTimeScale, utcTimestamp } from "./time-axis";
import { formatMonth } from "@/lib/dashboard/date-precision";
import { eventMarkers } from "./event-annotations";
import { truncate } from "../format";
import styles from "./stance-over-time-chart.module.css";
import chartCanvasStyles from "@/components/chart-canvas.module.css";
import { chartPlugins } from "../charts/line-chart-setup";

// Only the parts used are registered (never chart.js/auto), so the page ships no unused controllers.
// The line chart's own parts come from line-chart-setup.
ChartJS.register(ScatterController, SubTitle, Title, Decimation, eventMarkers);

type ChartType = "scatter" | "line";
/** Pre-parsed: x a timestamp, y the score; index points back into the series' points or means for tooltips and clicks. */
type ChartPoint = { x: number; y: number; index: number };

/** What each dataset draws, by dataset index: a speaker's statements, or the line through their bucket means. */
type DatasetSource = { kind: "points" | "means"; series: ChartSeries };

// Beyond this many points, animating every update costs more than it shows.
const animationLimit = 500;

// Below this canvas width the y axis shows the scores without their words.
const narrowChartWidth = 480;

const unitMilliseconds: Record<TimeUnit, number> = {
  day: dayInMilliseconds,
  week: 7 * dayInMilliseconds,
  month: 30.44 * dayInMilliseconds,
};
const unitNames: Record<TimeUnit, string> = { day: "day", week: "week", month: "month" };

/** Tooltips do not wrap: long quotes are broken into lines here, at most maximumLines of them. */
function wrapText(text: string, width: number, maximumLines: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
      if (lines.length === maximumLines) break;
    } else line = line ? `${line} ${word}` : word;
  }
  if (lines.length < maximumLines && line) lines.push(line);
  const shown = lines.join(" ").length;
  if (shown < text.trim().length && lines.length > 0) lines[lines.length - 1] = `${truncate(lines.at(-1)!, width - 1)}…`;
  return lines;
}

function meanTimestamp(mean: BucketMean, unit: TimeUnit, window: { from: number; to: number }): number {
  // A bucket's mean is drawn at the bucket's middle, where it sits among the statements it averages.
  const middle = utcTimestamp(mean.start) + unitMilliseconds[unit] / 2 - dayInMilliseconds / 2;
  return Math.min(window.to, Math.max(window.from, middle));
}

function describePoint(point: StancePoint): string {
  if (point.statement === null)
    return `${point.statementCount} statements, mean ${formatScore(point.score, 1)} (${formatScore(point.minimumScore)}..${formatScore(point.maximumScore)})`;
  const rounded = Math.round(point.score);
  const score = formatScore(point.score, Number.isInteger(point.score) ? 0 : 1);
  const coders = point.statement.coders.length;
  const basis = point.statement.basis === "adjudicated" ? "adjudicated" : `mean of ${coders} coding${coders === 1 ? "" : "s"}`;
  return `${score} ${describeScore(rounded)} (${basis})`;
}

export function StanceOverTimeChart({
  targetId,
  series,
  styleIndexes,
  window,
  unit,
  events,
  summary,
  title,
  filters,
  fileName,
}: {
  targetId: string;
  series: ChartSeries[];
  /** Speaker id → style index, shared by every panel. */
  styleIndexes: Record<string, number>;
  window: DateWindow;
  unit: TimeUnit;
  events: ChartEventMarker[];
  /** The text summary: the canvas's accessible name. */
  summary: string;
  /** Drawn above the chart in the downloaded PNG only (the page has its own heading). */
  title: string;
  /** The view's filters in words, for the downloaded PNG's caption. */
  filters: string;
  fileName: string;
}) {
  const router = useRouter();
  const chartRef = useRef<ChartJS<ChartType, ChartPoint[]> | undefined>(undefined);
  const pointCount = series.reduce((sum, one) => sum + one.points.length, 0);
  const statementCount = series.reduce((sum, one) => sum + one.points.reduce((count, point) => count + point.statementCount, 0), 0);

  const { data, options } = useMemo(() => {
    const range = { from: utcTimestamp(window.from) - dayInMilliseconds / 2, to: utcTimestamp(window.to) + dayInMilliseconds / 2 };
    const sources: DatasetSource[] = [];
    const datasets: ChartDataset<ChartType, ChartPoint[]>[] = [];
    for (const one of series) {
      const { colour, shape } = speakerStyle(styleIndexes[one.speaker.id] ?? 0);
      const merged = one.points.some((point) => point.statement === null);
      // Pre-parsed and sorted by x (parsing: false): Chart.js then skips its own parsing and sorting passes.
      const points = one.points
        .map((point, index) => ({ x: utcTimestamp(point.at), y: point.score, index }))
        .sort((first, second) => first.x - second.x);
      sources.push({ kind: "points", series: one });
      datasets.push({
        type: "scatter",
        label: one.speaker.name,
        data: points,
        borderColor: colour,
        // Merged points are hollow, so a reader sees which points stand for several statements.
        backgroundColor: merged ? points.map((point) => (one.points[point.index]!.statement === null ? "#ffffff" : colour)) : colour,
        borderWidth: merged ? 2 : 1,
        pointStyle: shape,
        pointRadius: merged ? points.map((point) => (one.points[point.index]!.statement === null ? 7 : 5)) : 5,
        pointHoverRadius: 8,
        order: 1,
      });
      sources.push({ kind: "means", series: one });
      datasets.push({
        type: "line",
        label: `${one.speaker.name} (mean per ${unitNames[unit]})`,
        data: one.means
          .map((mean, index) => ({ x: meanTimestamp(mean, unit, range), y: mean.score, index }))
          .sort((first, second) => first.x - second.x),
        borderColor: colour,
        backgroundColor: colour,
        borderWidth: 1.75,
        // Vertices stay hidden (hover shows them): a lone bucket's mean drawn as a dot would pass for a statement.
        pointRadius: 0,
        pointHoverRadius: 4,
        pointHitRadius: 6,
        tension: 0,
        order: 2,
      });
    }

    // Looked up through the data object, not the position: decimation hands Chart.js a subset of a line's vertices.
    const pointAt = (datasetIndex: number, raw: unknown): { source: DatasetSource; point: StancePoint | null; mean: BucketMean | null } => {
      const source = sources[datasetIndex]!;
      const index = (raw as ChartPoint | undefined)?.index ?? -1;
      if (source.kind === "points") return { source, point: source.series.points[index] ?? null, mean: null };
      return { source, point: null, mean: source.series.means[index] ?? null };
    };
    const elementAt = (element: ActiveElement) => pointAt(element.datasetIndex, datasets[element.datasetIndex]?.data[element.index]);

    const chartOptions: ChartOptions<ChartType> = {
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      animation: pointCount > animationLimit ? false : { duration: 250 },
      interaction: { mode: "nearest", intersect: true },
      scales: {
        x: utcTimeScale(range),
        y: {
          min: -3.4,
          max: 3.4,
          afterBuildTicks: (axis) => {
            axis.ticks = [-3, -2, -1, 0, 1, 2, 3].map((value) => ({ value }));
          },
          ticks: {
            // On a phone the words would take half the chart's width; the numbers alone leave the points room, and
            // the page's introduction says what they mean.
            callback(value) {
              const score = Number(value);
              return this.chart.width < narrowChartWidth ? formatScore(score) : `${formatScore(score)} ${describeScore(score)}`;
            },
            font: { size: 11 },
          },
          grid: { color: (context) => (context.tick.value === 0 ? "#8c959f" : "#eef0f3") },
        },
      },
      plugins: {
        decimation: { enabled: true, algorithm: "lttb" },
        title: { display: false, text: title, font: { size: 15, weight: "bold" }, color: "#1f2328", padding: { bottom: 12 } },
        legend: {
          position: "bottom",
          labels: {
            usePointStyle: true,
            boxHeight: 8,
            filter: (item) => sources[item.datasetIndex ?? 0]?.kind === "points",
          },
          // A speaker's points and mean line are shown and hidden together.
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
            title: (items: TooltipItem<ChartType>[]) => {
              const first = items[0];
              if (!first) return "";
              const { source, point, mean } = pointAt(first.datasetIndex, first.raw);
              if (mean) return `${source.series.speaker.name}, ${unitNames[unit]} from ${formatTimestamp(utcTimestamp(mean.start))}`;
              if (point?.statement === null) return `${source.series.speaker.name}, around ${formatTimestamp(utcTimestamp(point.at))}`;
              if (point?.statement?.datePrecision === "MONTH")
                return `${source.series.speaker.name}, ${formatMonth(point.statement.saidOn ?? point.at)} (day not known)`;
              return `${source.series.speaker.name}, ${formatTimestamp(first.parsed.x ?? 0)}`;
            },
            label: (item: TooltipItem<ChartType>) => {
              const { point, mean } = pointAt(item.datasetIndex, item.raw);
              if (mean)
                return `Mean ${formatScore(mean.score, 1)} over ${mean.statementCount} statement${mean.statementCount === 1 ? "" : "s"}`;
              return point ? describePoint(point) : "";
            },
            afterLabel: (item: TooltipItem<ChartType>) => {
              const { point } = pointAt(item.datasetIndex, item.raw);
              const statement = point?.statement;
              if (!statement) return [];
              return [
                ...wrapText(`“${statement.quote}”`, 64, 4),
                `Source: ${truncate(statement.sourceTitle, 70)}`,
                `Coded by ${statement.coders.join(", ")}`,
                "Click to open it in its source",
              ];
            },
          },
        },
        eventMarkers: { events },
      },
      onHover: (event: ChartEvent, elements: ActiveElement[]) => {
        const canvas = event.native?.target;
        if (!(canvas instanceof HTMLCanvasElement)) return;
        const linked = elements.some((element) => elementAt(element).point?.statement);
        canvas.style.cursor = linked ? "pointer" : "default";
      },
      onClick: (_event: ChartEvent, elements: ActiveElement[]) => {
        for (const element of elements) {
          const statement = elementAt(element).point?.statement;
          if (statement) {
            router.push(statementHref(statement.sourceId, statement.id));
            return;
          }
        }
      },
    };
    return { data: { datasets } satisfies ChartData<ChartType, ChartPoint[]>, options: chartOptions };
  }, [series, styleIndexes, window, unit, events, title, pointCount, router]);

  function downloadPng() {
    const chart = chartRef.current;
    if (!chart) return;
    // The title is drawn only for the image: on the page the panel's heading says the same.
    const titleOptions = chart.options.plugins?.title;
    if (titleOptions) titleOptions.display = true;
    // The caption makes the image stand alone in a brief: window, n, filters, source and export date.
    const plugins = chart.options.plugins as { subtitle?: Record<string, unknown> } | undefined;
    if (plugins) {
      plugins.subtitle = {
        display: true,
        position: "bottom",
        align: "start",
        color: "#3d444d",
        font: { size: 11 },
        padding: { top: 10, bottom: 2 },
        text: exportCaption({ window, unit, statementCount, filters, exportedOn: new Date().toISOString().slice(0, 10) }),
      };
    }
    // A chart still animating (its first draw, a hover) draws on the next frame,
    // after the caption is hidden again: stopping it makes this update draw now.
    chart.stop();
    chart.update("none");
    const image = chart.toBase64Image("image/png", 1);
    if (titleOptions) titleOptions.display = false;
    if (plugins?.subtitle) plugins.subtitle.display = false;
    chart.update("none");
    const link = document.createElement("a");
    link.href = image;
    link.download = fileName;
    link.click();
  }

  return (
    <div>
      <div
        className={chartCanvasStyles.chartCanvas}
        data-testid={`stance-chart-${targetId}`}
        data-points={statementCount}
        data-chart-points={pointCount}
      >
        <Chart<ChartType, ChartPoint[]>
          ref={chartRef}
          type="scatter"
          data={data}
          options={options}
          plugins={chartPlugins}
          role="img"
          aria-label={summary}
        />
      </div>
      <div className={styles.actions}>
        <button type="button" className="button button--small" onClick={downloadPng}>
          Download PNG
        </button>
      </div>
    </div>
  );
}
