// The audit trail's hash chain: written correctly under concurrency, and every
// kind of tampering by the owner or a superuser (triggers off) is named.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { updateStanceCoding } from "@/lib/data/codings";
import { defaultApplicationRole, migrateAndGrant, urlAsRole } from "@/scripts/database/application-role";
import { verifyAuditChain, type AuditChainReport } from "@/scripts/database/audit-chain";
import { createActor, createSource, createStanceCoding, createStatement, createUser } from "../support/factories";
import { createFreshDatabase, type TestDatabase } from "../support/test-database";
import { testLane } from "../support/lane";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 4 });
afterAll(() => db.$disconnect());

async function run(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Several statements give one result each: the last one's rows are the answer.
    const result = (await client.query(sql)) as pg.QueryResult | pg.QueryResult[];
    return (Array.isArray(result) ? result.at(-1)!.rows : result.rows) as Record<string, string>[];
  } finally {
    await client.end();
  }
}

// Migrating is most of a test's time here, so on a server the file migrates one database once and each test
// gets a copy of it (CREATE DATABASE … TEMPLATE); the embedded database has no templates and migrates each.
let migratedTemplate: Promise<TestDatabase> | undefined;
afterAll(async () => {
  await (await migratedTemplate)?.drop();
});

async function freshMigratedDatabase(): Promise<TestDatabase> {
  if (!process.env.TEST_DATABASE_URL) {
    const database = await createFreshDatabase("audit_chain");
    await migrateAndGrant(database.url, defaultApplicationRole);
    return database;
  }
  migratedTemplate ??= createFreshDatabase("audit_chain_template").then(async (template) => {
    await migrateAndGrant(template.url, defaultApplicationRole);
    return template;
  });
  return createFreshDatabase("audit_chain", process.env, { template: new URL((await migratedTemplate).url).pathname.slice(1) });
}

/** A fresh migrated database with `count` audit entries written by the app's role, 10 transactions at a time. */
async function chainedDatabase(count: number): Promise<{ database: TestDatabase; ids: string[] }> {
  const database = await freshMigratedDatabase();
  const appUrl = database.kind === "server" ? urlAsRole(database.url, defaultApplicationRole) : database.url;
  const pool = new pg.Pool({ connectionString: appUrl, max: 10 });
  try {
    await Promise.all(
      Array.from({ length: count }, async (_, index) => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          await client.query(`INSERT INTO "AuditEntry" (action, entity, "entityId", after) VALUES ('CREATE', 'Actor', $1, $2)`, [
            `actor-${index}`,
            { name: `Actor ${index}`, note: 'ünïcödé, "quotes"' },
          ]);
          // Hold the transaction open a moment, so that the writers overlap.
          await client.query("SELECT pg_sleep(0.005)");
          await client.query("COMMIT");
        } finally {
          client.release();
        }
      }),
    );
  } finally {
    await pool.end();
  }
  const rows = await run(database.url, `SELECT id::text FROM "AuditEntry" ORDER BY "chainPosition"`);
  return { database, ids: rows.map((row) => row.id!) };
}

/** Runs `sql` as the tables' owner with every trigger on the audit trail switched off, as a hostile owner would. */
function tamper(database: TestDatabase, sql: string) {
  return run(
    database.url,
    `BEGIN; ALTER TABLE "AuditEntry" DISABLE TRIGGER ALL; ${sql}; ALTER TABLE "AuditEntry" ENABLE TRIGGER ALL; COMMIT`,
  );
}

function expectBroken(report: AuditChainReport, entryId: string | null, problem: RegExp) {
  expect(report.intact, JSON.stringify(report)).toBe(false);
  if (report.intact) return;
  expect(report.entryId).toBe(entryId);
  expect(report.problem).toMatch(problem);
}

describe("the audit trail's hash chain", () => {
  it("stays intact under 50 concurrent edits through the app, as the app's role", async () => {
    const codings = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const coder = await createUser(db, "ANALYST");
        const source = await createSource(db);
        const statement = await createStatement(db, { source, speakerId: (await createActor(db)).id, quote: "We seek calm," });
        const coding = await createStanceCoding(db, { statement, targetId: (await createActor(db)).id, coderId: coder.id, score: 0 });
        return { coding, coder };
      }),
    );
    const before = await db.auditEntry.count();
    await Promise.all(
      codings.map(({ coding, coder }, index) =>
        updateStanceCoding({ id: coder.id, role: "ANALYST" }, coding.id, {
          version: 1,
          score: (index % 7) - 3,
          isConditional: false,
          confidence: "HIGH",
          rationale: `concurrent ${index}`,
        }),
      ),
    );
    expect(await db.auditEntry.count()).toBe(before + 50);
    const report = await verifyAuditChain(testLane().ownerDatabaseUrl);
    expect(report).toMatchObject({ intact: true });
    expect(report.entries).toBe(before + 50);
  });

  it("names an entry the owner altered with the triggers off", async () => {
    const { database, ids } = await chainedDatabase(12);
    try {
      expect(await verifyAuditChain(database.url)).toMatchObject({ intact: true, entries: 12 });
      await tamper(database, `UPDATE "AuditEntry" SET after = '{"name": "Forged"}' WHERE id = ${ids[4]}`);
      expectBroken(await verifyAuditChain(database.url), ids[4]!, /\(position 5\) was altered/);
    } finally {
      await database.drop();
    }
  });

  it("names where an entry was deleted", async () => {
    const { database, ids } = await chainedDatabase(12);
    try {
      await tamper(database, `DELETE FROM "AuditEntry" WHERE id = ${ids[6]}`);
      expectBroken(
        await verifyAuditChain(database.url),
        ids[7]!,
        new RegExp(`position 7 of the chain is missing after audit entry ${ids[5]}: 1 entry was deleted before audit entry ${ids[7]}`),
      );
    } finally {
      await database.drop();
    }
  });

  it("names entries inserted out of band, with or without a forged place in the chain", async () => {
    const { database, ids } = await chainedDatabase(8);
    try {
      const [unchained] = await run(
        database.url,
        `SET session_replication_role = replica;
         INSERT INTO "AuditEntry" (action, entity, "entityId") VALUES ('DELETE', 'Actor', 'slipped-in') RETURNING id::text`,
      );
      expectBroken(await verifyAuditChain(database.url), unchained!.id!, /inserted out of band/);
      await tamper(database, `DELETE FROM "AuditEntry" WHERE "chainPosition" IS NULL`);

      // A forged entry that claims the next place and the head's hash as its predecessor, with a made-up hash.
      const [head] = await run(database.url, `SELECT hash FROM "AuditEntry" WHERE id = ${ids.at(-1)}`);
      const [forged] = await run(
        database.url,
        `SET session_replication_role = replica;
         INSERT INTO "AuditEntry" (action, entity, "entityId", "chainPosition", "previousHash", hash)
         VALUES ('DELETE', 'Actor', 'forged', 9, '${head!.hash}', '${"f".repeat(64)}') RETURNING id::text`,
      );
      expectBroken(await verifyAuditChain(database.url), forged!.id!, /\(position 9\) was altered/);
    } finally {
      await database.drop();
    }
  });

  it("names a rewrite whose every later hash was recomputed, given an anchor kept from an earlier run", async () => {
    const { database, ids } = await chainedDatabase(10);
    try {
      const earlier = await verifyAuditChain(database.url);
      if (!earlier.intact) throw new Error("the fresh chain should verify");
      const anchor = { position: BigInt(earlier.entries), hash: earlier.headHash };
      // Rewrite entry 3, then recompute the chain from there on with the database's own hash function.
      await tamper(
        database,
        `UPDATE "AuditEntry" SET after = '{"name": "Rewritten"}' WHERE id = ${ids[2]};
         DO 'DECLARE entry RECORD; previous text; BEGIN
           SELECT hash INTO previous FROM "AuditEntry" WHERE "chainPosition" = 2;
           FOR entry IN SELECT * FROM "AuditEntry" WHERE "chainPosition" >= 3 ORDER BY "chainPosition" LOOP
             UPDATE "AuditEntry" SET "previousHash" = previous,
               hash = "audit_entry_hash"(entry."chainPosition", entry.at, entry."userId", entry.action::text, entry.entity,
                 entry."entityId", entry.before, entry.after, previous)
             WHERE id = entry.id;
             SELECT hash INTO previous FROM "AuditEntry" WHERE id = entry.id;
           END LOOP; END'`,
      );
      // The chain alone cannot tell (the limit of any unkeyed chain: decision 0011)...
      expect(await verifyAuditChain(database.url)).toMatchObject({ intact: true, entries: 10 });
      // ...but the head recorded before the rewrite gives it away.
      expectBroken(await verifyAuditChain(database.url, anchor), ids[9]!, /no longer has the hash recorded for it/);
      // And entries cut from the end are missed only without an anchor.
      await tamper(database, `DELETE FROM "AuditEntry" WHERE "chainPosition" > 8`);
      expectBroken(await verifyAuditChain(database.url, { position: 10n, hash: "0".repeat(64) }), null, /ends at position 8/);
    } finally {
      await database.drop();
    }
  });
});
