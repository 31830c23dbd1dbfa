import { describe, expect, it } from "vitest";
import { mergeEdits } from "@/lib/edits/merge";

describe("mergeEdits", () => {
  const base = { score: 1, confidence: "MEDIUM", rationale: "first" };

  it("keeps their change to a field I did not touch and applies mine", () => {
    const mine = { ...base, rationale: "my later thought" };
    const theirs = { ...base, confidence: "LOW" };
    expect(mergeEdits(base, mine, theirs)).toEqual({ score: 1, confidence: "LOW", rationale: "my later thought" });
  });

  it("lets my change win where both changed the same field", () => {
    expect(mergeEdits(base, { ...base, score: 3 }, { ...base, score: -1 })).toEqual({ ...base, score: 3 });
  });

  it("takes the newer version whole when I changed nothing", () => {
    const theirs = { score: 2, confidence: "HIGH", rationale: "theirs" };
    expect(mergeEdits(base, { ...base }, theirs)).toEqual(theirs);
  });

  it("uses the given notion of sameness (e.g. ignoring surrounding spaces)", () => {
    const same = (field: keyof typeof base, a: typeof base, b: typeof base) => String(a[field]).trim() === String(b[field]).trim();
    expect(mergeEdits(base, { ...base, rationale: "first  " }, { ...base, rationale: "theirs" }, same).rationale).toBe("theirs");
  });
});
