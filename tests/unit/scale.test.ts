import { describe, expect, it } from "vitest";
import { describeScore, formatScore } from "@/lib/codings/scale";

describe("the stance scale", () => {
  it("names every point from −3 to +3", () => {
    expect([-3, -2, -1, 0, 1, 2, 3].map(describeScore)).toEqual([
      "Very hostile",
      "Hostile",
      "Somewhat hostile",
      "Neutral or mixed",
      "Somewhat conciliatory",
      "Conciliatory",
      "Very conciliatory",
    ]);
  });

  it("refuses scores off the scale", () => {
    expect(() => describeScore(4)).toThrowError(RangeError);
    expect(() => describeScore(1.5)).toThrowError(/whole number from -3 to 3/);
  });

  it("formats scores with an explicit sign and a true minus", () => {
    expect(formatScore(2)).toBe("+2");
    expect(formatScore(-1.25, 1)).toBe("−1.3");
    expect(formatScore(0)).toBe("0");
    expect(formatScore(-0.04, 1)).toBe("0.0");
  });
});
