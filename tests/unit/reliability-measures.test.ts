import { describe, expect, it } from "vitest";
import { agreementWithinOnePoint, coderDeviations, confusionMatrix, unitsCodedByBoth, type Coding } from "@/lib/reliability/agreement";
import { isDisagreement, isOnePointDisagreement } from "@/lib/reliability/disagreements";

const codings: Coding[] = [
  { unitId: "u1", coderId: "ann", value: 2 },
  { unitId: "u1", coderId: "ben", value: 1 },
  { unitId: "u2", coderId: "ann", value: -1 },
  { unitId: "u2", coderId: "ben", value: -1 },
  { unitId: "u3", coderId: "ann", value: 3 },
  { unitId: "u3", coderId: "ben", value: 0 },
  { unitId: "u3", coderId: "cat", value: 1 },
  { unitId: "u4", coderId: "cat", value: -2 },
];

describe("agreementWithinOnePoint", () => {
  it("counts units whose values lie within one point, over pairable units only", () => {
    // u1 (2, 1) and u2 (−1, −1) are within a point; u3 spans 3; u4 has one value and is not pairable.
    expect(agreementWithinOnePoint([[2, 1], [-1, -1], [3, 0, 1], [-2]])).toEqual({ proportion: 2 / 3, agreeingUnits: 2, units: 3 });
    expect(agreementWithinOnePoint([[1]])).toEqual({ proportion: null, agreeingUnits: 0, units: 0 });
  });
});

describe("confusionMatrix", () => {
  it("counts the two coders' scores over the units both coded, first coder in rows", () => {
    const pairs = unitsCodedByBoth(codings, "ann", "ben");
    expect(pairs).toEqual([
      [2, 1],
      [-1, -1],
      [3, 0],
    ]);
    const matrix = confusionMatrix(pairs, [-3, -2, -1, 0, 1, 2, 3]);
    expect(matrix[5]![4]).toBe(1); // Ann 2, Ben 1
    expect(matrix[2]![2]).toBe(1); // both −1
    expect(matrix[6]![3]).toBe(1); // Ann 3, Ben 0
    expect(matrix.flat().reduce((sum, count) => sum + count, 0)).toBe(3);
    expect(() => confusionMatrix([[4, 0]], [-3, -2, -1, 0, 1, 2, 3])).toThrowError(RangeError);
  });
});

describe("coderDeviations", () => {
  it("measures each coder against the adjudicated value, else the median of the unit's codings", () => {
    // u3 adjudicated at 1. u1: median (2 + 1) / 2 = 1.5. u2: −1. u4: coded once, no reference.
    const deviations = coderDeviations(codings, new Map([["u3", 1]]));
    const byCoder = Object.fromEntries(deviations.map((deviation) => [deviation.coderId, deviation]));
    // Ann: +0.5 (u1), 0 (u2), +2 (u3) → mean 2.5 / 3; absolute the same.
    expect(byCoder.ann).toMatchObject({
      units: 3,
      meanDeviation: expect.closeTo(2.5 / 3, 12),
      meanAbsoluteDeviation: expect.closeTo(2.5 / 3, 12),
    });
    // Ben: −0.5, 0, −1 → −1.5 / 3 = −0.5; absolute 0.5.
    expect(byCoder.ben).toMatchObject({
      units: 3,
      meanDeviation: expect.closeTo(-0.5, 12),
      meanAbsoluteDeviation: expect.closeTo(0.5, 12),
    });
    // Cat: u3 only (0 from the adjudicated 1); u4 has no reference.
    expect(byCoder.cat).toMatchObject({ units: 1, meanDeviation: 0 });
  });

  it("has no deviation for a coder with no unit to compare", () => {
    expect(coderDeviations([{ unitId: "solo", coderId: "dan", value: 2 }], new Map())).toEqual([
      { coderId: "dan", units: 0, meanDeviation: null, meanAbsoluteDeviation: null },
    ]);
  });
});

describe("isOnePointDisagreement", () => {
  it("lists codings exactly one point apart, which the adjudication queue leaves out", () => {
    expect(isOnePointDisagreement([1, 2])).toBe(true);
    expect(isOnePointDisagreement([0, -1, 0])).toBe(true);
    expect(isOnePointDisagreement([2, 2])).toBe(false);
    expect(isOnePointDisagreement([0, 2])).toBe(false);
    expect(isDisagreement([0, 2])).toBe(true);
    expect(isOnePointDisagreement([1])).toBe(false);
  });
});
