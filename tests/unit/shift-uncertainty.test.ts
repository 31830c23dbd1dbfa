import { describe, expect, it } from "vitest";
import { changeInterval, tCritical975 } from "@/lib/dashboard/shift-uncertainty";

describe("tCritical975", () => {
  it("reads Student's t from the table and interpolates between rows", () => {
    expect(tCritical975(1)).toBeCloseTo(12.706, 3);
    expect(tCritical975(4)).toBeCloseTo(2.776, 3);
    // Tables give 2.145 for 14 degrees of freedom.
    expect(tCritical975(14)).toBeCloseTo(2.145, 2);
    // 40 degrees of freedom: 2.021.
    expect(tCritical975(40)).toBeCloseTo(2.021, 2);
    expect(tCritical975(1e9)).toBeCloseTo(1.96, 3);
    expect(() => tCritical975(0.5)).toThrowError(RangeError);
  });
});

describe("changeInterval", () => {
  it("is Welch's interval for the difference of two means", () => {
    // Before: −1, 0, 1 (mean 0, sd 1); after: 1, 2, 3 (mean 2, sd 1). Standard error √(1/3 + 1/3) ≈ 0.8165;
    // Welch df = (2/3)² / ((1/3)²/2 × 2) = 4; t = 2.776; half width ≈ 2.267.
    const interval = changeInterval(
      { mean: 0, standardDeviation: 1, statementCount: 3 },
      { mean: 2, standardDeviation: 1, statementCount: 3 },
    )!;
    expect(interval.lower).toBeCloseTo(2 - 2.776 * Math.sqrt(2 / 3), 3);
    expect(interval.upper).toBeCloseTo(2 + 2.776 * Math.sqrt(2 / 3), 3);
  });

  it("is unknown on one statement a side, or when neither side varies", () => {
    expect(
      changeInterval({ mean: 1, standardDeviation: null, statementCount: 1 }, { mean: -2, standardDeviation: 0, statementCount: 2 }),
    ).toBeNull();
    expect(
      changeInterval({ mean: 1, standardDeviation: 0, statementCount: 3 }, { mean: -2, standardDeviation: 0, statementCount: 3 }),
    ).toBeNull();
  });
});
