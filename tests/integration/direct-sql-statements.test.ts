// readRows names each distinct query text as a prepared statement on a real server (docs/decisions/0042), so
// PostgreSQL parses and plans the chart's reads once per connection rather than on every request. What it
// returns must not change: each execution binds its own values, also once the server uses a generic plan.
import { afterAll, describe, expect, inject, it } from "vitest";
import pg from "pg";
import { closePrismaClient, createPrismaClient, type Database } from "@/lib/database/prisma";
import { readRows, readStanceTablesBytes } from "@/lib/database/direct-sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { withDatabase } from "@/lib/database/client";
import { listStanceSeries, seriesPlanReuseLimitBytes } from "@/lib/data/dashboard";
import type { ActingUser } from "@/lib/auth/permissions";
import { defaultDashboardView } from "@/lib/dashboard/view";
import { defaultApplicationRole, urlAsRole } from "@/scripts/database/application-role";
import { createUser } from "../support/factories";
import { testLane } from "../support/lane";
import { createFreshDatabase } from "../support/test-database";

// One connection, so that the statements a read prepared are visible to the next read.
const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 1 });
afterAll(() => db.$disconnect());

describe.runIf(inject("databaseKind") === "server")("reads through node-postgres on a server", () => {
  it("prepare each distinct query once per connection and bind each execution's own values, past the switch to a generic plan", async () => {
    const read = (label: string, from: number) =>
      readRows<{ label: string; total: number }>(
        db,
        Prisma.sql`SELECT ${label}::text AS label, sum(n)::int AS total FROM generate_series(${from}::int, 10) AS n WHERE n % 2 = 0`,
      );
    // PostgreSQL's plan cache considers a generic plan from the sixth execution on.
    for (let from = 0; from <= 10; from += 1) {
      const evens = Array.from({ length: 11 - from }, (_, index) => from + index).filter((n) => n % 2 === 0);
      expect(await read(`from ${from}`, from)).toEqual([
        { label: `from ${from}`, total: evens.length ? evens.reduce((a, b) => a + b) : null },
      ]);
    }
    const prepared = await readRows<{ name: string; statement: string; generic_plans: number; custom_plans: number }>(
      db,
      Prisma.sql`SELECT name, statement, generic_plans::int, custom_plans::int FROM pg_prepared_statements WHERE statement LIKE '%generate_series(%' AND statement NOT LIKE '%pg_prepared_statements%'`,
    );
    expect(prepared).toHaveLength(1);
    expect(prepared[0]!.name).toMatch(/^stancewatch_[0-9a-f]{32}$/);
    expect(prepared[0]!.generic_plans + prepared[0]!.custom_plans).toBe(11);
  });

  it("prepare the same statement on each of several connections used at once", async () => {
    const pooled = createPrismaClient(testLane().databaseUrl, { maxConnections: 4 });
    try {
      const reads = Array.from({ length: 40 }, (_, index) => readRows<{ n: number }>(pooled, Prisma.sql`SELECT ${index}::int * 3 AS n`));
      expect((await Promise.all(reads)).map((rows) => rows[0]!.n)).toEqual(Array.from({ length: 40 }, (_, index) => index * 3));
    } finally {
      await closePrismaClient(pooled);
    }
  });

  it("name the stance series on a small corpus, where planning it costs more than running it", async () => {
    await withOwnCopyOfTheSeed(async ({ database }) => {
      const viewer = await createUser(database, "VIEWER");
      expect(await readStanceTablesBytes(database)).toBeLessThanOrEqual(seriesPlanReuseLimitBytes);
      expect(await namedReadsOfTheDefaultView(database, viewer)).toEqual({ series: true, targets: true });
    });
  });

  it("plan the series for each request's values once the stance tables are large, still naming the other reads", async () => {
    await withOwnCopyOfTheSeed(async ({ database, ownerUrl }) => {
      const viewer = await createUser(database, "VIEWER");
      const owner = new pg.Client({ connectionString: ownerUrl });
      await owner.connect();
      try {
        // Rows no view charts (no such target), uncommitted: the table's file grows all the same.
        await owner.query("BEGIN");
        await owner.query(
          `INSERT INTO "StanceStatementValue" ("statementId", "targetId", "speakerId", "saidOn", "saidOnPrecision", "countedOn", score, adjudicated, "codingCount", "directQuote")
           SELECT 'bulk-' || g, 'no-such-target', 'no-such-speaker', date '2001-01-01', 'DAY', date '2001-01-01', 0, false, 1, false
           FROM generate_series(1, 90000) g`,
        );
        // The pool reads the tables' size once a minute, and this is its first read.
        expect(await readStanceTablesBytes(database)).toBeGreaterThan(seriesPlanReuseLimitBytes);
        expect(await namedReadsOfTheDefaultView(database, viewer)).toEqual({ series: false, targets: true });
      } finally {
        await owner.query("ROLLBACK");
        await owner.end();
      }
    });
  });
});

/**
 * Runs a test on a copy of the run's seeded database, connected as the app's role with one connection. The
 * plan tests depend on how large the stance tables are, and the lane's database holds whatever earlier files in
 * the lane left there: in one run a file before this one had grown them past the limit.
 */
async function withOwnCopyOfTheSeed(test: (copy: { database: Database; ownerUrl: string }) => Promise<void>): Promise<void> {
  const copy = await createFreshDatabase("direct_sql", process.env, { template: inject("templateDatabaseName")! });
  const database = createPrismaClient(urlAsRole(copy.url, defaultApplicationRole), { maxConnections: 1 });
  try {
    await test({ database, ownerUrl: copy.url });
  } finally {
    await closePrismaClient(database);
    await copy.drop();
  }
}

/**
 * Reads the default view's series as `viewer` and says which of its two reads went as named (prepared) statements:
 * the tracked targets with the window's ends, and the series (which carries the events, docs/decisions/0045).
 */
async function namedReadsOfTheDefaultView(database: Database, viewer: ActingUser): Promise<{ series: boolean; targets: boolean }> {
  const result = await withDatabase(database, () => listStanceSeries(viewer, defaultDashboardView));
  expect(result.series.length).toBeGreaterThan(0);
  const rows = await readRows<{ statement: string }>(database, Prisma.sql`SELECT statement FROM pg_prepared_statements`);
  const texts = rows.map((row) => row.statement.replace(/\s+/g, " "));
  return {
    series: texts.some((text) => text.includes("charted_values")),
    targets: texts.some((text) => text.includes('"isTrackedTarget"') && !text.includes("charted_values")),
  };
}
