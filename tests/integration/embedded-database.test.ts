import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/scripts/database/embedded";

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("the embedded PostgreSQL", () => {
  it("keeps its data across a restart and serves several connections at once", async () => {
    const dataDirectory = await mkdtemp(path.join(tmpdir(), "stancewatch-pglite-"));
    try {
      const first = await startEmbeddedPostgres({ dataDirectory });
      await query(first.url, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('survives')");
      const pool = new pg.Pool({ connectionString: first.url, max: 8 });
      const results = await Promise.all(Array.from({ length: 40 }, (_, index) => pool.query<{ n: number }>(`SELECT ${index}::int AS n`)));
      expect(results.map((result) => result.rows[0]!.n)).toEqual(Array.from({ length: 40 }, (_, index) => index));
      await pool.end();
      await first.stop();

      const second = await startEmbeddedPostgres({ dataDirectory });
      expect(await query<{ note: string }>(second.url, "SELECT note FROM kept")).toEqual([{ note: "survives" }]);
      await second.stop();
    } finally {
      await rm(dataDirectory, { recursive: true, force: true });
    }
  });

  // The interleaving the proxy prevents (scripts/database/one-client-at-a-time.ts) shows under the app's
  // load: the browser tests on the embedded database failed without it. This checks that the proxy
  // passes concurrent queries and a transaction through intact and keeps the transaction's turn.
  it("passes concurrent parameterised queries and a transaction through its one-client-at-a-time proxy", async () => {
    const embedded = await startEmbeddedPostgres();
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
      await pool.end();
      await embedded.stop();
    }
  });
});
