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

export async function createFreshDatabase(label: string, environment: Environment = process.env): Promise<TestDatabase> {
  const serverUrl = environment.TEST_DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres();
    return { url: embedded.url, kind: "embedded", drop: () => embedded.stop() };
  }
  const name = `stancewatch_${label}_${Date.now()}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
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
