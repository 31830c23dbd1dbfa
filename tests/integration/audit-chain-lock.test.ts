// Long writes and the audit chain's lock (prisma/sql/audit-hash-chain.sql): a transaction's first audit entry takes
// the lock and holds it to the commit, so an upload or an import that wrote its entries as it went held every other
// person's save for as long as it ran. They now write them last (HeldAuditEntries, lib/audit/record-audit.ts).
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { withDatabase } from "@/lib/database/client";
import { createPrismaClient } from "@/lib/database/prisma";
import { exportBundle, importBundle } from "@/lib/data/bundle";
import { updateStanceCoding } from "@/lib/data/codings";
import { exportExchangeRows, importExchangeFile } from "@/lib/data/exchange";
import { importSources } from "@/lib/data/intake";
import { insertBatchSize } from "@/lib/data/sources";
import { intakeOptionsSchema } from "@/lib/intake/schemas";
import { verifyAuditChain } from "@/scripts/database/audit-chain";
import { applyMigrations } from "@/scripts/database/schema-engine";
import { createActor, createSource, createStanceCoding, createStatement, createUser } from "../support/factories";
import { testLane } from "../support/lane";
import { createFreshDatabase } from "../support/test-database";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 3 });
// The embedded database has one session for every connection: a second transaction waits for the first to end.
const isServer = inject("databaseKind") === "server";
afterAll(() => db.$disconnect());

/** Whether another transaction could extend the chain now: it tries the chain's lock without waiting, and lets it go. */
async function chainLockIsFree(): Promise<boolean> {
  const client = new pg.Client({ connectionString: testLane().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ free: boolean }>("SELECT pg_try_advisory_lock(hashtext('stancewatch audit chain')) AS free");
    if (rows[0]!.free) await client.query("SELECT pg_advisory_unlock(hashtext('stancewatch audit chain'))");
    return rows[0]!.free;
  } finally {
    await client.end();
  }
}

/** A coding by someone else, and that coder, for an edit made while the long write runs. */
async function someoneElsesCoding() {
  const coder = await createUser(db, "ANALYST");
  const statement = await createStatement(db, {
    source: await createSource(db),
    speakerId: (await createActor(db)).id,
    quote: "We seek calm,",
  });
  const coding = await createStanceCoding(db, { statement, targetId: (await createActor(db)).id, coderId: coder.id, score: 1 });
  return { coding, coder: { id: coder.id, role: coder.role } };
}

const edit = { version: 1, score: -1, isConditional: false, confidence: "HIGH" as const, rationale: "edited during an import" };

function articleLine(index: number, run: string): string {
  const words = Array.from({ length: 30 }, (_, word) => `c${run}x${index}x${(word * 7919 + index * 104729) % 100_003}`);
  return JSON.stringify({
    title: `Chain ${index}`,
    publisher: "Chain Wire",
    publishedOn: "2026-02-03",
    language: "en",
    text: `News ${words.join(" ")}.`,
  });
}

describe.skipIf(!isServer)("a bundle import and the audit chain's lock", () => {
  it("writes every record before it waits for the lock, which it takes only for its entries", { timeout: 120_000 }, async () => {
    // The seed's bundle, from a copy of the run's seeded database: what the lane's own database holds depends on
    // the files that ran in it before (some leave records a bundle refuses), and is larger.
    const seeded = await createFreshDatabase("chain_lock_seed", process.env, { template: inject("templateDatabaseName")! });
    const seededClient = createPrismaClient(seeded.url, { maxConnections: 2 });
    let exported: string;
    let accounts: { email: string; name: string; role: "VIEWER" | "ANALYST" | "ADMIN" }[];
    try {
      accounts = await seededClient.user.findMany({ select: { email: true, name: true, role: true } });
      const account = await seededClient.user.findUniqueOrThrow({ where: { email: "admin@stancewatch.local" } });
      exported = await withDatabase(seededClient, () =>
        exportBundle({ id: account.id, role: account.role, isAdjudicator: account.isAdjudicator }),
      );
    } finally {
      await seededClient.$disconnect();
      await seeded.drop();
    }
    const fresh = await createFreshDatabase("chain_lock");
    const client = createPrismaClient(fresh.url, { maxConnections: 2 });
    // Holds the chain's lock in the new installation, so the import stops where it first needs it.
    const holder = new pg.Client({ connectionString: fresh.url });
    try {
      await applyMigrations(fresh.url);
      // Accounts do not travel in a bundle: the new installation has its own, with the same e-mail addresses.
      for (const account of accounts) await client.user.create({ data: account });
      const importer = await client.user.findUniqueOrThrow({ where: { email: "admin@stancewatch.local" } });
      await holder.connect();
      await holder.query("SELECT pg_advisory_lock(hashtext('stancewatch audit chain'))");
      // Rows written in a transaction not yet committed already take room in their table.
      const codingsBytes = async () =>
        Number((await holder.query<{ bytes: string }>(`SELECT pg_relation_size('"StanceCoding"') AS bytes`)).rows[0]!.bytes);
      const before = await codingsBytes();
      const importing = withDatabase(client, () =>
        importBundle({ id: importer.id, role: importer.role, isAdjudicator: false }, exported, { skipConflicts: false }),
      );
      importing.catch(() => {});
      try {
        await expect
          .poll(
            async () =>
              (
                await holder.query<{ waiting: number }>(
                  "SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                )
              ).rows[0]!.waiting,
            { timeout: 100_000 },
          )
          .toBe(1);
        // Codings come late in a bundle, after codebook versions, actors, sources and statements.
        expect(await codingsBytes()).toBeGreaterThan(before);
      } finally {
        await holder.query("SELECT pg_advisory_unlock(hashtext('stancewatch audit chain'))");
      }
      const outcome = await importing;
      expect(outcome.created.coding).toBeGreaterThan(0);
      expect(await client.auditEntry.count({ where: { entity: "StanceCoding" } })).toBe(outcome.created.coding);
      expect(await verifyAuditChain(fresh.url)).toMatchObject({ intact: true });
    } finally {
      await holder.end().catch(() => {});
      await client.$disconnect();
      await fresh.drop();
    }
  });
});

describe.skipIf(!isServer)("a long upload and other people's saves", () => {
  it("holds the chain's lock only once the upload is accepted: a save made while it runs goes through at once", async () => {
    const analyst = await createUser(db, "ANALYST");
    const { coding, coder } = await someoneElsesCoding();
    const run = Date.now().toString(36);
    const entriesBefore = await db.auditEntry.count();
    // Three batches' worth of lines; the file stops after two and a half until the test lets it go on.
    const lineCount = insertBatchSize * 3;
    const paused = Math.floor(insertBatchSize * 2.5);
    let reachPause!: () => void;
    const reachedPause = new Promise<void>((resolve) => (reachPause = resolve));
    let resume!: () => void;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    const encoder = new TextEncoder();
    async function* chunks(): AsyncIterable<Uint8Array> {
      for (let index = 0; index < lineCount; index++) {
        if (index === paused) {
          reachPause();
          await resumed;
        }
        yield encoder.encode(`${articleLine(index, run)}\n`);
      }
    }
    const upload = importSources(analyst, [{ name: "chain.jsonl", size: lineCount * 400, chunks }], {
      ...intakeOptionsSchema.parse({}),
      nearDuplicates: "keep",
    });
    upload.catch(() => {});
    await reachedPause;
    try {
      // Two batches are written (each batch's insert is awaited before the next is settled) and the upload is open.
      expect(await chainLockIsFree()).toBe(true);
      expect((await updateStanceCoding(coder, coding.id, edit)).score).toBe(-1);
    } finally {
      // Let go whatever was found, so that no later test waits behind an open upload.
      resume();
      await upload.catch(() => {});
    }
    const outcome = await upload;
    expect(outcome.imported).toHaveLength(lineCount);
    // Every source has its entry, after the save made meanwhile, and the chain holds.
    const entries = await db.auditEntry.findMany({
      where: { entity: "Source", entityId: { in: outcome.imported.map((source) => source.id) } },
      select: { chainPosition: true },
    });
    expect(entries).toHaveLength(lineCount);
    const saved = await db.auditEntry.findFirstOrThrow({ where: { entity: "StanceCoding", entityId: coding.id, action: "UPDATE" } });
    expect(entries.every((entry) => entry.chainPosition! > saved.chainPosition!)).toBe(true);
    expect(await db.auditEntry.count()).toBe(entriesBefore + lineCount + 1);
    expect(await verifyAuditChain(testLane().databaseUrl)).toMatchObject({ intact: true });
    // Out of the way of the files after this one in the lane (a bundle round trip exports every live source).
    await db.source.updateMany({ where: { id: { in: outcome.imported.map((source) => source.id) } }, data: { deletedAt: new Date() } });
  });

  it("writes no entry of a refused upload", async () => {
    const analyst = await createUser(db, "ANALYST");
    const run = Date.now().toString(36);
    const entriesBefore = await db.auditEntry.count();
    const lines = [...Array.from({ length: insertBatchSize + 10 }, (_, index) => articleLine(index, run)), "{not json"];
    await expect(
      importSources(analyst, [{ name: "refused.jsonl", size: 1, content: lines.join("\n") }], intakeOptionsSchema.parse({})),
    ).rejects.toThrow();
    expect(await db.auditEntry.count()).toBe(entriesBefore);
  });
});

describe.skipIf(!isServer)("a long exchange import and other people's saves", () => {
  it("leaves the chain's lock free while its rows go in, and writes every entry at the end", async () => {
    const admin = await createUser(db, "ADMIN");
    const coder = await createUser(db, "ANALYST");
    const speaker = await createActor(db);
    const target = await createActor(db);
    const sentences = Array.from({ length: 401 }, (_, index) => `Sentence ${index} of the exchange.`);
    const text = sentences.join(" ");
    const source = await createSource(db, text);
    // One row as the export writes it, the others the same with the next sentences.
    const first = await createStatement(db, { source, speakerId: speaker.id, quote: sentences[0]! });
    await createStanceCoding(db, { statement: first, targetId: target.id, coderId: coder.id, score: 1 });
    const template = (await exportExchangeRows({ id: admin.id, role: admin.role })).find((row) => row.source_hash === source.contentHash)!;
    const rows = sentences.slice(1).map((sentence, index) => {
      const start = text.indexOf(sentence);
      return JSON.stringify({
        ...template,
        statement_id: undefined,
        text: sentence,
        text_start: start,
        text_end: start + sentence.length,
        score: (index % 7) - 3,
        comment: `row ${index}`,
      });
    });
    const { coding, coder: otherCoder } = await someoneElsesCoding();
    const importing = importExchangeFile(
      { id: admin.id, role: admin.role },
      { format: "jsonl", content: rows.join("\n"), skipInvalid: false },
    );
    importing.catch(() => {});
    // Caught while it writes its rows (its last statement a coding's insert, its transaction open): the lock is free.
    let seen = 0;
    let settled = false;
    void importing.finally(() => (settled = true));
    while (seen < 3 && !settled) {
      const [activity] = await db.$queryRaw<{ writing: boolean }[]>`
        SELECT count(*) > 0 AS writing FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'INSERT INTO "public"."StanceCoding"%'
          AND state IN ('active', 'idle in transaction')`;
      if (activity!.writing) {
        expect(await chainLockIsFree()).toBe(true);
        seen += 1;
      }
    }
    expect(seen).toBe(3);
    expect((await updateStanceCoding(otherCoder, coding.id, edit)).score).toBe(-1);
    const outcome = await importing;
    expect(outcome.imported).toBe(400);
    const statements = await db.statement.findMany({ where: { sourceId: source.id }, select: { id: true } });
    expect(
      await db.auditEntry.count({ where: { entity: "Statement", entityId: { in: statements.map((statement) => statement.id) } } }),
    ).toBe(400);
    expect(await db.auditEntry.count({ where: { entity: "StanceCoding", userId: admin.id } })).toBe(400);
    expect(await verifyAuditChain(testLane().databaseUrl)).toMatchObject({ intact: true });
    const deletedAt = new Date();
    await db.stanceCoding.updateMany({ where: { statement: { sourceId: source.id } }, data: { deletedAt } });
    await db.statement.updateMany({ where: { sourceId: source.id }, data: { deletedAt } });
    await db.source.update({ where: { id: source.id }, data: { deletedAt } });
  });
});
