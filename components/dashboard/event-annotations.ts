// Events as dashed vertical lines labelled by title, the same on every time chart, drawn by a plugin of our own
// (eventMarkers). chartjs-plugin-annotation drew them before: resolving its scriptable options on every update was a
// quarter of a chart's first draw (docs/benchmarks.md, session 16), for a dozen lines and labels.
import type { Chart, ChartType, Plugin } from "chart.js";
import { toFont } from "chart.js/helpers";
import type { ChartEventMarker } from "@/lib/dashboard/types";
import { truncate } from "../format";
import { utcTimestamp } from "./time-axis";

// Measured and drawn in this font.
const labelFont = { size: 11, weight: "bold" } as const;
const labelPadding = 3;
// Space kept clear between two labels in the same row.
const labelGap = 6;

// Four rows of labels: along the top and bottom edges of the plot, then one step inwards. The bands at the edges
// are where the fewest points lie, and a row is only used when the rows before it are taken at that place.
const labelRows = [
  { edge: "top", inset: 0 },
  { edge: "bottom", inset: 0 },
  { edge: "top", inset: 22 },
  { edge: "bottom", inset: 22 },
] as const;

export type LabelBox = { centre: number; width: number };

/**
 * The row each label goes in (an index into the rows), or null where no row has room: labels are taken from left to
 * right, each centred on its line but kept inside the plot (as eventMarkers draws them), each into the
 * first row whose last label ends before it begins. A label that fits nowhere is left off; its line stays, and the
 * chart's summary and table name every event. Labels wider than the plot are left off too.
 */
/** Where a label's box begins: centred on its line, but kept inside the plot. */
function labelStart(centre: number, width: number, plot: { left: number; right: number }): number {
  return Math.min(Math.max(centre - width / 2, plot.left), plot.right - width);
}

export function placeEventLabels(
  labels: LabelBox[],
  plot: { left: number; right: number },
  rowCount: number,
  gap: number,
): (number | null)[] {
  const rowEnds: number[] = Array.from({ length: rowCount }, () => Number.NEGATIVE_INFINITY);
  const rows: (number | null)[] = labels.map(() => null);
  const starts = labels.map(({ centre, width }) => labelStart(centre, width, plot));
  const order = labels.map((_, index) => index).sort((first, second) => starts[first]! - starts[second]!);
  for (const index of order) {
    const start = starts[index]!;
    const { width } = labels[index]!;
    if (width > plot.right - plot.left) continue;
    const row = rowEnds.findIndex((end) => end + gap <= start);
    if (row === -1) continue;
    rows[index] = row;
    rowEnds[row] = start + width;
  }
  return rows;
}

/** A line across the plot at one time, with its label in the middle: the scenario's horizon. */
export type MarkedTime = { value: number; label: string };

export type EventMarkerOptions = {
  events: ChartEventMarker[];
  /** Drawn solid and labelled in the middle, over the events' lines. */
  marked?: MarkedTime;
};

// Merged into Chart.js's own declaration, whose type parameter it must repeat, used or not.
declare module "chart.js" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface PluginOptionsByType<TType extends ChartType> {
    eventMarkers?: EventMarkerOptions;
  }
}

/** A label as drawn: its text, where its box begins and how wide it is, and its row (null: left off). */
type PlacedLabel = { text: string; left: number; width: number; row: number | null };

// The layout is worked out once per size, scale and set of events; a hover redraws the chart without changing them.
const layouts = new WeakMap<Chart, { key: string; labels: PlacedLabel[] }>();

function placedLabelsFor(chart: Chart, events: ChartEventMarker[], plot: { left: number; right: number }): PlacedLabel[] {
  const scale = chart.scales.x!;
  const key = `${plot.left},${plot.right},${scale.min},${scale.max},${events.map((event) => event.id).join(",")}`;
  const cached = layouts.get(chart);
  if (cached?.key === key) return cached.labels;
  const context = chart.ctx;
  context.save();
  context.font = toFont(labelFont).string;
  const texts = events.map(labelText);
  const boxes = events.map((event, index) => ({
    centre: scale.getPixelForValue(utcTimestamp(event.occurredOn)),
    width: context.measureText(texts[index]!).width + 2 * labelPadding,
  }));
  context.restore();
  const rows = placeEventLabels(boxes, plot, labelRows.length, labelGap);
  const labels = boxes.map(({ centre, width }, index) => ({
    text: texts[index]!,
    left: labelStart(centre, width, plot),
    width,
    row: rows[index]!,
  }));
  layouts.set(chart, { key, labels });
  return labels;
}

function labelText(event: ChartEventMarker): string {
  return truncate(event.title, 26);
}

function drawLabel(
  context: CanvasRenderingContext2D,
  text: string,
  box: { left: number; top: number; width: number; height: number },
  colours: { text: string; background: string },
) {
  context.fillStyle = colours.background;
  context.fillRect(box.left, box.top, box.width, box.height);
  context.fillStyle = colours.text;
  context.fillText(text, box.left + box.width / 2, box.top + box.height / 2);
}

/**
 * Draws `options.plugins.eventMarkers` under the data: each event in the x axis's range as a dashed line with its
 * title in the first of four rows with room (placeEventLabels), and the marked time as a solid line labelled in the
 * middle. Registered by each chart that has events; reads its options as given, with nothing scriptable.
 */
export const eventMarkers: Plugin<ChartType> = {
  id: "eventMarkers",
  beforeDatasetsDraw(chart) {
    // The options as the chart was given them: Chart.js's typing makes every field optional on the way.
    const options = chart.config.options?.plugins?.eventMarkers as EventMarkerOptions | undefined;
    const scale = chart.scales.x;
    const area = chart.chartArea;
    if (!options || !scale || !area) return;
    const inRange = (value: number) => value >= scale.min && value <= scale.max;
    const events = options.events.filter((event) => inRange(utcTimestamp(event.occurredOn)));
    const context = chart.ctx;
    const font = toFont(labelFont);
    const labelHeight = (font.lineHeight as number) + 2 * labelPadding;
    context.save();
    context.beginPath();
    context.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
    context.clip();
    context.lineWidth = 1;
    context.strokeStyle = "rgba(60, 60, 67, 0.6)";
    context.setLineDash([4, 4]);
    for (const event of events) {
      const x = Math.round(scale.getPixelForValue(utcTimestamp(event.occurredOn))) + 0.5;
      context.beginPath();
      context.moveTo(x, area.top);
      context.lineTo(x, area.bottom);
      context.stroke();
    }
    context.setLineDash([]);
    context.font = font.string;
    context.textAlign = "center";
    context.textBaseline = "middle";
    // A label keeps its padding inside the plot.
    const plot = { left: area.left + labelPadding, right: area.right - labelPadding };
    for (const { text, left, width, row } of placedLabelsFor(chart, events, plot)) {
      if (row === null) continue;
      const { edge, inset } = labelRows[row]!;
      const top = edge === "top" ? area.top + inset : area.bottom - labelHeight - inset;
      drawLabel(context, text, { left, top, width, height: labelHeight }, { text: "#1f2328", background: "rgba(255, 255, 255, 0.92)" });
    }
    const marked = options.marked;
    if (marked && inRange(marked.value)) {
      const x = Math.round(scale.getPixelForValue(marked.value));
      context.lineWidth = 2;
      context.strokeStyle = "#59636e";
      context.beginPath();
      context.moveTo(x, area.top);
      context.lineTo(x, area.bottom);
      context.stroke();
      context.font = toFont({ size: 11 }).string;
      const width = context.measureText(marked.label).width + 2 * labelPadding;
      const left = labelStart(x, width, plot);
      const top = (area.top + area.bottom) / 2 - labelHeight / 2;
      drawLabel(context, marked.label, { left, top, width, height: labelHeight }, { text: "#ffffff", background: "#59636e" });
    }
    context.restore();
  },
};
