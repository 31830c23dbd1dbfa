import { describe, expect, it } from "vitest";
import { describeChanges } from "@/lib/audit/diff";

describe("describeChanges", () => {
  it("lists the fields that changed, ignoring bookkeeping", () => {
    expect(
      describeChanges({ score: 1, rationale: "a", version: 1, updatedAt: "x" }, { score: 2, rationale: "a", version: 2, updatedAt: "y" }),
    ).toEqual([{ field: "score", before: 1, after: 2 }]);
  });

  it("shows every field of a creation or a deletion, but not absent-versus-null", () => {
    expect(describeChanges(null, { score: 1, deletedAt: null })).toEqual([{ field: "score", before: null, after: 1 }]);
    expect(describeChanges({ rationale: "gone" }, null)).toEqual([{ field: "rationale", before: "gone", after: null }]);
  });

  it("compares nested values by content", () => {
    expect(describeChanges({ meta: { a: 1 } }, { meta: { a: 1 } })).toEqual([]);
    expect(describeChanges({ meta: { a: 1 } }, { meta: { a: 2 } })).toHaveLength(1);
  });
});
