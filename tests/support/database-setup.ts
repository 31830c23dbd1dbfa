// Vitest global setup: one fresh, migrated and seeded database per project and
// run. On a real server the tests and the app under test connect as the app's
// own role (scripts/database/application-role.ts), as in production, so every
// test also proves the app works with no more than that role's rights.
//
// On a server the run migrates and seeds once, into a template database, and
// each lane of each project (integration, e2e; see lane.ts) gets a copy of it
// (CREATE DATABASE … TEMPLATE): a copy takes a fraction of a second where
// migrating and seeding take many.
import type { TestProject } from "vitest/node";
import { createPrismaClient } from "@/lib/database/prisma";
import { defaultApplicationRole, migrateAndGrant, urlAsRole } from "@/scripts/database/application-role";
import { seedFromFiles } from "@/lib/seed/run-seed";
import type { TestLane } from "./lane";
import { createFreshDatabase, type TestDatabase } from "./test-database";
import { testPasswords } from "./test-passwords";

declare module "vitest" {
  export interface ProvidedContext {
    databaseKind: "server" | "embedded";
    /**
     * The run's migrated and seeded database that every lane copies, for a test that needs a copy of its own
     * (createFreshDatabase with this as its template): a lane's database holds what earlier files in the lane
     * left. Null on the embedded database, which has no templates.
     */
    templateDatabaseName: string | null;
  }
}

async function migrateAndSeed(url: string) {
  const started = performance.now();
  await migrateAndGrant(url, defaultApplicationRole);
  const migrated = performance.now();
  const db = createPrismaClient(url, { maxConnections: 2 });
  try {
    await seedFromFiles(db, { ...process.env, ...testPasswords });
  } finally {
    await db.$disconnect();
  }
  console.info(
    `test setup: migrations ${((migrated - started) / 1000).toFixed(1)} s, seed ${((performance.now() - migrated) / 1000).toFixed(1)} s`,
  );
}

// Every project's global setup runs in vitest's main process, one after another: the template and the
// number of projects still using it live there, so the last project's teardown drops it.
type SharedTemplate = { database: Promise<TestDatabase>; users: number };
const sharedTemplateKey = Symbol.for("stancewatch.test-template-database");
const shared = globalThis as { [sharedTemplateKey]?: SharedTemplate };

async function createTemplate(): Promise<TestDatabase> {
  const template = await createFreshDatabase("template");
  await migrateAndSeed(template.url);
  return template;
}

async function createProjectDatabase(
  name: string,
): Promise<{ database: TestDatabase; templateName: string | null; release(): Promise<void> }> {
  if (!process.env.TEST_DATABASE_URL) {
    // The embedded PostgreSQL lives in this process's memory: no template to copy, so migrate and seed it.
    const database = await createFreshDatabase(name);
    await migrateAndSeed(database.url);
    return { database, templateName: null, release: async () => {} };
  }
  const template = (shared[sharedTemplateKey] ??= { database: createTemplate(), users: 0 });
  template.users += 1;
  const templateName = new URL((await template.database).url).pathname.slice(1);
  const database = await createFreshDatabase(name, process.env, { template: templateName });
  return {
    database,
    templateName,
    async release() {
      template.users -= 1;
      if (template.users > 0) return;
      delete shared[sharedTemplateKey];
      await (await template.database).drop();
    },
  };
}

export default async function setup(project: TestProject) {
  const started = performance.now();
  const lanes = await Promise.all(
    Array.from({ length: project.config.maxWorkers }, (_, index) => createProjectDatabase(`${project.name}${index + 1}`)),
  );
  console.info(`test setup: ${lanes.length} ${project.name} database(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // PGlite (no TEST_DATABASE_URL) has one user and one session shared by every connection, so there
  // the tests run as its superuser; the role is proven on a real server, which CI always uses.
  project.provide(
    "lanes",
    lanes.map(({ database }): TestLane => ({
      databaseUrl: database.kind === "server" ? urlAsRole(database.url, defaultApplicationRole) : database.url,
      ownerDatabaseUrl: database.url,
      appUrl: "",
    })),
  );
  project.provide("databaseKind", lanes[0]!.database.kind);
  project.provide("templateDatabaseName", lanes[0]!.templateName);
  return async () => {
    for (const { database, release } of lanes) {
      await database.drop();
      await release();
    }
  };
}
