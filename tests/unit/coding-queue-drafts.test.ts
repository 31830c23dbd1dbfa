import { describe, expect, it } from "vitest";
import {
  checkRow,
  draftOf,
  emptyDraft,
  hasUnsavedScores,
  reduceDrafts,
  savedCodings,
  settledOf,
  type QueueDrafts,
} from "@/components/coding-queue-drafts";

const scored = (drafts: QueueDrafts, statementId: string, targetId: string, score: number) =>
  reduceDrafts(drafts, { type: "edit", statementId, targetId, patch: { score } });

describe("coding queue drafts", () => {
  it("starts every row empty and keeps each statement's rows apart", () => {
    let drafts: QueueDrafts = {};
    expect(draftOf(drafts, "s1", "iran")).toEqual(emptyDraft);
    expect(draftOf(drafts, null, "iran")).toEqual(emptyDraft);
    drafts = scored(drafts, "s1", "iran", 2);
    drafts = reduceDrafts(drafts, { type: "edit", statementId: "s1", targetId: "iran", patch: { rationale: "because" } });
    drafts = scored(drafts, "s2", "iran", -3);
    expect(draftOf(drafts, "s1", "iran")).toEqual({ ...emptyDraft, score: 2, rationale: "because" });
    expect(draftOf(drafts, "s2", "iran").score).toBe(-3);
    expect(draftOf(drafts, "s1", "israel")).toEqual(emptyDraft);
  });

  it("does not change the state it is given", () => {
    const drafts = Object.freeze(scored({}, "s1", "iran", 1));
    const next = scored(drafts, "s1", "iran", 3);
    expect(draftOf(drafts, "s1", "iran").score).toBe(1);
    expect(draftOf(next, "s1", "iran").score).toBe(3);
  });

  it("counts a score as unsaved until it is settled or its statement is done", () => {
    let drafts = scored({}, "s1", "iran", 2);
    expect(hasUnsavedScores(drafts, new Set())).toBe(true);
    expect(hasUnsavedScores(drafts, new Set(["s1"]))).toBe(false);
    // Not addressed is not a score to lose.
    expect(
      hasUnsavedScores(reduceDrafts(drafts, { type: "edit", statementId: "s1", targetId: "iran", patch: { score: null } }), new Set()),
    ).toBe(false);
    drafts = reduceDrafts(drafts, {
      type: "settle",
      statementId: "s1",
      settled: { iran: { kind: "saved", values: draftOf(drafts, "s1", "iran"), codingId: "c1", version: 1 } },
    });
    expect(hasUnsavedScores(drafts, new Set())).toBe(false);
    expect(settledOf(drafts, "s1", "iran")).toMatchObject({ kind: "saved", codingId: "c1" });
  });

  it("lists the saved codings for an undo and, once reverted, makes those rows editable with their values", () => {
    let drafts = scored(scored({}, "s1", "iran", 2), "s1", "israel", -1);
    drafts = reduceDrafts(drafts, {
      type: "settle",
      statementId: "s1",
      settled: {
        iran: { kind: "saved", values: draftOf(drafts, "s1", "iran"), codingId: "c1", version: 1 },
        israel: { kind: "existing", message: "already coded" },
      },
    });
    drafts = reduceDrafts(drafts, {
      type: "settle",
      statementId: "s1",
      settled: { usa: { kind: "saved", values: emptyDraft, codingId: "c2", version: 3 } },
    });
    expect(savedCodings(drafts, "s1")).toEqual([
      { id: "c1", version: 1 },
      { id: "c2", version: 3 },
    ]);
    expect(savedCodings(drafts, "nowhere")).toEqual([]);

    // c2 could not be reverted (say, a 409): it stays saved; the existing coding is never undone.
    drafts = reduceDrafts(drafts, { type: "unsettle", statementId: "s1", codingIds: ["c1"] });
    expect(settledOf(drafts, "s1", "iran")).toBeUndefined();
    expect(settledOf(drafts, "s1", "usa")).toMatchObject({ codingId: "c2" });
    expect(settledOf(drafts, "s1", "israel")).toMatchObject({ kind: "existing" });
    expect(draftOf(drafts, "s1", "iran").score).toBe(2);
    expect(hasUnsavedScores(drafts, new Set())).toBe(true);
  });
});

describe("checkRow", () => {
  it("requires a rationale within the server's limit", () => {
    expect(checkRow({ ...emptyDraft, score: 1, rationale: "  " })).toHaveProperty("rationale");
    expect(checkRow({ ...emptyDraft, score: 1, rationale: "x".repeat(2001) })).toHaveProperty("rationale");
    expect(checkRow({ ...emptyDraft, score: 1, rationale: ` ${"x".repeat(2000)} ` })).toEqual({});
  });
});
