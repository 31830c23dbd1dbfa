// A fresh database for each test run: a new database on TEST_DATABASE_URL's
// server when it is given, otherwise an in-memory embedded PostgreSQL.
import pg from "pg";
import type { Environment } from "@/lib/config/environment";
import { startEmbeddedPostgres } from "@/scripts/database/embedded";

export type TestDatabase = { url: string; kind: "server" | "embedded"; drop(): Promise<void> };

/** The URL of another database on the same server. */
export function withDatabaseName(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** PostgreSQL's "source database is being accessed by other users": a client that just disconnected may linger a moment. */
const templateInUse = "55006";

/**
 * A fresh database: empty, or (on a server, with `template`) a copy of the server's database of
 * that name, which PostgreSQL makes by copying files, far faster than migrating and seeding again.
 */
export async function createFreshDatabase(
  label: string,
  environment: Environment = process.env,
  options: { template?: string } = {},
): Promise<TestDatabase> {
  const serverUrl = environment.TEST_DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres();
    return { url: embedded.url, kind: "embedded", drop: () => embedded.stop() };
  }
  const name = `stancewatch_${label}_${Date.now()}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const template = options.template ? ` TEMPLATE "${options.template}"` : "";
    for (let attempt = 1; ; attempt += 1) {
      try {
        await admin.query(`CREATE DATABASE "${name}"${template}`);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== templateInUse || attempt === 40) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    await admin.end();
  }
  return {
    url: withDatabaseName(serverUrl, name),
    kind: "server",
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
