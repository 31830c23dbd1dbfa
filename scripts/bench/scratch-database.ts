// The benchmark's own database: dropped and recreated at will, so it must
// never be one that holds real work. Everything here talks to the server
// through the maintenance database named "postgres".
import pg from "pg";
import { describeDatabaseError } from "../../lib/database/errors";
import { sessionSettings } from "../../lib/database/prisma";

export const defaultScratchDatabaseUrl = "postgresql://postgres@127.0.0.1:5432/stancewatch_bench";

export class BenchSetupError extends Error {}

/** The database name in a postgresql:// URL, refused unless it is a plain identifier (it is spliced into DROP DATABASE). */
export function databaseNameOf(url: string): string {
  let name: string;
  try {
    name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  } catch {
    throw new BenchSetupError(`BENCH_DATABASE_URL is not a URL: ${url}`);
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw new BenchSetupError(`BENCH_DATABASE_URL must name a scratch database of letters, digits and underscores; got "${name}".`);
  if (name === "postgres" || name === "template0" || name === "template1")
    throw new BenchSetupError(`BENCH_DATABASE_URL names "${name}"; the benchmark drops its database, so give it a scratch one.`);
  return name;
}

function maintenanceUrl(url: string): string {
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  return maintenance.toString();
}

async function withMaintenanceClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: maintenanceUrl(url), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new BenchSetupError(`Cannot reach PostgreSQL: ${describeDatabaseError(error, maintenanceUrl(url))}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Fails with one line when the server is not there, before anything slow starts. */
export async function checkServerIsReachable(url: string): Promise<{ serverVersion: string }> {
  return withMaintenanceClient(url, async (client) => {
    const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
    return { serverVersion: rows[0]?.server_version ?? "unknown" };
  });
}

export async function scratchDatabaseExists(url: string): Promise<boolean> {
  const name = databaseNameOf(url);
  return withMaintenanceClient(url, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    return (rowCount ?? 0) > 0;
  });
}

export async function recreateScratchDatabase(url: string): Promise<void> {
  const name = databaseNameOf(url);
  await withMaintenanceClient(url, async (client) => {
    // FORCE: a server left running by an interrupted run must not keep the old corpus alive.
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
}

/** A plain node-postgres client on the scratch database; the caller ends it. */
/** A plain pg connection with the session settings the app's connections start with, so the comparison is fair. */
export async function connectToScratchDatabase(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000, options: sessionSettings });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new BenchSetupError(`Cannot open the scratch database: ${describeDatabaseError(error, url)}`);
  }
  return client;
}
