import type pg from "pg";
import { expect } from "vitest";

/** Returns once some connection waits for a lock: the write under test has reached a row another transaction holds. */
export async function untilALockIsAwaited(client: pg.Client): Promise<void> {
  const waiting = async () =>
    (await client.query<{ waiting: number }>(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock'`))
      .rows[0]!.waiting;
  await expect.poll(waiting).toBeGreaterThan(0);
}
