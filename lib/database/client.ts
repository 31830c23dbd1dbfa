import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { readDatabaseUrl, serverEnvironment } from "../config/environment";
import { createPrismaClient, type Database } from "./prisma";

// One client per server process. Next's dev server re-evaluates modules on
// every edit, so the client is kept on globalThis to avoid a new pool each time.
const globalForDatabase = globalThis as unknown as { stancewatchDatabase?: Database };

// Lets a script or test run the data layer against another database (e.g. an
// import into a second, empty one) without a second code path.
const scopedDatabase = new AsyncLocalStorage<Database>();

export function getDatabase(): Database {
  const scoped = scopedDatabase.getStore();
  if (scoped) return scoped;
  if (!globalForDatabase.stancewatchDatabase) {
    const url = readDatabaseUrl(serverEnvironment());
    if (!url) throw new Error("DATABASE_URL is not set. Start the app with `npm start`, which provides one.");
    globalForDatabase.stancewatchDatabase = createPrismaClient(url);
  }
  return globalForDatabase.stancewatchDatabase;
}

/** Runs `work` with every data-access call inside it using `db`. */
export function withDatabase<T>(db: Database, work: () => Promise<T>): Promise<T> {
  return scopedDatabase.run(db, work);
}
