// No drift: the committed migrations and the schema describe the same database.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, it } from "vitest";
import {
  applyMigrations,
  diffDatamodels,
  migratedSchemaPath,
  migrationsDirectory,
  readMigrationList,
  schemaPath,
} from "@/scripts/database/schema-engine";
import { createFreshDatabase } from "../support/test-database";

const run = promisify(execFile);
const handWrittenSqlDirectory = path.resolve("prisma/sql");
const hasServer = Boolean(process.env.TEST_DATABASE_URL);
if (!hasServer) {
  if (process.env.CI === "true")
    throw new Error("CI=true requires TEST_DATABASE_URL: the drift test compares pg_dump output of a real server.");
  console.warn(
    "Drift tests skipped: they compare pg_dump output and need a real PostgreSQL. Set TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres to run them.",
  );
}

/** pg_dump's schema, without the migration bookkeeping table and pg_dump's comments. */
async function dumpSchema(url: string): Promise<string> {
  const { stdout } = await run("pg_dump", ["--schema-only", "--no-owner", "--no-privileges", "--exclude-table=_prisma_migrations", url]);
  return stdout
    .split("\n")
    .filter((line) => !line.startsWith("--") && !line.startsWith("\\restrict") && !line.startsWith("\\unrestrict"))
    .join("\n")
    .replace(/\n{2,}/g, "\n");
}

async function execute(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// The schema engine's diffs read no database but connect to one: on a server, an empty database of the run
// (the embedded one costs seconds of CPU to start); without a server, the embedded one, as `npm run db:migration`.
async function withScratchDatabase<T>(work: (scratchDatabaseUrl: string | undefined) => Promise<T>): Promise<T> {
  if (!hasServer) return work(undefined);
  const scratch = await createFreshDatabase("diff_scratch");
  try {
    return await work(scratch.url);
  } finally {
    await scratch.drop();
  }
}

describe("migrations", () => {
  it("are up to date with the schema: writing the next migration now would write nothing", async () => {
    const [migrated, current] = await Promise.all([readFile(migratedSchemaPath, "utf8"), readFile(schemaPath, "utf8")]);
    const pending = await withScratchDatabase((scratchDatabaseUrl) => diffDatamodels(migrated, current, { scratchDatabaseUrl }));
    expect(
      pending.replace(/^--.*$/gm, "").trim(),
      "prisma/schema.prisma changed without a migration: run npm run db:migration -- <name>",
    ).toBe("");
  });

  it.skipIf(!hasServer)(
    "applied to one database give the same pg_dump --schema-only as the schema's complete SQL applied to another",
    async () => {
      const fromMigrations = await createFreshDatabase("drift_migrations");
      const fromSchema = await createFreshDatabase("drift_schema");
      try {
        await applyMigrations(fromMigrations.url);
        const schemaSql = await withScratchDatabase(async (scratchDatabaseUrl) =>
          diffDatamodels(null, await readFile(schemaPath, "utf8"), { scratchDatabaseUrl }),
        );
        await execute(fromSchema.url, schemaSql);
        // What the datamodel cannot express (triggers) lives in prisma/sql/ and in the migration that introduced it.
        for (const file of (await readdir(handWrittenSqlDirectory)).filter((name) => name.endsWith(".sql")).sort()) {
          await execute(fromSchema.url, await readFile(path.join(handWrittenSqlDirectory, file), "utf8"));
        }
        const [migratedDump, schemaDump] = await Promise.all([dumpSchema(fromMigrations.url), dumpSchema(fromSchema.url)]);
        expect(migratedDump).toContain('CREATE TABLE public."StanceCoding"');
        expect(migratedDump).toBe(schemaDump);
      } finally {
        await fromMigrations.drop();
        await fromSchema.drop();
      }
    },
  );

  it.skipIf(!hasServer)("are recorded in _prisma_migrations as prisma migrate deploy records them", async () => {
    const database = await createFreshDatabase("records");
    try {
      expect(await applyMigrations(database.url)).toEqual(
        (await readMigrationList()).migrationDirectories.map((directory) => directory.path),
      );
      // The engine's connections are closed once it is done: none lingers to keep the database busy (a lingering
      // one held the test run's template for 10 s, which CREATE DATABASE … TEMPLATE waits on).
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      const lingering = await admin.query("SELECT pid FROM pg_stat_activity WHERE datname = $1", [new URL(database.url).pathname.slice(1)]);
      await admin.end();
      expect(lingering.rows).toEqual([]);
      expect(await applyMigrations(database.url)).toEqual([]);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query<{
        migration_name: string;
        checksum: string;
        finished_at: Date | null;
        rolled_back_at: Date | null;
      }>("SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name");
      await client.end();
      for (const row of rows) {
        const sql = await readFile(path.join(migrationsDirectory, row.migration_name, "migration.sql"));
        // Prisma's checksum is the SHA-256 of the file; a mismatch would make `prisma migrate deploy` refuse the database.
        expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
        expect(row.finished_at).not.toBeNull();
        expect(row.rolled_back_at).toBeNull();
      }
    } finally {
      await database.drop();
    }
  });
});
