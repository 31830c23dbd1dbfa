// The coding queue's per-statement drafts, as a pure reducer (no React, no
// I/O) so that what each edit, save and undo does to the scores on screen can
// be unit-tested apart from the page.

import { stanceCodingSchema } from "@/lib/codings/schemas";
import type { Confidence } from "@/lib/generated/prisma/enums";

export type RowDraft = { score: number | null; isConditional: boolean; confidence: Confidence; rationale: string };

/** A row the server has settled: saved just now, or coded before (in another tab, say), in which case that coding stands. */
export type Settled = { kind: "saved"; values: RowDraft; codingId: string | null; version: number } | { kind: "existing"; message: string };

export type StatementDraft = { rows: Record<string, RowDraft>; settled: Record<string, Settled> };

/** Statement id → its draft. Kept while moving between statements, so skipping ahead loses nothing. */
export type QueueDrafts = Record<string, StatementDraft>;

export type DraftAction =
  | { type: "edit"; statementId: string; targetId: string; patch: Partial<RowDraft> }
  | { type: "settle"; statementId: string; settled: Record<string, Settled> }
  /** Undo: rows whose codings were reverted become editable again, keeping the values that were saved. */
  | { type: "unsettle"; statementId: string; codingIds: readonly string[] };

// Medium is the server's default too; the rationale is deliberately left empty so that every saved coding is argued.
export const emptyDraft: RowDraft = { score: null, isConditional: false, confidence: "MEDIUM", rationale: "" };

const emptyStatement: StatementDraft = { rows: {}, settled: {} };

export function reduceDrafts(drafts: QueueDrafts, action: DraftAction): QueueDrafts {
  const statement = drafts[action.statementId] ?? emptyStatement;
  switch (action.type) {
    case "edit": {
      const row = { ...(statement.rows[action.targetId] ?? emptyDraft), ...action.patch };
      return { ...drafts, [action.statementId]: { ...statement, rows: { ...statement.rows, [action.targetId]: row } } };
    }
    case "settle":
      return { ...drafts, [action.statementId]: { ...statement, settled: { ...statement.settled, ...action.settled } } };
    case "unsettle": {
      const reverted = new Set(action.codingIds);
      const settled = Object.fromEntries(
        Object.entries(statement.settled).filter(
          ([, entry]) => !(entry.kind === "saved" && entry.codingId && reverted.has(entry.codingId)),
        ),
      );
      return { ...drafts, [action.statementId]: { ...statement, settled } };
    }
  }
}

export function draftOf(drafts: QueueDrafts, statementId: string | null, targetId: string): RowDraft {
  return (statementId ? drafts[statementId]?.rows[targetId] : undefined) ?? emptyDraft;
}

export function settledOf(drafts: QueueDrafts, statementId: string | null, targetId: string): Settled | undefined {
  return statementId ? drafts[statementId]?.settled[targetId] : undefined;
}

/** A score given and not yet saved, on a statement still in the queue: leaving the page would lose it. */
export function hasUnsavedScores(drafts: QueueDrafts, done: ReadonlySet<string>): boolean {
  return Object.entries(drafts).some(
    ([statementId, statement]) =>
      !done.has(statementId) &&
      Object.entries(statement.rows).some(([targetId, row]) => row.score !== null && !statement.settled[targetId]),
  );
}

/** The codings this visit saved for a statement, with the versions an undo must name. */
export function savedCodings(drafts: QueueDrafts, statementId: string): { id: string; version: number }[] {
  return Object.values(drafts[statementId]?.settled ?? {}).flatMap((entry) =>
    entry.kind === "saved" && entry.codingId ? [{ id: entry.codingId, version: entry.version }] : [],
  );
}

/** Field name → message, as the API reports them ("rationale", "targetId", …). */
export type RowErrors = Record<string, string>;

/**
 * What must be fixed in a scored row before it is posted: the server's own rule
 * for the rationale (stanceCodingSchema), checked here so the message comes
 * before the round trip; only an empty one gets the queue's own sentence.
 */
export function checkRow(draft: RowDraft): RowErrors {
  if (!draft.rationale.trim()) return { rationale: "say why you gave this score; it is required" };
  const checked = stanceCodingSchema.shape.rationale.safeParse(draft.rationale);
  return checked.success ? {} : { rationale: checked.error.issues[0]?.message ?? "is not accepted" };
}
