// Several builds of the app against the same corpus, timed in turn on the
// dashboard page (each round in a rotated order), so load from other work
// falls on all alike: the way to compare a change with main on a shared
// machine (docs/benchmarks.md, Notes).
//   BENCH_DATABASE_URL=<a copy of the corpus> npx tsx --conditions=react-server \
//     scripts/bench/dashboard-page-ab.ts <build directory> <build directory> [...] [--rounds=N]
// Each directory is a checkout with node_modules and a `next build` already made.
// Prints; writes nothing.
import os from "node:os";
import { parseArgs } from "node:util";
import { signInOverHttp } from "../../tests/support/http-session";
import { startApp } from "./app-server";
import { cleanUpOnSignals, runCleanups } from "./cleanup";
import { benchAdministrator, resetBenchAdministratorPassword } from "./corpus";
import { measureDashboardPage, type DashboardPageFigures } from "./dashboard-page";
import { connectToScratchDatabase, defaultScratchDatabaseUrl } from "./scratch-database";

const { values, positionals: directories } = parseArgs({ options: { rounds: { type: "string", default: "3" } }, allowPositionals: true });
if (directories.length < 2) throw new Error("Usage: dashboard-page-ab.ts <build directory> <build directory> [...] [--rounds=N]");
const rounds = Number(values.rounds);
const databaseUrl = process.env.BENCH_DATABASE_URL ?? defaultScratchDatabaseUrl;
cleanUpOnSignals();

async function startIn(directory: string) {
  // startApp runs the `next` of the working directory, serving that directory's build.
  const previous = process.cwd();
  process.chdir(directory);
  try {
    return await startApp(databaseUrl, (message) => console.log(`${directory}: ${message}`));
  } finally {
    process.chdir(previous);
  }
}

try {
  const client = await connectToScratchDatabase(databaseUrl);
  const password = await resetBenchAdministratorPassword(client);
  await client.end();
  const builds = [];
  for (const directory of directories) {
    const app = await startIn(directory);
    builds.push({
      directory,
      session: await signInOverHttp(app.url, benchAdministrator.email, password),
      figures: [] as DashboardPageFigures[],
    });
  }
  for (let round = 0; round < rounds; round++) {
    for (let turn = 0; turn < builds.length; turn++) {
      const build = builds[(round + turn) % builds.length]!;
      const figures = await measureDashboardPage(build.session, "/", () => {});
      build.figures.push(figures);
      console.log(
        `round ${round} ${build.directory}: first byte ${figures.firstByte.median.toFixed(0)} ms, ` +
          `first chart ${figures.firstChart.median.toFixed(0)} ms (${figures.firstChart.minimum.toFixed(0)}–${figures.firstChart.maximum.toFixed(0)}), ` +
          `whole ${figures.complete.median.toFixed(0)} ms, ${(figures.bytes / 1024).toFixed(0)} KiB, ` +
          `404 ${figures.floorComplete.median.toFixed(0)} ms, load ${figures.loadAverageAtStart.toFixed(1)}–${figures.loadAverageAtEnd.toFixed(1)}`,
      );
    }
  }
  for (const build of builds) {
    const medians = (pick: (figures: DashboardPageFigures) => number) =>
      build.figures
        .map(pick)
        .sort((a, b) => a - b)
        .map((value) => value.toFixed(0))
        .join(", ");
    console.log(
      `${build.directory}: medians per round, first byte ${medians((figures) => figures.firstByte.median)} ms; ` +
        `first chart ${medians((figures) => figures.firstChart.median)} ms; whole ${medians((figures) => figures.complete.median)} ms`,
    );
  }
  console.log(
    `load average now ${os
      .loadavg()
      .map((value) => value.toFixed(1))
      .join(" ")}`,
  );
} finally {
  await runCleanups();
}
