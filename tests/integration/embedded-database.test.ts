import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultApplicationRole, migrateAndGrant } from "@/scripts/database/application-role";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/scripts/database/embedded";
import { readRows } from "@/lib/database/direct-sql";
import { closePrismaClient, createPrismaClient } from "@/lib/database/prisma";
import { Prisma } from "@/lib/generated/prisma/client";

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

// One data directory for the checks on disk: its first start runs initdb inside WebAssembly (3 to 7 s), a restart
// does not. The tests run in this order; the second starts from what the first left.
describe("the embedded PostgreSQL, on disk", () => {
  let dataDirectory: string;
  beforeAll(async () => {
    dataDirectory = await mkdtemp(path.join(tmpdir(), "stancewatch-pglite-"));
  });
  afterAll(async () => {
    await rm(dataDirectory, { recursive: true, force: true });
  });

  it("keeps its data across a restart and serves several connections at once", async () => {
    const first = await startEmbeddedPostgres({ dataDirectory });
    try {
      await query(first.url, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('survives')");
      const pool = new pg.Pool({ connectionString: first.url, max: 8 });
      const results = await Promise.all(Array.from({ length: 40 }, (_, index) => pool.query<{ n: number }>(`SELECT ${index}::int AS n`)));
      expect(results.map((result) => result.rows[0]!.n)).toEqual(Array.from({ length: 40 }, (_, index) => index));
      await pool.end();
    } finally {
      await first.stop();
    }
    const second = await startEmbeddedPostgres({ dataDirectory });
    try {
      expect(await query<{ note: string }>(second.url, "SELECT note FROM kept")).toEqual([{ note: "survives" }]);
    } finally {
      await second.stop();
    }
  });

  it("keeps its data owner-only (directories 0700, files 0600), even files an older version left readable", async () => {
    // As an older Stancewatch left them: world-readable.
    const { chmod } = await import("node:fs/promises");
    for (const entry of await readdir(dataDirectory, { withFileTypes: true, recursive: true }))
      await chmod(path.join(entry.parentPath, entry.name), entry.isDirectory() ? 0o777 : 0o666);
    const restarted = await startEmbeddedPostgres({ dataDirectory });
    try {
      await query(restarted.url, "INSERT INTO kept VALUES ('written after the restart'); CREATE TABLE created_later (note text)");
      const entries = await readdir(dataDirectory, { withFileTypes: true, recursive: true });
      expect(entries.filter((entry) => entry.isFile()).length).toBeGreaterThan(100);
      expect((await stat(dataDirectory)).mode & 0o777).toBe(0o700);
      const loose: string[] = [];
      for (const entry of entries) {
        const mode = (await stat(path.join(entry.parentPath, entry.name))).mode & 0o777;
        if (mode !== (entry.isDirectory() ? 0o700 : 0o600)) loose.push(`${entry.name} ${mode.toString(8)}`);
      }
      expect(loose).toEqual([]);
    } finally {
      await restarted.stop();
    }
  });
});

// One in-memory instance for the checks that need no data directory of their own: a start (initdb inside
// WebAssembly) costs 3 to 7 s. The tests run in this order; the last acts as the app's role and stops it.
describe("the embedded PostgreSQL, in memory", () => {
  let embedded: EmbeddedPostgres;
  beforeAll(async () => {
    embedded = await startEmbeddedPostgres();
  });
  afterAll(async () => {
    await embedded.stop();
  });

  // The interleaving the proxy prevents (scripts/database/one-client-at-a-time.ts) shows under the app's
  // load: the browser tests on the embedded database failed without it. This checks that the proxy
  // passes concurrent queries and a transaction through intact and keeps the transaction's turn.
  it("passes concurrent parameterised queries and a transaction through its one-client-at-a-time proxy", async () => {
    const pool = new pg.Pool({ connectionString: embedded.url, max: 8 });
    try {
      await pool.query("CREATE TABLE tally (n int)");
      const sums = Array.from({ length: 120 }, (_, index) =>
        index % 2 === 0
          ? pool.query<{ value: string }>("SELECT ($1::int + $2::int)::text AS value", [index, 1])
          : pool.query<{ value: string }>("SELECT $1::text || $2 || $3 || $4 || $5 || $6 AS value", [index, "a", "b", "c", "d", "e"]),
      );
      // A transaction on one connection while the others query: it sees its own rows, and they are there once it commits.
      const inTransaction = (async () => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          await client.query("INSERT INTO tally VALUES ($1), ($2)", [1, 2]);
          const seen = await client.query<{ count: string }>("SELECT count(*) FROM tally");
          await client.query("COMMIT");
          return Number(seen.rows[0]!.count);
        } finally {
          client.release();
        }
      })();
      const results = await Promise.all(sums);
      expect(results.map((result) => result.rows[0]!.value)).toEqual(
        Array.from({ length: 120 }, (_, index) => (index % 2 === 0 ? String(index + 1) : `${index}abcde`)),
      );
      expect(await inTransaction).toBe(2);
      expect((await pool.query<{ count: string }>("SELECT count(*) FROM tally")).rows[0]!.count).toBe("2");
    } finally {
      // The migrations below want an empty schema.
      await pool.query("DROP TABLE IF EXISTS tally");
      await pool.end();
    }
  });

  // On a server readRows names its statements (lib/database/direct-sql.ts); here the connections share one
  // session, where a statement one connection prepared would already exist when the next prepared it.
  it("answers the data layer's reads from several connections at once, the same statement on each", async () => {
    const db = createPrismaClient(embedded.url, { maxConnections: 4 });
    try {
      const reads = Array.from({ length: 40 }, (_, index) => readRows<{ n: number }>(db, Prisma.sql`SELECT ${index}::int * 2 AS n`));
      expect((await Promise.all(reads)).map((rows) => rows[0]!.n)).toEqual(Array.from({ length: 40 }, (_, index) => index * 2));
    } finally {
      await closePrismaClient(db);
    }
  });

  it("listens on no TCP port, only on a unix socket in a directory only its user may enter", async () => {
    expect(new URL(embedded.url).searchParams.get("host")).toBe(embedded.socketDirectory);
    expect((await stat(embedded.socketDirectory)).mode & 0o777).toBe(0o700);
    expect((await readdir(embedded.socketDirectory)).sort()).toEqual([".s.PGSQL.5432", "pglite.sock"]);
    expect(await query<{ one: number }>(embedded.url, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
    // Nothing of this process answers the PostgreSQL protocol over TCP.
    const listening = (await import("node:child_process")).execFileSync("ss", ["-ltnpH"], { encoding: "utf8" });
    expect(listening).not.toMatch(new RegExp(`pid=${process.pid},`));
  });

  it("acts as the app's role once told to: the same refusals as on a server", async () => {
    await migrateAndGrant(embedded.url, defaultApplicationRole);
    await embedded.actAs(defaultApplicationRole);
    expect(await query<{ user: string }>(embedded.url, "SELECT current_user AS user")).toEqual([{ user: defaultApplicationRole }]);
    await expect(query(embedded.url, `DELETE FROM "AuditEntry"`)).rejects.toThrow(/permission denied/);
    await expect(query(embedded.url, `TRUNCATE "Actor" CASCADE`)).rejects.toThrow(/permission denied/);
    await expect(query(embedded.url, "SET session_replication_role = replica")).rejects.toThrow(/permission denied/);
    await expect(query(embedded.url, `ALTER TABLE "AuditEntry" DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
    await query(embedded.url, `INSERT INTO "AuditEntry" (action, entity, "entityId") VALUES ('CREATE', 'Actor', 'embedded')`);
    expect(await query<{ chained: boolean }>(embedded.url, `SELECT hash IS NOT NULL AS chained FROM "AuditEntry"`)).toEqual([
      { chained: true },
    ]);
  });

  it("once stopped, leaves no socket behind and answers nothing", async () => {
    await embedded.stop();
    await expect(stat(embedded.socketDirectory)).rejects.toThrow(/ENOENT/);
    await expect(
      new Promise((resolve, reject) =>
        net.connect(path.join(embedded.socketDirectory, ".s.PGSQL.5432")).on("connect", resolve).on("error", reject),
      ),
    ).rejects.toThrow();
  });
});
