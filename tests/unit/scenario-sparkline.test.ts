import { describe, expect, it } from "vitest";
import { sparklineDomain, sparklinePath, sparklineX, sparklineY, type SparklineBox } from "@/lib/scenarios/sparkline";

// 5 days across 0..100 with no padding: x = 0, 25, 50, 75, 100. Values −3..3 over a height of 60: y = 30 − 10·value.
const box: SparklineBox = { width: 100, height: 60, padding: 0, minimum: -3, maximum: 3 };
const days = (...values: (number | null)[]) => values.map((value) => ({ value }));

describe("sparklineX and sparklineY", () => {
  it("spreads days evenly and puts a lone day in the middle", () => {
    expect([0, 1, 4].map((index) => sparklineX(index, 5, box))).toEqual([0, 25, 100]);
    expect(sparklineX(0, 1, box)).toBe(50);
    expect(sparklineX(2, 3, { ...box, padding: 5 })).toBe(95);
  });

  it("puts the minimum at the bottom and the maximum at the top, clamping beyond them", () => {
    expect(sparklineY(-3, box)).toBe(60);
    expect(sparklineY(3, box)).toBe(0);
    expect(sparklineY(0, box)).toBe(30);
    expect(sparklineY(9, box)).toBe(0);
    expect(sparklineY(-9, box)).toBe(60);
    // 6 clear on each side leaves 48: +1 is two thirds up it, 32 above the bottom edge at 54.
    expect(sparklineY(1, { ...box, padding: 6 })).toBe(22);
  });

  it("draws a flat domain in the middle", () => {
    expect(sparklineY(2, { ...box, minimum: 2, maximum: 2 })).toBe(30);
  });
});

describe("sparklinePath", () => {
  it("joins consecutive days into one line", () => {
    expect(sparklinePath(days(0, 1, 2, 1, 0), box)).toBe("M0 30L25 20L50 10L75 20L100 30");
  });

  it("leaves days without a value as gaps, starting a new subpath after each", () => {
    expect(sparklinePath(days(0, 1, null, -1, -2), box)).toBe("M0 30L25 20M75 40L100 50");
  });

  it("draws a day between gaps as a dot (a zero-length segment)", () => {
    expect(sparklinePath(days(null, 3, null, null, 0), box)).toBe("M25 0h0M100 30h0");
  });

  it("is empty when no day has a value", () => {
    expect(sparklinePath(days(null, null), box)).toBe("");
    expect(sparklinePath([], box)).toBe("");
  });

  it("rounds coordinates to two decimals", () => {
    expect(sparklinePath(days(0, 0, 0, 0), { ...box, width: 10 })).toBe("M0 30L3.33 30L6.67 30L10 30");
  });
});

describe("sparklineDomain", () => {
  it("uses the whole stance scale for a mean", () => {
    expect(sparklineDomain("MEAN_STANCE", days(0.5, null), 1)).toEqual({ minimum: -3, maximum: 3 });
  });

  it("keeps both the highest count and the threshold in view for a count", () => {
    expect(sparklineDomain("STATEMENT_COUNT", days(0, 1, 2), 3)).toEqual({ minimum: 0, maximum: 4 });
    expect(sparklineDomain("STATEMENT_COUNT", days(0, 8, null), 3)).toEqual({ minimum: 0, maximum: 10 });
    expect(sparklineDomain("STATEMENT_COUNT", days(0, 0), 0)).toEqual({ minimum: 0, maximum: 1 });
  });
});
