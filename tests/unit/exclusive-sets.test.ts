import { describe, expect, it } from "vitest";
import { checkSetTotals } from "@/lib/scenarios/exclusive-sets";

describe("checkSetTotals", () => {
  const scenarios = ["holds", "breaks", "escalates"];

  it("flags an analyst whose estimates across an exclusive set do not sum to 100 %, and normalises them", () => {
    const [ann, ben] = checkSetTotals(scenarios, [
      { analystId: "b", analystName: "Ben", scenarioId: "holds", probability: 0.5 },
      { analystId: "b", analystName: "Ben", scenarioId: "breaks", probability: 0.3 },
      { analystId: "b", analystName: "Ben", scenarioId: "escalates", probability: 0.2 },
      { analystId: "a", analystName: "Ann", scenarioId: "holds", probability: 0.7 },
      { analystId: "a", analystName: "Ann", scenarioId: "breaks", probability: 0.4 },
      { analystId: "a", analystName: "Ann", scenarioId: "escalates", probability: 0.1 },
    ]);
    // Ann: 0.7 + 0.4 + 0.1 = 1.2; normalised 0.7 / 1.2 ≈ 0.583, 0.4 / 1.2 ≈ 0.333, 0.1 / 1.2 ≈ 0.083.
    expect(ann).toMatchObject({ analystName: "Ann", total: expect.closeTo(1.2, 12), inconsistent: true, missingCount: 0 });
    expect(ann!.normalised!.holds).toBeCloseTo(0.7 / 1.2, 12);
    expect(Object.values(ann!.normalised!).reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
    // Ben sums to 1 (0.5 + 0.3 + 0.2, within rounding).
    expect(ben).toMatchObject({ analystName: "Ben", total: expect.closeTo(1, 12), inconsistent: false });
  });

  it("counts scenarios an analyst has not estimated, and has no normalised view of a zero total", () => {
    const [only] = checkSetTotals(scenarios, [{ analystId: "c", analystName: "Cat", scenarioId: "holds", probability: 0 }]);
    expect(only).toMatchObject({ total: 0, missingCount: 2, inconsistent: true, normalised: null });
  });
});
