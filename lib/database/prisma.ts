import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { sessionSettings } from "./session-settings";

export type Database = PrismaClient;

// Settings for every connection (why: ./session-settings.ts).
export { sessionSettings, sessionSettingValues } from "./session-settings";

/** A Prisma client on PostgreSQL through node-postgres. Scripts and tests make their own; the web app shares one (lib/database/client.ts). */
export function createPrismaClient(connectionString: string, options: { maxConnections?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: options.maxConnections ?? 10, options: sessionSettings });
  // A burst (forty sign-ins at once, each holding its advisory locks) queues for the pool's connections;
  // Prisma's default of 2 s to get one turned that queue into errors on a busy machine.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 15_000, timeout: 15_000 } });
}
