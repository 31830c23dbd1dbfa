// The test run's own isolation: the worker running this file holds its lane, so no file in another worker can
// be writing to this database at the same time (tests/support/lane.ts, docs/decisions/0041).
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { getDatabase } from "@/lib/database/client";
import { laneLockKey, testLane } from "../support/lane";

const lanes = inject("lanes");

describe.runIf(lanes.length > 1)("test lanes", () => {
  it("holds this file's lane: another connection cannot claim it, while some other lane is a different database", async () => {
    const lane = testLane();
    const intruder = new pg.Client({ connectionString: lane.ownerDatabaseUrl });
    await intruder.connect();
    try {
      const { rows } = await intruder.query<{ held: boolean }>("SELECT pg_try_advisory_lock($1) AS held", [laneLockKey]);
      expect(rows[0]!.held).toBe(false);
    } finally {
      await intruder.end();
    }
    const [connected] = await getDatabase().$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
    expect(connected!.name).toBe(new URL(lane.databaseUrl).pathname.slice(1));
    const otherNames = lanes
      .filter((other) => other.databaseUrl !== lane.databaseUrl)
      .map((other) => new URL(other.databaseUrl).pathname.slice(1));
    expect(otherNames).toHaveLength(lanes.length - 1);
    expect(otherNames).not.toContain(connected!.name);
  });
});
