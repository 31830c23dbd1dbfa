import { describe, expect, it } from "vitest";
import { placeEventLabels, type LabelBox } from "@/components/dashboard/event-annotations";

const plot = { left: 100, right: 400 };
const rowCount = 4;
const gap = 6;

/** Labels given as [centre, width] pairs, placed in the test plot. */
const place = (...labels: [number, number][]) =>
  placeEventLabels(
    labels.map(([centre, width]) => ({ centre, width })),
    plot,
    rowCount,
    gap,
  );

/** Where the plugin draws a label: centred on its line, kept inside the plot. */
function drawnExtent(label: LabelBox) {
  const centre = Math.min(Math.max(label.centre, plot.left + label.width / 2), plot.right - label.width / 2);
  return { start: centre - label.width / 2, end: centre + label.width / 2 };
}

describe("placeEventLabels", () => {
  it("puts labels that do not meet in the first row", () => {
    expect(place([150, 60], [300, 60])).toEqual([0, 0]);
  });

  it("moves a label that would meet its neighbour to the next free row, whatever order the events come in", () => {
    expect(place([320, 80], [200, 80], [240, 80])).toEqual([0, 0, 1]);
  });

  it("keeps the gap between two labels in a row", () => {
    // 150 ± 30 ends at 180; a label starting at 184 is 4 px away, under the 6 px gap.
    expect(place([150, 60], [214, 60])).toEqual([0, 1]);
    expect(place([150, 60], [216, 60])).toEqual([0, 0]);
  });

  it("accounts for labels pushed inside the plot at its edges", () => {
    // Centred on 105, the first label is drawn from 100 to 180, so one centred on 200 (170 to 230) meets it.
    expect(place([105, 80], [200, 60])).toEqual([0, 1]);
  });

  it("leaves off labels when every row is taken, and labels wider than the plot", () => {
    expect(place(...Array.from({ length: 6 }, (_, index): [number, number] => [250 + index, 100]))).toEqual([0, 1, 2, 3, null, null]);
    expect(place([250, 301])).toEqual([null]);
  });

  it("never draws two labels in a row over each other, and leaves one off only where every row is taken, for many random layouts", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let trial = 0; trial < 500; trial += 1) {
      const labels = Array.from({ length: 1 + Math.floor(random() * 20) }, () => ({
        centre: 80 + random() * 340,
        width: 20 + random() * 200,
      }));
      const rows = placeEventLabels(labels, plot, rowCount, gap);
      const extents = labels.map((label, index) => ({ ...drawnExtent(label), row: rows[index] ?? null, width: label.width }));
      const placed = extents.filter((extent) => extent.row !== null);
      for (const first of placed) {
        expect(first.start).toBeGreaterThanOrEqual(plot.left);
        expect(first.end).toBeLessThanOrEqual(plot.right);
        for (const second of placed) {
          if (first === second || first.row !== second.row) continue;
          expect(first.end + gap <= second.start || second.end + gap <= first.start).toBe(true);
        }
      }
      for (const left of extents.filter((extent) => extent.row === null && extent.width <= plot.right - plot.left)) {
        for (let row = 0; row < rowCount; row += 1) {
          expect(placed.some((other) => other.row === row && other.end + gap > left.start && other.start < left.end + gap)).toBe(true);
        }
      }
    }
  });
});
