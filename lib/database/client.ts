import "server-only";
import { createPrismaClient, type Database } from "./prisma";

// One client per server process. Next's dev server re-evaluates modules on
// every edit, so the client is kept on globalThis to avoid a new pool each time.
const globalForDatabase = globalThis as unknown as { stancewatchDatabase?: Database };

export function getDatabase(): Database {
  if (!globalForDatabase.stancewatchDatabase) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set. Start the app with `npm start`, which provides one.");
    globalForDatabase.stancewatchDatabase = createPrismaClient(url);
  }
  return globalForDatabase.stancewatchDatabase;
}
