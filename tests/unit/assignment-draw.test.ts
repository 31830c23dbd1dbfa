import { describe, expect, it } from "vitest";
import { drawAssignments, seededRandom } from "@/lib/assignments/draw";

const statements = (count: number) => Array.from({ length: count }, (_, index) => `statement-${String(index).padStart(5, "0")}`);

describe("the assignment draw", () => {
  it("gives the same draw for the same seed, whatever the order of the statements", () => {
    const ids = statements(300);
    const first = drawAssignments({ statementIds: ids, coderIds: ["a", "b", "c"], share: 0.7, overlap: 0.2, seed: "spring-2026" });
    const again = drawAssignments({
      statementIds: [...ids].reverse(),
      coderIds: ["a", "b", "c"],
      share: 0.7,
      overlap: 0.2,
      seed: "spring-2026",
    });
    expect(again).toEqual(first);
  });

  it("gives a different draw for another seed", () => {
    const ids = statements(300);
    const one = drawAssignments({ statementIds: ids, coderIds: ["a", "b"], share: 1, overlap: 0.2, seed: "one" });
    const other = drawAssignments({ statementIds: ids, coderIds: ["a", "b"], share: 1, overlap: 0.2, seed: "other" });
    const overlapOf = (draw: typeof one) => new Set(draw.filter((row) => row.isOverlap).map((row) => row.statementId));
    expect([...overlapOf(one)].sort()).not.toEqual([...overlapOf(other)].sort());
  });

  it("double-codes the requested share, with two different coders, across many seeds", () => {
    const ids = statements(2_000);
    for (let round = 0; round < 20; round++) {
      const draw = drawAssignments({ statementIds: ids, coderIds: ["a", "b", "c", "d"], share: 0.5, overlap: 0.2, seed: `seed-${round}` });
      const assigned = new Set(draw.map((row) => row.statementId));
      expect(Math.abs(assigned.size / ids.length - 0.5)).toBeLessThanOrEqual(0.001);
      const byStatement = new Map<string, string[]>();
      for (const row of draw) byStatement.set(row.statementId, [...(byStatement.get(row.statementId) ?? []), row.coderId]);
      const doubled = [...byStatement.values()].filter((coders) => coders.length === 2);
      expect(Math.abs(doubled.length / assigned.size - 0.2)).toBeLessThanOrEqual(0.001);
      for (const coders of doubled) expect(new Set(coders).size).toBe(2);
      expect([...byStatement.values()].every((coders) => coders.length <= 2)).toBe(true);
    }
  });

  it("draws the sample at random: over many seeds each statement is double-coded about as often as the share", () => {
    const ids = statements(50);
    const timesDoubled = new Map(ids.map((id) => [id, 0]));
    const rounds = 2_000;
    for (let round = 0; round < rounds; round++) {
      for (const row of drawAssignments({ statementIds: ids, coderIds: ["a", "b"], share: 1, overlap: 0.2, seed: `r${round}` })) {
        if (row.isOverlap && row.coderId === "a") timesDoubled.set(row.statementId, timesDoubled.get(row.statementId)! + 1);
      }
    }
    // Each statement is in the sample with probability 0.2; half the time "a" is the first or the second coder.
    for (const count of timesDoubled.values()) expect(count / rounds).toBeGreaterThan(0.2 * 0.5 * 0.6);
  });

  it("spreads the load evenly over the coders", () => {
    const draw = drawAssignments({ statementIds: statements(999), coderIds: ["a", "b", "c"], share: 1, overlap: 0, seed: "even" });
    const load = (coder: string) => draw.filter((row) => row.coderId === coder).length;
    expect([load("a"), load("b"), load("c")]).toEqual([333, 333, 333]);
  });

  it("refuses an overlap with one coder, repeated coders and shares out of range", () => {
    const base = { statementIds: statements(10), coderIds: ["a", "b"], share: 1, overlap: 0.2, seed: "x" };
    expect(() => drawAssignments({ ...base, coderIds: ["a"] })).toThrow(RangeError);
    expect(() => drawAssignments({ ...base, coderIds: ["a", "a"] })).toThrow(RangeError);
    expect(() => drawAssignments({ ...base, share: 0 })).toThrow(RangeError);
    expect(() => drawAssignments({ ...base, overlap: 1.5 })).toThrow(RangeError);
    expect(() => drawAssignments({ ...base, share: Number.NaN })).toThrow(RangeError);
  });

  it("has a generator that stays in [0, 1)", () => {
    const random = seededRandom("");
    for (let index = 0; index < 10_000; index++) {
      const value = random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});
