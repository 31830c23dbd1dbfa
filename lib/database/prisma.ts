import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

export type Database = PrismaClient;

// Set for every connection at start-up (PGlite ignores them). JIT compiling
// costs more than it saves on queries the size of the dashboard's (it took a
// sixth of the all-speakers query at a million codings), and the default 4 MB
// of work memory made its grouping spill to disk. Search counts a name as
// matching when its trigrams overlap the query's by half (pg_trgm's default,
// 0.6, misses one wrong letter in a short name: "xarifyan" for "xarifiyan");
// the embedded database keeps the default.
export const sessionSettings = "-c jit=off -c work_mem=32MB -c pg_trgm.word_similarity_threshold=0.5";

/** A Prisma client on PostgreSQL through node-postgres. Scripts and tests make their own; the web app shares one (lib/database/client.ts). */
export function createPrismaClient(connectionString: string, options: { maxConnections?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: options.maxConnections ?? 10, options: sessionSettings });
  // A burst (forty sign-ins at once, each holding its advisory locks) queues for the pool's connections;
  // Prisma's default of 2 s to get one turned that queue into errors on a busy machine.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 15_000, timeout: 15_000 } });
}
