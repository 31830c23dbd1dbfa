// Prisma's migration engine, run as WebAssembly because the native binary
// cannot be downloaded offline. Used by scripts (migrate, start) and tests,
// never by the web app. See docs/decisions/0001-offline-migrations.md.
import { readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { startEmbeddedPostgres } from "./embedded";
import type { MigrationDirectory, MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

export const schemaPath = path.resolve("prisma/schema.prisma");
export const migrationsDirectory = path.resolve("prisma/migrations");
/** The schema as it stood when the newest migration was written; the next migration is the diff from it. */
export const migratedSchemaPath = path.join(migrationsDirectory, "migrated-schema.prisma");

const noFilters = { externalTables: [], externalEnums: [] };

type EngineModule = typeof import("@prisma/schema-engine-wasm");

// The generated bindings keep the wasm instance in module state shared by the
// whole process, while bundlers and test runners may evaluate this file more
// than once. One instance per process, and one engine operation at a time,
// keeps two instances from overwriting each other's memory.
const shared = globalThis as unknown as { stancewatchSchemaEngine?: { module: Promise<EngineModule>; queue: Promise<unknown> } };

function engineState() {
  shared.stancewatchSchemaEngine ??= { module: loadEngineModule(), queue: Promise.resolve() };
  return shared.stancewatchSchemaEngine;
}

/** Runs engine work after any already queued, whatever the outcome of those. */
function serialised<T>(work: () => Promise<T>): Promise<T> {
  const state = engineState();
  const result = state.queue.then(work, work);
  state.queue = result.catch(() => undefined);
  return result;
}

// The package imports its .wasm as an ES module, which Node 20 only allows
// behind a flag; instantiating the bytes ourselves avoids the flag.
async function loadEngineModule(): Promise<EngineModule> {
  const bindings = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as EngineModule & {
    __wbg_set_wasm(exports: WebAssembly.Exports): void;
  };
  const require = createRequire(import.meta.url);
  const packageDirectory = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const bytes = readFileSync(path.join(packageDirectory, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, {
    "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
  });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bindings;
}

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

// @prisma/adapter-pg runs a migration script by splitting it on every ";",
// which breaks function bodies (the audit trigger). PostgreSQL's simple query
// protocol takes the whole script at once, as Prisma's native engine sends it.
function runScriptsWhole(adapter: PgAdapter): PgAdapter {
  const driver = adapter.underlyingDriver() as { query(sql: string): Promise<unknown> };
  adapter.executeScript = async (script: string) => {
    await driver.query(script);
  };
  return adapter;
}

/**
 * The engine's connections. The adapter makes its own pool, which freeing the engine leaves open: its idle
 * connection lingered 10 s after the migrations (node-postgres's idle timeout), keeping the process alive and
 * the migrated database from being copied as a template (CREATE DATABASE … TEMPLATE waits for no one to be
 * connected). `close` ends them.
 */
function migrationAdapter(connectionString: string) {
  const factory = new PrismaPg({ connectionString });
  const connected: PgAdapter[] = [];
  const opened = async (adapter: PgAdapter) => {
    connected.push(adapter);
    return runScriptsWhole(adapter);
  };
  const connect = factory.connect.bind(factory);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => opened(await connect());
  factory.connectToShadowDb = async () => opened(await connectToShadowDb());
  return {
    adapter: bindMigrationAwareSqlAdapterFactory(factory),
    close: () => Promise.all(connected.splice(0).map((adapter) => adapter.dispose())),
  };
}

type OpenSchemaEngine = { engine: SchemaEngine; close(): Promise<void> };

async function openSchemaEngine(connectionString: string): Promise<OpenSchemaEngine> {
  const { SchemaEngine } = await engineState().module;
  const datamodel = await readFile(schemaPath, "utf8");
  const { adapter, close } = migrationAdapter(connectionString);
  // The engine reports progress through this callback; only errors matter here.
  const log = () => {};
  const engine = await SchemaEngine.new({ datamodels: [["schema.prisma", datamodel]] }, log, adapter);
  return {
    engine,
    async close() {
      engine.free();
      await close();
    },
  };
}

export async function readMigrationList(): Promise<MigrationList> {
  const entries = await readdir(migrationsDirectory, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrationDirectories: MigrationDirectory[] = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: await readFile(path.join(migrationsDirectory, name, "migration.sql"), "utf8") },
      },
    })),
  );
  const lockfilePath = path.join(migrationsDirectory, "migration_lock.toml");
  const lockfile = await readFile(lockfilePath, "utf8").catch(() => null);
  return {
    baseDir: migrationsDirectory,
    lockfile: { path: "migration_lock.toml", content: lockfile },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/** Names of the migrations recorded as finished; an unfinished (failed) one makes the engine decide, so it can explain. */
async function readFinishedMigrations(connectionString: string): Promise<Set<string> | null> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const table = await client.query<{ exists: boolean }>("select to_regclass('_prisma_migrations') is not null as exists");
    if (!table.rows[0]?.exists) return new Set();
    const rows = await client.query<{ migration_name: string; finished: boolean }>(
      "select migration_name, finished_at is not null as finished from _prisma_migrations where rolled_back_at is null",
    );
    if (rows.rows.some((row) => !row.finished)) return null;
    return new Set(rows.rows.map((row) => row.migration_name));
  } finally {
    await client.end();
  }
}

export type MigrationProgress = { name: string; milliseconds: number };

/**
 * Applies pending migrations and records them in _prisma_migrations, as `prisma migrate deploy` does.
 * When none is pending the engine (seconds of WebAssembly to load) is not started at all; otherwise the
 * migrations are applied one at a time, so `onApplied` can report each as it finishes.
 */
export async function applyMigrations(connectionString: string, onApplied?: (progress: MigrationProgress) => void): Promise<string[]> {
  const migrationsList = await readMigrationList();
  const finished = await readFinishedMigrations(connectionString);
  const names = migrationsList.migrationDirectories.map((directory) => directory.path);
  if (finished && names.every((name) => finished.has(name))) return [];
  return serialised(async () => {
    const { engine, close } = await openSchemaEngine(connectionString);
    try {
      const applied: string[] = [];
      // The engine applies every pending migration of the list it is given: handing it one more each time
      // applies them in order, one per call (a prefix of the list is what the database had at that point).
      for (const [index, name] of names.entries()) {
        if (finished?.has(name)) continue;
        const started = performance.now();
        const prefix = { ...migrationsList, migrationDirectories: migrationsList.migrationDirectories.slice(0, index + 1) };
        const result = await engine.applyMigrations({ migrationsList: prefix, filters: noFilters });
        for (const name of result.appliedMigrationNames) {
          applied.push(name);
          onApplied?.({ name, milliseconds: performance.now() - started });
        }
      }
      return applied;
    } finally {
      await close();
    }
  });
}

type SchemaSide = { tag: "empty" } | { tag: "schemaDatamodel"; files: { path: string; content: string }[] };

/**
 * SQL that turns one datamodel into another (`null` is the empty schema). The diff reads no database, but the
 * engine connects when it starts: to `scratchDatabaseUrl` when given (an empty database no one else uses; the
 * tests pass one on their server), else to a throwaway in-memory one rather than whatever DATABASE_URL names.
 */
export function diffDatamodels(from: string | null, to: string, options: { scratchDatabaseUrl?: string } = {}): Promise<string> {
  const side = (content: string | null): SchemaSide =>
    content === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content }] };
  return serialised(async () => {
    // Starting the embedded PostgreSQL (a WebAssembly build that runs initdb) costs seconds of CPU.
    const scratch = options.scratchDatabaseUrl ? { url: options.scratchDatabaseUrl, stop: async () => {} } : await startEmbeddedPostgres();
    try {
      const { engine, close } = await openSchemaEngine(scratch.url);
      try {
        const result = await engine.diff({ from: side(from), to: side(to), script: true, exitCode: null, filters: noFilters });
        return result.stdout ?? "";
      } finally {
        await close();
      }
    } finally {
      await scratch.stop();
    }
  });
}
