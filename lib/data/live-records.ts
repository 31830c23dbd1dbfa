// What "live" means for records that hang from a source. A source's deletion (deleteSource) writes only the source
// row, so its statements, their codings, reviews and evidence stay unmarked: every read and every write that takes
// one of them as a reference checks the source too, through these. (The dashboard reads the codings' own copy,
// statementLive, kept by trigger: prisma/sql/stance-coding-read-model.sql.)

/** A statement neither deleted itself nor in a deleted source. */
export const liveStatementWhere = { deletedAt: null, source: { deletedAt: null } } as const;

/** A coding that is not deleted, of a live statement. */
export const liveCodingWhere = { deletedAt: null, statement: liveStatementWhere } as const;

/** An evidence row that is not deleted, on an event or on a live statement (an event's deletion is checked apart). */
export const liveEvidenceWhere = { deletedAt: null, OR: [{ statementId: null }, { statement: liveStatementWhere }] };

type SqlTransaction = { $queryRaw<T>(query: TemplateStringsArray, ...values: unknown[]): Promise<T> };

/**
 * Share-locks a statement and its source for the rest of the transaction, and says whether each is live: a write
 * that hangs something from the statement then either commits before a deletion of either reads it, or waits and
 * finds it deleted. The source is locked first, as deleteSource locks the source before its statements: taken in
 * the other order, the two could each hold what the other waits for (a deadlock, which PostgreSQL ends by failing
 * one of them). A statement's source never changes, so reading which it is needs no lock. Null: no such statement.
 *
 * KEY SHARE, not SHARE: the deletions take FOR UPDATE, which waits for it, while the counts the write's own triggers
 * keep on these rows (a statement's codings, a source's statements) are updates that it lets through. Under SHARE,
 * two coders saving codings of one statement at once each held a lock the other's count update waited for.
 */
export async function shareLockStatementAndSource(
  tx: SqlTransaction,
  statementId: string,
): Promise<{ statementDeleted: boolean; sourceDeleted: boolean; sourceTitle: string } | null> {
  const [source] = await tx.$queryRaw<{ deleted: boolean; title: string }[]>`
    SELECT "deletedAt" IS NOT NULL AS deleted, title FROM "Source"
    WHERE id = (SELECT "sourceId" FROM "Statement" WHERE id = ${statementId}) FOR KEY SHARE`;
  const [statement] = await tx.$queryRaw<{ deleted: boolean }[]>`
    SELECT "deletedAt" IS NOT NULL AS deleted FROM "Statement" WHERE id = ${statementId} FOR KEY SHARE`;
  if (!source || !statement) return null;
  return { statementDeleted: statement.deleted, sourceDeleted: source.deleted, sourceTitle: source.title };
}
