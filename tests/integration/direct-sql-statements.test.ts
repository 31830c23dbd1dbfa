// readRows names each distinct query text as a prepared statement on a real server (docs/decisions/0042), so
// PostgreSQL parses and plans the chart's reads once per connection rather than on every request. What it
// returns must not change: each execution binds its own values, also once the server uses a generic plan.
import { afterAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { readRows } from "@/lib/database/direct-sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { withDatabase } from "@/lib/database/client";
import { listStanceSeries } from "@/lib/data/dashboard";
import { defaultDashboardView } from "@/lib/dashboard/view";
import { createUser } from "../support/factories";
import { testLane } from "../support/lane";

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

  it("leave the stance series unnamed, planned for its own values each time, and name the chart's other reads", async () => {
    const viewer = await createUser(db, "VIEWER");
    const result = await withDatabase(db, () => listStanceSeries(viewer, defaultDashboardView));
    expect(result.series.length).toBeGreaterThan(0);
    const prepared = await readRows<{ statement: string }>(db, Prisma.sql`SELECT statement FROM pg_prepared_statements`);
    const texts = prepared.map((row) => row.statement.replace(/\s+/g, " "));
    // The series query is the one with the charted speakers' values; the events and the targets' ends are named.
    expect(texts.some((text) => text.includes("charted_values"))).toBe(false);
    expect(texts.some((text) => text.includes('FROM "Event"'))).toBe(true);
  });
});
