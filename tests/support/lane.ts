// Integration and browser test files run in lanes: a copy of the run's database and, for browser tests, an app
// server on that copy. With two lanes, two files at once never share a database; the run has one lane for now
// (vitest.config.ts, docs/decisions/0040).
//
// Vitest numbers the files running at one moment 1…maxWorkers (VITEST_POOL_ID) and gives a number to one
// file at a time, so the number is the lane.
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

/** The lane of the test file running in this worker. */
export function testLane(): TestLane {
  const lanes = inject("lanes");
  const lane = lanes[Number(process.env.VITEST_POOL_ID ?? "1") - 1];
  if (!lane) throw new Error(`no test lane for worker ${process.env.VITEST_POOL_ID} of ${lanes.length}`);
  return lane;
}
