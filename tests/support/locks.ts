import pg from "pg";
import { expect } from "vitest";

/**
 * Returns once another connection waits for a lock `client` holds: the write under test has reached a row the
 * client's transaction holds (not some other test's, in another lane or database).
 */
export async function untilALockIsAwaited(client: pg.Client): Promise<void> {
  const waiting = async () => {
    // Inside a transaction PostgreSQL keeps its first reading of pg_stat_activity until the transaction ends: the
    // caller usually holds one open (the lock being waited for), so each look asks for a fresh reading.
    await client.query("SELECT pg_stat_clear_snapshot()");
    return (
      await client.query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))`,
      )
    ).rows[0]!.waiting;
  };
  // As long as a busy machine may take to get the write there (the integration project's poll default is a second).
  await expect.poll(waiting, { timeout: 30_000 }).toBeGreaterThan(0);
}

/**
 * Runs `write` while a source is deleted as deleteSource deletes it: the source locked, its statements locked
 * before `write` starts (statementsFirst) or once it waits, then the source marked deleted and committed. Returns
 * what `write` threw, or null when it succeeded.
 */
export async function writeWhileSourceIsDeleted(
  databaseUrl: string,
  sourceId: string,
  write: () => Promise<unknown>,
  { statementsFirst = false }: { statementsFirst?: boolean } = {},
): Promise<unknown> {
  const deleter = new pg.Client({ connectionString: databaseUrl });
  await deleter.connect();
  try {
    await deleter.query("BEGIN");
    await deleter.query(`SELECT id FROM "Source" WHERE id = $1 FOR UPDATE`, [sourceId]);
    const lockStatements = () => deleter.query(`SELECT id FROM "Statement" WHERE "sourceId" = $1 FOR UPDATE`, [sourceId]);
    if (statementsFirst) await lockStatements();
    const writing = write().then(
      () => null,
      (error: unknown) => error,
    );
    await untilALockIsAwaited(deleter);
    if (!statementsFirst) await lockStatements();
    await deleter.query(`UPDATE "Source" SET "deletedAt" = now(), version = version + 1 WHERE id = $1`, [sourceId]);
    await deleter.query("COMMIT");
    return await writing;
  } finally {
    await deleter.end();
  }
}
