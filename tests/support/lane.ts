// Integration and browser test files run in lanes: a copy of the run's database and, for browser tests, an app
// server on that copy. Two files running at once never share a database (vitest.config.ts, docs/decisions/0040).
//
// Each test worker claims a free lane before its first file (claimTestLane, from database-environment.ts) and
// keeps it until the worker ends. The lane is not read off vitest's worker number (VITEST_POOL_ID): in a run of
// several projects that number was 1 in both integration workers at once, so both wrote to lane 1's database
// and tests that count whole tables saw the other file's rows. A lane is held by a PostgreSQL advisory lock on a
// connection to the lane's own database, so it is released when its worker exits, however that happens, and a
// worker that vitest starts while the last one is still exiting waits for a lane rather than sharing one.
import pg from "pg";
import { inject } from "vitest";

export type TestLane = {
  /** The lane's database as the app's role; the data layer and the lane's app server use it. */
  databaseUrl: string;
  /** The same database as the owner of its tables, for tests that must act as the owner (tampering, ANALYZE). */
  ownerDatabaseUrl: string;
  /** The lane's app server (browser tests only; empty before tests/support/app-setup.ts starts it). */
  appUrl: string;
};

declare module "vitest" {
  export interface ProvidedContext {
    /** One per lane, in lane order. */
    lanes: TestLane[];
  }
}

/** Where this worker keeps the number of the lane it holds: a worker runs several files (isolate: false). */
const claimedLaneVariable = "STANCEWATCH_TEST_LANE";
/** The advisory lock's key, the same in every lane's database: only workers trying the same lane contend. */
export const laneLockKey = 160_040;

/** Claims a lane for this worker, waiting while every lane is held. Does nothing once the worker holds one. */
export async function claimTestLane(): Promise<void> {
  if (process.env[claimedLaneVariable] !== undefined) return;
  const lanes = inject("lanes");
  // One lane (always so on the embedded database, whose one session would grant every lock): nothing to share.
  if (lanes.length === 1) {
    process.env[claimedLaneVariable] = "0";
    return;
  }
  // A worker exits within seconds of its last file; two minutes without a free lane means something holds one.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (Date.now() > deadline)
      throw new Error(`No free test lane after 120 s: all ${lanes.length} are held (advisory lock ${laneLockKey}).`);
    for (const [index, lane] of lanes.entries()) {
      const client = new pg.Client({ connectionString: lane.ownerDatabaseUrl });
      await client.connect();
      const { rows } = await client.query<{ held: boolean }>("SELECT pg_try_advisory_lock($1) AS held", [laneLockKey]);
      if (rows[0]!.held) {
        // The connection stays open for the worker's life, holding the lane; it must not keep the worker alive.
        (client as unknown as { connection: { stream: { unref(): void } } }).connection.stream.unref();
        process.env[claimedLaneVariable] = String(index);
        return;
      }
      await client.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The lane this worker holds. */
export function testLane(): TestLane {
  const claimed = process.env[claimedLaneVariable];
  if (claimed === undefined)
    throw new Error("This worker holds no test lane: tests/support/database-environment.ts claims one before each file.");
  return inject("lanes")[Number(claimed)]!;
}
