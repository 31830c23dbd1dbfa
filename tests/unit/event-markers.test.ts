// The eventMarkers plugin on a chart stand-in: a scale, a plot area and a 2D context that records what is drawn.
import type { Chart } from "chart.js";
import { describe, expect, it } from "vitest";
import { eventMarkers, type EventMarkerOptions } from "@/components/dashboard/event-annotations";
import { utcTimestamp } from "@/components/dashboard/time-axis";
import type { ChartEventMarker } from "@/lib/dashboard/types";

type Stroke = { from: [number, number]; to: [number, number]; dash: number[]; width: number };
type Text = { text: string; x: number; y: number; box: { left: number; top: number; width: number; height: number } };

/** A 2D context keeping the strokes and texts; a character is 6 px wide. */
function recordingContext() {
  const strokes: Stroke[] = [];
  const texts: Text[] = [];
  let path: [number, number][] = [];
  let dash: number[] = [];
  let lastRect = { left: 0, top: 0, width: 0, height: 0 };
  const context = {
    font: "",
    lineWidth: 1,
    strokeStyle: "",
    fillStyle: "",
    textAlign: "",
    textBaseline: "",
    save() {},
    restore() {},
    clip() {},
    rect() {},
    beginPath: () => (path = []),
    moveTo: (x: number, y: number) => path.push([x, y]),
    lineTo: (x: number, y: number) => path.push([x, y]),
    stroke() {
      strokes.push({ from: path[0]!, to: path[1]!, dash: [...dash], width: context.lineWidth });
    },
    setLineDash: (segments: number[]) => (dash = segments),
    measureText: (text: string) => ({ width: text.length * 6 }),
    fillRect: (left: number, top: number, width: number, height: number) => (lastRect = { left, top, width, height }),
    fillText: (text: string, x: number, y: number) => texts.push({ text, x, y, box: lastRect }),
  };
  return { context, strokes, texts };
}

const day = (date: string) => utcTimestamp(date);
const area = { left: 50, right: 650, top: 10, bottom: 310 };
// One pixel a day from 1 January 2024 at the plot's left edge.
const scale = {
  min: day("2024-01-01"),
  max: day("2024-08-28"),
  getPixelForValue: (value: number) => area.left + (value - day("2024-01-01")) / 86_400_000,
};

function event(id: string, occurredOn: string, title: string): ChartEventMarker {
  return { id, slug: id, title, occurredOn, kind: "OTHER", description: "" };
}

function draw(options: EventMarkerOptions) {
  const recorded = recordingContext();
  const chart = {
    config: { options: { plugins: { eventMarkers: options } } },
    scales: { x: scale },
    chartArea: area,
    ctx: recorded.context,
  };
  eventMarkers.beforeDatasetsDraw!(chart as unknown as Chart, { cancelable: true }, {});
  return recorded;
}

describe("eventMarkers", () => {
  it("draws a dashed line across the plot at each event in the axis's range, and none outside it", () => {
    const { strokes } = draw({
      events: [event("a", "2024-02-01", "First"), event("b", "2024-06-30", "Second"), event("c", "2023-12-31", "Before the axis")],
    });
    expect(strokes).toEqual([
      { from: [81.5, area.top], to: [81.5, area.bottom], dash: [4, 4], width: 1 },
      { from: [231.5, area.top], to: [231.5, area.bottom], dash: [4, 4], width: 1 },
    ]);
  });

  it("labels each line with its title, truncated, centred on it and kept inside the plot, in rows that do not overlap", () => {
    const { texts } = draw({
      events: [
        event("a", "2024-01-02", "At the left edge"),
        event("b", "2024-01-10", "Close to the first"),
        event("c", "2024-05-01", "A title far longer than twenty-six characters"),
      ],
    });
    expect(texts.map((text) => text.text)).toEqual(["At the left edge", "Close to the first", "A title far longer than t…"]);
    const [first, second, third] = texts;
    // Kept inside the plot, padding included, though its line is 1 px from the edge.
    expect(first!.box.left).toBe(area.left + 3);
    // The second would meet the first along the top: it goes along the bottom.
    expect(first!.box.top).toBe(area.top);
    expect(second!.box.top + second!.box.height).toBe(area.bottom);
    // Centred on its line, the text in the middle of its box.
    expect(third!.box.left + third!.box.width / 2).toBe(scale.getPixelForValue(day("2024-05-01")));
    expect(third!.x).toBe(third!.box.left + third!.box.width / 2);
  });

  it("draws the marked time as a solid line labelled in the middle, over the events", () => {
    const { strokes, texts } = draw({
      events: [event("a", "2024-02-01", "First")],
      marked: { value: day("2024-07-01"), label: "Horizon" },
    });
    expect(strokes.at(-1)).toEqual({ from: [232, area.top], to: [232, area.bottom], dash: [], width: 2 });
    const horizon = texts.find((text) => text.text === "Horizon")!;
    expect(horizon.y).toBe((area.top + area.bottom) / 2);
  });

  it("draws nothing for a marked time outside the axis's range, or without options", () => {
    expect(draw({ events: [], marked: { value: day("2025-01-01"), label: "Horizon" } }).strokes).toEqual([]);
    const recorded = recordingContext();
    const chart = { config: { options: { plugins: {} } }, scales: { x: scale }, chartArea: area, ctx: recorded.context };
    eventMarkers.beforeDatasetsDraw!(chart as unknown as Chart, { cancelable: true }, {});
    expect(recorded.strokes).toEqual([]);
  });
});
