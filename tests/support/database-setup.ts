// Vitest global setup: one fresh, migrated and seeded database per run. On a
// real server the tests and the app under test connect as the app's own
// role (scripts/database/application-role.ts), as in production, so every
// test also proves the app works with no more than that role's rights.
import type { TestProject } from "vitest/node";
import { createPrismaClient } from "@/lib/database/prisma";
import { defaultApplicationRole, migrateAndGrant, urlAsRole } from "@/scripts/database/application-role";
import { seedFromFiles } from "@/lib/seed/run-seed";
import { createFreshDatabase } from "./test-database";
import { testPasswords } from "./test-passwords";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's database as the app's role; the data layer and the app under test use it. */
    databaseUrl: string;
    /** The same database as the owner of its tables, for tests that must act as the owner (tampering, ANALYZE). */
    ownerDatabaseUrl: string;
    databaseKind: "server" | "embedded";
    appUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await createFreshDatabase(project.name);
  await migrateAndGrant(database.url, defaultApplicationRole);
  const db = createPrismaClient(database.url, { maxConnections: 2 });
  try {
    await seedFromFiles(db, { ...process.env, ...testPasswords });
  } finally {
    await db.$disconnect();
  }
  // PGlite (no TEST_DATABASE_URL) has one user and one session shared by every connection, so there
  // the tests run as its superuser; the role is proven on a real server, which CI always uses.
  project.provide("databaseUrl", database.kind === "server" ? urlAsRole(database.url, defaultApplicationRole) : database.url);
  project.provide("ownerDatabaseUrl", database.url);
  project.provide("databaseKind", database.kind);
  return async () => {
    await database.drop();
  };
}
