// Vitest global setup: one fresh, migrated and seeded database per run.
import type { TestProject } from "vitest/node";
import { createPrismaClient } from "@/lib/database/prisma";
import { applyMigrations } from "@/lib/database/schema-engine";
import { seedFromFiles } from "@/lib/seed/run-seed";
import { createFreshDatabase } from "./test-database";
import { testPasswords } from "./test-passwords";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: "server" | "embedded";
    appUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await createFreshDatabase(project.name);
  await applyMigrations(database.url);
  const db = createPrismaClient(database.url, { maxConnections: 2 });
  try {
    await seedFromFiles(db, { ...process.env, ...testPasswords });
  } finally {
    await db.$disconnect();
  }
  project.provide("databaseUrl", database.url);
  project.provide("databaseKind", database.kind);
  return async () => {
    await database.drop();
  };
}
