// Events as dashed vertical lines labelled by title, the same on every time chart.
import type { Chart } from "chart.js";
import { toFont } from "chart.js/helpers";
import type { AnnotationOptions, PartialEventContext } from "chartjs-plugin-annotation";
import type { ChartEventMarker } from "@/lib/dashboard/types";
import { truncate } from "../format";
import { utcTimestamp } from "./time-axis";

// Measured here with the font it is drawn in, so both are stated (the plugin's default weight is bold).
const labelFont = { size: 11, weight: "bold" } as const;
const labelPadding = 3;
// Space kept clear between two labels in the same row.
const labelGap = 6;

// Four rows of labels: along the top and bottom edges of the plot, then one step inwards. The bands at the edges
// are where the fewest points lie, and a row is only used when the rows before it are taken at that place.
const labelRows = [
  { position: "start", yAdjust: 0 },
  { position: "end", yAdjust: 0 },
  { position: "start", yAdjust: 22 },
  { position: "end", yAdjust: -22 },
] as const;

export type LabelBox = { centre: number; width: number };

/**
 * The row each label goes in (an index into the rows), or null where no row has room: labels are taken from left to
 * right, each centred on its line but kept inside the plot (as the annotation plugin draws them), each into the
 * first row whose last label ends before it begins. A label that fits nowhere is left off; its line stays, and the
 * chart's summary and table name every event. Labels wider than the plot are left off too.
 */
export function placeEventLabels(
  labels: LabelBox[],
  plot: { left: number; right: number },
  rowCount: number,
  gap: number,
): (number | null)[] {
  const rowEnds: number[] = Array.from({ length: rowCount }, () => Number.NEGATIVE_INFINITY);
  const rows: (number | null)[] = labels.map(() => null);
  const starts = labels.map(({ centre, width }) => Math.min(Math.max(centre - width / 2, plot.left), plot.right - width));
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

// Scriptable options are resolved for every label on every update; the layout is worked out once per size and scale.
const layouts = new WeakMap<Chart, { key: string; rows: Map<string, number | null> }>();

function labelLayout(chart: Chart, events: ChartEventMarker[]): Map<string, number | null> {
  const scale = chart.scales.x;
  const area = chart.chartArea;
  if (!scale || !area) return new Map();
  const key = `${area.left},${area.right},${scale.min},${scale.max},${events.map((event) => event.id).join(",")}`;
  const cached = layouts.get(chart);
  if (cached?.key === key) return cached.rows;
  const context = chart.ctx;
  context.save();
  context.font = toFont(labelFont).string;
  const boxes = events.map((event) => ({
    centre: scale.getPixelForValue(utcTimestamp(event.occurredOn)),
    width: context.measureText(labelText(event)).width + 2 * labelPadding,
  }));
  context.restore();
  // The plugin keeps a label's padding inside the plot too.
  const plot = { left: area.left + labelPadding, right: area.right - labelPadding };
  const placed = placeEventLabels(boxes, plot, labelRows.length, labelGap);
  const rows = new Map(events.map((event, index) => [event.id, placed[index] ?? null]));
  layouts.set(chart, { key, rows });
  return rows;
}

function labelText(event: ChartEventMarker): string {
  return truncate(event.title, 26);
}

export function eventAnnotations(events: ChartEventMarker[]): Record<string, AnnotationOptions> {
  const rowOf = (context: PartialEventContext, event: ChartEventMarker) => labelLayout(context.chart, events).get(event.id) ?? null;
  return Object.fromEntries(
    events.map((event) => [
      event.id,
      {
        type: "line",
        scaleID: "x",
        value: utcTimestamp(event.occurredOn),
        borderColor: "rgba(60, 60, 67, 0.6)",
        borderWidth: 1,
        borderDash: [4, 4],
        drawTime: "beforeDatasetsDraw",
        label: {
          display: (context) => rowOf(context, event) !== null,
          content: labelText(event),
          position: (context) => labelRows[rowOf(context, event) ?? 0]!.position,
          yAdjust: (context) => labelRows[rowOf(context, event) ?? 0]!.yAdjust,
          font: labelFont,
          color: "#1f2328",
          backgroundColor: "rgba(255, 255, 255, 0.92)",
          padding: labelPadding,
          borderWidth: 0,
        },
      } satisfies AnnotationOptions,
    ]),
  );
}
