import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/lib/database/embedded";

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
});
