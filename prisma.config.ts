import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's CLI insists on a native schema engine that cannot be downloaded
// offline. `generate` and `db seed` never start it, so any existing file
// satisfies the check; migrations run through scripts/migrate.ts (wasm engine).
// See docs/decisions/0001-offline-migrations.md.
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = path.resolve("prisma/schema.prisma");
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "tsx prisma/seed.ts",
  },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/stancewatch",
  },
});
