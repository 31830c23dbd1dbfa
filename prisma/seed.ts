// `npx prisma db seed`: the FT article corpus into the database at DATABASE_URL.
import { describeDatabaseError } from "../lib/database/errors";
import { createPrismaClient } from "../lib/database/prisma";
import { SeedFileError } from "../lib/seed/seed-files";
import { describeSeedSummary, passwordVariableFor, seedFromFiles } from "../lib/seed/run-seed";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    "✖ DATABASE_URL is not set. Point it at a migrated PostgreSQL database (npm run db:migrate first); `npm start` seeds its embedded database by itself.",
  );
  process.exit(1);
}

const db = createPrismaClient(url, { maxConnections: 2 });
try {
  const summary = await seedFromFiles(db);
  console.log(describeSeedSummary(summary));
  for (const user of summary.newUsers) {
    const note = user.generated ? `password ${user.password}  (generated; shown only now)` : "password from the environment";
    console.log(`  ${user.role.padEnd(8)} ${user.email}  ${note}`);
  }
  if (summary.newUsers.some((user) => user.generated)) {
    console.log(`Set ${passwordVariableFor({ key: "lead-analyst" })} and the like before seeding to choose passwords yourself.`);
  }
} catch (error) {
  const message = error instanceof SeedFileError ? error.message : `could not seed the database: ${describeDatabaseError(error, url)}`;
  console.error(`✖ Seed aborted, nothing was written: ${message}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
