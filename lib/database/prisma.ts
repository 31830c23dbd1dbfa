import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client";
import { sessionSettings } from "./session-settings";

export type Database = PrismaClient;

// Settings for every connection (why: ./session-settings.ts).
export { sessionSettings, sessionSettingValues } from "./session-settings";

/**
 * Each client's node-postgres pool, for the bulk writes that bypass Prisma (./direct-sql.ts). Kept on globalThis:
 * Next.js bundles this module into several server chunks, each with its own module state, while the app's one
 * client (./client.ts, on globalThis too) is made by whichever chunk asks first and used by all of them.
 */
const registry = globalThis as unknown as { stancewatchConnectionPools?: WeakMap<PrismaClient, pg.Pool> };
const poolsByClient = (registry.stancewatchConnectionPools ??= new WeakMap());

/** A Prisma client on PostgreSQL through node-postgres. Scripts and tests make their own; the web app shares one (lib/database/client.ts). */
export function createPrismaClient(connectionString: string, options: { maxConnections?: number } = {}): PrismaClient {
  // The pool is made here rather than by the adapter so that direct SQL (./direct-sql.ts) shares its connections
  // and its limit; $disconnect() ends it.
  const pool = new pg.Pool({ connectionString, max: options.maxConnections ?? 10, options: sessionSettings });
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  // A burst (forty sign-ins at once, each holding its advisory locks) queues for the pool's connections;
  // Prisma's default of 2 s to get one turned that queue into errors on a busy machine.
  const client = new PrismaClient({ adapter, transactionOptions: { maxWait: 15_000, timeout: 15_000 } });
  poolsByClient.set(client, pool);
  return client;
}

/** The connection pool under a client made by createPrismaClient. */
export function connectionPoolOf(db: PrismaClient): pg.Pool {
  const pool = poolsByClient.get(db);
  if (!pool) throw new Error("This Prisma client was not made by createPrismaClient, so it has no pool for direct SQL.");
  return pool;
}

/**
 * Closes a client made by createPrismaClient and its pool. $disconnect alone leaves the pool open when Prisma
 * itself never connected (a client used only for direct SQL), and an open pool keeps a process alive.
 */
export async function closePrismaClient(db: PrismaClient): Promise<void> {
  await db.$disconnect();
  const pool = connectionPoolOf(db);
  if (!pool.ended) await pool.end();
}
