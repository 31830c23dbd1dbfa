// A statement's stance toward each target as the evidence matrix records it:
// the adjudicated score where there is one, else the mean of the coders'
// scores. Pure: the data layer and the seed both build it from rows they read.

export type StanceSnapshot = Record<string, { targetName: string; score: number }>;

type CodingRow = { statementId: string; targetId: string; targetName: string; score: number };
type AdjudicationRow = { statementId: string; targetId: string; score: number };

/** Snapshots keyed by statement id, each keyed by target id. */
export function summariseStance(codings: CodingRow[], adjudications: AdjudicationRow[]): Map<string, StanceSnapshot> {
  const sums = new Map<string, { statementId: string; targetId: string; targetName: string; total: number; count: number }>();
  for (const coding of codings) {
    const key = `${coding.statementId}:${coding.targetId}`;
    const entry = sums.get(key) ?? {
      statementId: coding.statementId,
      targetId: coding.targetId,
      targetName: coding.targetName,
      total: 0,
      count: 0,
    };
    entry.total += coding.score;
    entry.count += 1;
    sums.set(key, entry);
  }
  const settled = new Map(
    adjudications.map((adjudication) => [`${adjudication.statementId}:${adjudication.targetId}`, adjudication.score]),
  );
  const snapshots = new Map<string, StanceSnapshot>();
  for (const [key, entry] of sums) {
    const snapshot = snapshots.get(entry.statementId) ?? {};
    snapshot[entry.targetId] = { targetName: entry.targetName, score: settled.get(key) ?? entry.total / entry.count };
    snapshots.set(entry.statementId, snapshot);
  }
  return snapshots;
}
