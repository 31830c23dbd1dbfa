import { describe, expect, it } from "vitest";
import { placeEventLabels, type LabelBox } from "@/components/dashboard/event-annotations";

const plot = { left: 100, right: 400 };

/** The drawn extent of each placed label, as the plugin draws it: centred on its line, kept inside the plot. */
function extents(labels: LabelBox[], rows: (number | null)[]) {
  return labels.flatMap((label, index) => {
    const row = rows[index];
    if (row === null || row === undefined) return [];
    const centre = Math.min(Math.max(label.centre, plot.left + label.width / 2), plot.right - label.width / 2);
    return [{ row, start: centre - label.width / 2, end: centre + label.width / 2 }];
  });
}

describe("placeEventLabels", () => {
  it("puts labels that do not meet in the first row", () => {
    expect(
      placeEventLabels(
        [
          { centre: 150, width: 60 },
          { centre: 300, width: 60 },
        ],
        plot,
        4,
        6,
      ),
    ).toEqual([0, 0]);
  });

  it("moves a label that would meet its neighbour to the next free row, whatever order the events come in", () => {
    const labels = [
      { centre: 320, width: 80 },
      { centre: 200, width: 80 },
      { centre: 240, width: 80 },
    ];
    expect(placeEventLabels(labels, plot, 4, 6)).toEqual([0, 0, 1]);
  });

  it("keeps the gap between two labels in a row", () => {
    // 150 ± 30 ends at 180; a label starting at 184 is 4 px away, under the 6 px gap.
    expect(
      placeEventLabels(
        [
          { centre: 150, width: 60 },
          { centre: 214, width: 60 },
        ],
        plot,
        4,
        6,
      ),
    ).toEqual([0, 1]);
    expect(
      placeEventLabels(
        [
          { centre: 150, width: 60 },
          { centre: 216, width: 60 },
        ],
        plot,
        4,
        6,
      ),
    ).toEqual([0, 0]);
  });

  it("accounts for labels pushed inside the plot at its edges", () => {
    // Centred on 105, the first label is drawn from 100 to 180, so one centred on 200 (170 to 230) meets it.
    expect(
      placeEventLabels(
        [
          { centre: 105, width: 80 },
          { centre: 200, width: 60 },
        ],
        plot,
        4,
        6,
      ),
    ).toEqual([0, 1]);
  });

  it("leaves off labels when every row is taken, and labels wider than the plot", () => {
    const crowded = Array.from({ length: 6 }, (_, index) => ({ centre: 250 + index, width: 100 }));
    expect(placeEventLabels(crowded, plot, 4, 6)).toEqual([0, 1, 2, 3, null, null]);
    expect(placeEventLabels([{ centre: 250, width: 301 }], plot, 4, 6)).toEqual([null]);
  });

  it("never draws two labels in a row over each other, for many random layouts", () => {
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
      const rows = placeEventLabels(labels, plot, 4, 6);
      const placed = extents(labels, rows);
      for (const first of placed) {
        expect(first.start).toBeGreaterThanOrEqual(plot.left);
        expect(first.end).toBeLessThanOrEqual(plot.right);
        for (const second of placed) {
          if (first === second || first.row !== second.row) continue;
          expect(first.end + 6 <= second.start || second.end + 6 <= first.start).toBe(true);
        }
      }
      // A label is left off only when it is wider than the plot or every row is taken where it would be drawn.
      labels.forEach((label, index) => {
        if (rows[index] !== null) return;
        if (label.width > plot.right - plot.left) return;
        const centre = Math.min(Math.max(label.centre, plot.left + label.width / 2), plot.right - label.width / 2);
        const start = centre - label.width / 2;
        const end = centre + label.width / 2;
        for (let row = 0; row < 4; row += 1) {
          expect(placed.some((other) => other.row === row && other.end + 6 > start && other.start < end + 6)).toBe(true);
        }
      });
    }
  });
});
