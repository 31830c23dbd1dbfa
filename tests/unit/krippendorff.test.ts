import { describe, expect, it } from "vitest";
import { type Coding, pairwiseAlpha, percentAgreement, unitsFromCodings } from "@/lib/reliability/agreement";
import { krippendorffAlpha } from "@/lib/reliability/krippendorff";

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
// observers A–D (rows) × units 1–12 (columns), null = missing.
const observers: (number | null)[][] = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];
const sectionC = Array.from({ length: 12 }, (_, unit) =>
  observers.flatMap((row) => {
    const value = row[unit];
    return value == null ? [] : [value];
  }),
);

describe("krippendorffAlpha", () => {
  it("reproduces the paper's example with four observers and missing values", () => {
    expect(krippendorffAlpha(sectionC, "nominal").alpha).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(sectionC, "ordinal").alpha).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(sectionC, "interval").alpha).toBeCloseTo(0.849, 3);
    // Unit 12 was coded once, so 11 units and 40 values are pairable.
    expect(krippendorffAlpha(sectionC, "nominal")).toMatchObject({ units: 11, pairableValues: 40 });
  });

  it("reproduces the paper's two-observer binary example", () => {
    const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    const units = a.map((value, i) => [value, b[i] ?? Number.NaN]);
    expect(krippendorffAlpha(units, "nominal")).toMatchObject({ units: 10, pairableValues: 20 });
    expect(krippendorffAlpha(units, "nominal").alpha).toBeCloseTo(0.095, 3);
  });

  it("is undefined when no unit has two values, as with a single coder", () => {
    expect(krippendorffAlpha([[1], [2], [-3]], "ordinal")).toEqual({ alpha: null, units: 0, pairableValues: 0 });
    expect(krippendorffAlpha([], "nominal")).toEqual({ alpha: null, units: 0, pairableValues: 0 });
  });

  it("is undefined without variation, though raw agreement is then complete", () => {
    const units = [
      [2, 2],
      [2, 2, 2],
      [2, 2],
    ];
    for (const level of ["nominal", "ordinal", "interval"] as const) {
      expect(krippendorffAlpha(units, level)).toEqual({ alpha: null, units: 3, pairableValues: 7 });
    }
    expect(percentAgreement(units)).toEqual({ proportion: 1, agreeingUnits: 3, units: 3 });
  });

  it("ignores units coded once, including their values in the marginals", () => {
    const units = [
      [-3, -3],
      [0, 1],
      [3, 3],
    ];
    const withSingles = [...units, [3], [-2], [0]];
    for (const level of ["nominal", "ordinal", "interval"] as const) {
      expect(krippendorffAlpha(withSingles, level)).toEqual(krippendorffAlpha(units, level));
    }
  });

  it("is 1 for perfect agreement with variation", () => {
    const units = [
      [-3, -3, -3],
      [0, 0],
      [2, 2, 2, 2],
    ];
    for (const level of ["nominal", "ordinal", "interval"] as const) expect(krippendorffAlpha(units, level).alpha).toBe(1);
  });

  it("does not depend on the order of coders within a unit or of the units", () => {
    const shuffled = sectionC.map((unit) => [...unit].reverse()).reverse();
    for (const level of ["nominal", "ordinal", "interval"] as const) {
      expect(krippendorffAlpha(shuffled, level).alpha).toBeCloseTo(krippendorffAlpha(sectionC, level).alpha ?? Number.NaN, 12);
    }
  });

  it("weighs disagreements by level: a near miss costs less when distances count", () => {
    // Same data, one near miss (1 vs 2): nominal treats it as a full disagreement.
    const units = [
      [-3, -3],
      [1, 2],
      [3, 3],
      [0, 0],
    ];
    const nominal = krippendorffAlpha(units, "nominal").alpha ?? Number.NaN;
    const interval = krippendorffAlpha(units, "interval").alpha ?? Number.NaN;
    expect(interval).toBeGreaterThan(nominal);
  });

  it("rejects values that are not finite numbers", () => {
    expect(() => krippendorffAlpha([[1, Number.NaN]], "interval")).toThrow(RangeError);
  });
});

describe("percentAgreement", () => {
  it("counts pairable units whose values are all equal", () => {
    expect(percentAgreement([[1, 1], [1, 2], [0, 0, 0], [3]])).toEqual({ proportion: 2 / 3, agreeingUnits: 2, units: 3 });
    expect(percentAgreement([[1], []])).toEqual({ proportion: null, agreeingUnits: 0, units: 0 });
  });
});

describe("codings", () => {
  // Ana and Ben agree throughout; Cal scores every statement two points more conciliatory.
  const scores: Record<string, number[]> = {
    ana: [-3, -2, -1, 0, 1, 1, -2, 0],
    ben: [-3, -2, -1, 0, 1, 1, -2, 0],
    cal: [-1, 0, 1, 2, 3, 3, 0, 2],
  };
  const codings: Coding[] = Object.entries(scores).flatMap(([coderId, values]) =>
    values.map((value, i) => ({ unitId: `statement-${i}:target`, coderId, value })),
  );

  it("builds one unit per unit id with one value per coder", () => {
    const units = unitsFromCodings([
      { unitId: "s1", coderId: "ana", value: 1 },
      { unitId: "s2", coderId: "ana", value: -1 },
      { unitId: "s1", coderId: "ben", value: 2 },
    ]);
    expect(units).toEqual([[1, 2], [-1]]);
  });

  it("rejects a coder coding the same unit twice", () => {
    expect(() =>
      unitsFromCodings([
        { unitId: "s1", coderId: "ana", value: 1 },
        { unitId: "s1", coderId: "ana", value: 2 },
      ]),
    ).toThrow(RangeError);
  });

  it("gives the pair with the systematic disagreer a lower alpha", () => {
    const pairs = pairwiseAlpha(codings, "ordinal");
    expect(pairs.map((pair) => pair.coders)).toEqual([
      ["ana", "ben"],
      ["ana", "cal"],
      ["ben", "cal"],
    ]);
    const [anaBen, anaCal, benCal] = pairs;
    expect(anaBen).toEqual({ coders: ["ana", "ben"], alpha: 1, units: 8, pairableValues: 16 });
    expect(anaCal?.alpha).toBeLessThan(1);
    expect(benCal?.alpha).toBeCloseTo(anaCal?.alpha ?? Number.NaN, 12);
    expect(anaCal?.units).toBe(8);
  });

  it("computes each pair over the units both coders coded, keeping pairs without overlap", () => {
    const pairs = pairwiseAlpha(
      [
        { unitId: "s1", coderId: "ana", value: 1 },
        { unitId: "s1", coderId: "ben", value: 1 },
        { unitId: "s2", coderId: "ana", value: -2 },
        { unitId: "s2", coderId: "ben", value: -2 },
        { unitId: "s3", coderId: "cal", value: 0 },
        { unitId: "s3", coderId: "ben", value: 3 },
      ],
      "interval",
    );
    expect(pairs).toEqual([
      { coders: ["ana", "ben"], alpha: 1, units: 2, pairableValues: 4 },
      { coders: ["ana", "cal"], alpha: null, units: 0, pairableValues: 0 },
      // One disagreeing unit: observed and expected disagreement coincide.
      { coders: ["ben", "cal"], alpha: 0, units: 1, pairableValues: 2 },
    ]);
  });
});
