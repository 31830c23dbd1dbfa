// Two builds of the app against the same corpus, timed alternately on the
// dashboard page, so load from other work falls on both alike: the way to
// compare a change with main on a shared machine (docs/benchmarks.md, Notes).
//   BENCH_DATABASE_URL=<a copy of the corpus> npx tsx --conditions=react-server \
//     scripts/bench/dashboard-page-ab.ts <directory of build A> <directory of build B> [rounds]
// Each directory is a checkout with node_modules and a `next build` already made.
// Prints; writes nothing.
import os from "node:os";
import { signInOverHttp } from "../../tests/support/http-session";
import { startApp } from "./app-server";
import { cleanUpOnSignals, runCleanups } from "./cleanup";
import { benchAdministrator, resetBenchAdministratorPassword } from "./corpus";
import { measureDashboardPage, type DashboardPageFigures } from "./dashboard-page";
import { connectToScratchDatabase, defaultScratchDatabaseUrl } from "./scratch-database";

const [directoryA, directoryB, roundsArgument] = process.argv.slice(2);
if (!directoryA || !directoryB) throw new Error("Usage: dashboard-page-ab.ts <build A directory> <build B directory> [rounds]");
const rounds = Number(roundsArgument ?? 3);
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
  const apps = { A: await startIn(directoryA), B: await startIn(directoryB) };
  const sessions = {
    A: await signInOverHttp(apps.A.url, benchAdministrator.email, password),
    B: await signInOverHttp(apps.B.url, benchAdministrator.email, password),
  };
  const results: Record<"A" | "B", DashboardPageFigures[]> = { A: [], B: [] };
  for (let round = 0; round < rounds; round++) {
    for (const build of round % 2 === 0 ? (["A", "B"] as const) : (["B", "A"] as const)) {
      const figures = await measureDashboardPage(sessions[build], "/", () => {});
      results[build].push(figures);
      console.log(
        `round ${round} ${build}: first byte ${figures.firstByte.median.toFixed(0)} ms, first chart ${figures.firstChart.median.toFixed(0)} ms, ` +
          `whole ${figures.complete.median.toFixed(0)} ms, ${(figures.bytes / 1024).toFixed(0)} KiB, ` +
          `404 ${figures.floorComplete.median.toFixed(0)} ms, load ${figures.loadAverageAtStart.toFixed(1)}–${figures.loadAverageAtEnd.toFixed(1)}`,
      );
    }
  }
  for (const build of ["A", "B"] as const) {
    const firstCharts = results[build].map((figures) => figures.firstChart.median).sort((a, b) => a - b);
    console.log(`${build} (${build === "A" ? directoryA : directoryB}): first chart medians ${firstCharts.map((value) => value.toFixed(0)).join(", ")} ms`);
  }
  console.log(`load average now ${os.loadavg().map((value) => value.toFixed(1)).join(" ")}`);
} finally {
  await runCleanups();
}
