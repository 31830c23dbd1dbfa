// npm run bench [-- --reuse] | npm run bench -- intake | throughput | lighthouse | dashboard-page [--reuse] | lists [--reuse] | series [--reuse] | blind [--reuse] | start
// Measures the stance dashboard at a million codings against issue 5's goals:
// builds a synthetic corpus in a scratch database (BENCH_DATABASE_URL, which is
// dropped), times the series reads through the data layer and as raw SQL,
// loads the data endpoint of a production build, weighs the dashboard's
// first-load JavaScript, and writes the figures to docs/benchmarks.md.
import os from "node:os";
import { parseArgs } from "node:util";
import { dashboardSearchParams } from "../lib/dashboard/view";
import { createPrismaClient } from "../lib/database/prisma";
import { signInOverHttp } from "../tests/support/http-session";
import { buildIfSourcesChanged, startApp } from "./bench/app-server";
import { runIntakeBench, writeIntakeFigures } from "./bench/intake";
import { runStartBench, writeStartFigures } from "./bench/start";
import { runSearchBench, writeSearchFigures } from "./bench/search";
import { cleanUpOnSignals, onCleanup, runCleanups } from "./bench/cleanup";
import { benchAdministrator, prepareCorpus, resetBenchAdministratorPassword, speakerSlug, targetSlug } from "./bench/corpus";
import { loadEndpoint, loadRawSql, loadShape, rawPoolSize, timeEndpointUnloaded } from "./bench/endpoint-load";
import { measurePageJavaScript } from "./bench/first-load-javascript";
import { printSummary, writeBenchmarksDocument, type BenchFigures } from "./bench/report";
import {
  BenchSetupError,
  checkServerIsReachable,
  connectToScratchDatabase,
  databaseNameOf,
  defaultScratchDatabaseUrl,
} from "./bench/scratch-database";
import { listsMissed, runListsBench, writeListFigures } from "./bench/lists";
import { benchDashboardPage, benchOnSeed, seedSections, type SeedSection } from "./bench/speed";
import { chartWidth, seriesCases, timeSeriesCase, type SeriesCaseTimings } from "./bench/series-timings";
import { benchBlindViews } from "./bench/blind-views";

/**
 * The app on the corpus keeps no chart (docs/decisions/0050): the endpoint's ratio to its SQL is the app's own
 * cost only when every request computes its chart as the SQL replayed beside it does, and the dashboard page's
 * time is that of a first visit. The series section times kept charts in the data layer.
 */
const computeEveryChart = { KEPT_CHARTS_MEGABYTES: "0" };

const usage =
  "Usage: npm run bench [-- --reuse]   or   npm run bench -- intake|search|throughput|lighthouse|dashboard-page|lists|series|blind|start [--reuse]   (BENCH_DATABASE_URL names the scratch database; it, <name>_intake and <name>_seed are dropped and rebuilt; search and lists reuse the corpus when they can)";
const sections = ["intake", "search", ...seedSections, "dashboard-page", "lists", "series", "blind", "start"];

function heading(message: string) {
  console.log(`▸ ${message}`);
}

function detail(message: string) {
  console.log(`    ${message}`);
}

function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

async function main(): Promise<void> {
  let reuse: boolean;
  let only: string | undefined;
  try {
    const parsed = parseArgs({ options: { reuse: { type: "boolean", default: false } }, allowPositionals: true });
    reuse = parsed.values.reuse ?? false;
    only = parsed.positionals[0];
  } catch (error) {
    throw new BenchSetupError(`${(error as Error).message}. ${usage}`);
  }
  if (only !== undefined && !sections.includes(only)) throw new BenchSetupError(`There is no benchmark called "${only}". ${usage}`);
  // A fresh clone's first and second `npm start`, on the embedded database: no BENCH_DATABASE_URL involved.
  if (only === "start") {
    console.log(`  Figures written to ${await writeStartFigures(await runStartBench("npm run bench -- start", { heading, detail }))}`);
    return;
  }
  const configuredUrl = process.env.BENCH_DATABASE_URL?.trim();
  const databaseUrl = configuredUrl || defaultScratchDatabaseUrl;
  databaseNameOf(databaseUrl);
  const urlPrefix = configuredUrl ? `BENCH_DATABASE_URL=${redactedUrl(configuredUrl)} ` : "";
  if (only === "intake") return benchIntake(databaseUrl, `${urlPrefix}npm run bench -- intake`);
  if (only === "search") {
    heading("Search at corpus size (data layer)");
    const figures = await runSearchBench(databaseUrl, `${urlPrefix}npm run bench -- search`, detail);
    console.log(`  Figures written to ${await writeSearchFigures(figures)}`);
    return;
  }
  if (only === "lists") return benchLists(databaseUrl, reuse, `${urlPrefix}npm run bench -- lists${reuse ? " --reuse" : ""}`);
  if (only && (seedSections as readonly string[]).includes(only))
    return benchOnSeed(databaseUrl, [only as SeedSection], `${urlPrefix}npm run bench -- ${only}`, { heading, detail });
  if (only === "series") return benchSeriesAlone(databaseUrl, reuse);
  if (only === "blind") return benchBlindViewsAlone(databaseUrl, reuse);
  if (only === "dashboard-page")
    return benchDashboardPageAlone(databaseUrl, reuse, `${urlPrefix}npm run bench -- dashboard-page${reuse ? " --reuse" : ""}`);
  const command = `${configuredUrl ? `BENCH_DATABASE_URL=${redactedUrl(configuredUrl)} ` : ""}npm run bench${reuse ? " -- --reuse" : ""}`;
  const loadAverageAtStart = os.loadavg()[0]!;
  // Everything here shares the machine's cores with whatever else runs: say so rather than publish noisy figures silently.
  if (loadAverageAtStart > os.availableParallelism() / 2)
    console.log(`▸ Note: the load average is ${loadAverageAtStart.toFixed(1)}; other work on this machine will make the figures noisy.`);
  const { serverVersion } = await checkServerIsReachable(databaseUrl);

  heading(`Corpus in ${redactedUrl(databaseUrl)}`);
  const corpus = await prepareCorpus(databaseUrl, { reuse, log: detail });
  const rawClient = await connectToScratchDatabase(databaseUrl);
  const closeRawClient = onCleanup("close the raw SQL client", () => rawClient.end());
  const password = await resetBenchAdministratorPassword(rawClient);
  const user = { id: benchAdministrator.id, role: "ADMIN" as const, isAdjudicator: false };

  heading("Stance-series reads: data layer against the same SQL through pg");
  const database = createPrismaClient(databaseUrl);
  const closeDatabase = onCleanup("disconnect Prisma", () => database.$disconnect());
  const series: SeriesCaseTimings[] = [];
  for (const seriesCase of seriesCases(speakerSlug(1), targetSlug(1)))
    series.push(await timeSeriesCase({ database, rawClient, user }, seriesCase, detail));

  // The load test below needs the database to itself.
  await closeDatabase();
  const oneSeries = series[0]!;

  heading("Data endpoint");
  await buildIfSourcesChanged(detail);
  const app = await startApp(databaseUrl, detail, computeEveryChart);
  const session = await signInOverHttp(app.url, benchAdministrator.email, password);
  const endpointPath = `/api/stance?${dashboardSearchParams(oneSeries.seriesCase.view)}&width=${chartWidth}`;
  const unloaded = await timeEndpointUnloaded(session, endpointPath);
  detail(
    `one request at a time: median ${unloaded.timings.median.toFixed(1)} ms (its SQL: ${oneSeries.rawAllQueries.median.toFixed(1)} ms)`,
  );
  if (unloaded.responseBytes !== oneSeries.responseBytes)
    detail(`note: the endpoint sent ${unloaded.responseBytes} bytes where renderStanceSeries' JSON is ${oneSeries.responseBytes}`);
  detail(`autocannon: ${loadShape.connections} connections for ${loadShape.durationSeconds} s…`);
  const load = await loadEndpoint(app.url, endpointPath, session.cookie);
  detail(
    `endpoint: ${load.requestsPerSecond.toFixed(0)} requests/s, p50 ${load.p50} ms, p99 ${load.p99} ms, ${load.errors} errors, ${load.non2xx} non-2xx`,
  );
  detail(`the same SQL through a pg.Pool of ${rawPoolSize}, ${loadShape.connections} clients for ${loadShape.durationSeconds} s…`);
  const rawLoad = await loadRawSql(databaseUrl, oneSeries.queries);
  detail(`raw SQL: ${rawLoad.requestsPerSecond.toFixed(0)} requests/s, p50 ${rawLoad.p50.toFixed(1)} ms, p99 ${rawLoad.p99.toFixed(1)} ms`);

  heading("First-load JavaScript");
  const dashboard = await measurePageJavaScript(session, app.url, "/", 200);
  const blank = await measurePageJavaScript(session, app.url, "/this-page-does-not-exist", 404);
  detail(
    `dashboard ${dashboard.scripts.length} scripts, ${dashboard.gzippedBytes} bytes gzipped; blank page ${blank.scripts.length}, ${blank.gzippedBytes}`,
  );
  await benchDashboardPage(session, command, { heading, detail });
  await app.stop();
  const appKeepingCharts = await startApp(databaseUrl, detail);
  const unloadedKept = await timeEndpointUnloaded(
    await signInOverHttp(appKeepingCharts.url, benchAdministrator.email, password),
    endpointPath,
  );
  detail(`one request at a time, charts kept (default settings): median ${unloadedKept.timings.median.toFixed(1)} ms`);
  await appKeepingCharts.stop();
  await closeRawClient();

  const figures: BenchFigures = {
    measuredAt: new Date(),
    command,
    machine: {
      processors: os.availableParallelism(),
      processorModel: os.cpus()[0]?.model.trim() ?? "unknown processor",
      memoryGibibytes: os.totalmem() / 2 ** 30,
      postgresVersion: serverVersion,
      nodeVersion: process.version,
      loadAverageAtStart,
    },
    corpus,
    series,
    endpoint: {
      path: endpointPath,
      unloaded: unloaded.timings,
      unloadedKept: unloadedKept.timings,
      responseBytes: unloaded.responseBytes,
      rawUnloaded: oneSeries.rawAllQueries,
      load,
      rawLoad,
      rawPoolSize,
      connections: loadShape.connections,
      durationSeconds: loadShape.durationSeconds,
    },
    javascript: { dashboard, blank },
  };
  printSummary(figures);
  const documentPath = await writeBenchmarksDocument(figures);
  console.log(`  Figures written to ${documentPath}`);
  // Lists and search on the same corpus, each into its own section (the figures above no longer repeat them).
  await benchLists(databaseUrl, true, command);
  heading("Search at corpus size (data layer)");
  console.log(`  Figures written to ${await writeSearchFigures(await runSearchBench(databaseUrl, command, detail))}`);
  await benchOnSeed(databaseUrl, seedSections, command, { heading, detail });
  await benchIntake(databaseUrl, command);
}

/** Every list's first and a deep page at corpus size, written to the lists section of docs/benchmarks.md. */
async function benchLists(databaseUrl: string, reuse: boolean, command: string): Promise<void> {
  heading(`Lists at corpus size: first pages, deep pages by cursor, filtered views (data layer; ${os.availableParallelism()} cores)`);
  const figures = await runListsBench(databaseUrl, command, { reuse, log: detail });
  const missed = listsMissed(figures);
  console.log(
    missed.length
      ? `  ${missed.length} of ${figures.cases.length} miss the goal: ${missed.map((item) => `${item.list}, ${item.name}`).join("; ")}`
      : `  All ${figures.cases.length} meet the goal (median).`,
  );
  console.log(`  Figures written to ${await writeListFigures(figures)}`);
}

/**
 * The stance-series reads of the full run alone (the data layer against its
 * SQL through pg), printed and not written: a quick check of the series
 * query on a corpus already built. The full run writes these figures.
 */
async function benchSeriesAlone(databaseUrl: string, reuse: boolean): Promise<void> {
  await checkServerIsReachable(databaseUrl);
  heading(`Corpus in ${redactedUrl(databaseUrl)}`);
  await prepareCorpus(databaseUrl, { reuse, log: detail });
  const rawClient = await connectToScratchDatabase(databaseUrl);
  const closeRawClient = onCleanup("close the raw SQL client", () => rawClient.end());
  const database = createPrismaClient(databaseUrl);
  const closeDatabase = onCleanup("disconnect Prisma", () => database.$disconnect());
  const user = { id: benchAdministrator.id, role: "ADMIN" as const, isAdjudicator: false };
  heading(`Stance-series reads: data layer against the same SQL through pg (load average ${os.loadavg()[0]!.toFixed(1)})`);
  for (const seriesCase of seriesCases(speakerSlug(1), targetSlug(1))) {
    const timings = await timeSeriesCase({ database, rawClient, user }, seriesCase, detail);
    for (const [read, summary] of [
      ["first read", timings.dataLayer],
      ["read again", timings.dataLayerKept],
      ["read after a coding toward another target", timings.dataLayerAfterOtherTarget],
    ] as const) {
      const verdict = summary.median <= seriesCase.goalMilliseconds ? "PASS" : "MISS";
      detail(`  goal p50 ≤ ${seriesCase.goalMilliseconds} ms (data layer, ${read}): ${verdict}; p90 ${summary.p90.toFixed(1)} ms`);
    }
  }
  detail(`load average at the end ${os.loadavg()[0]!.toFixed(1)}; nothing written (the full run writes these figures)`);
  await closeDatabase();
  await closeRawClient();
}

/** A blind coder's charts against an administrator's on the corpus (scripts/bench/blind-views.ts), printed. */
async function benchBlindViewsAlone(databaseUrl: string, reuse: boolean): Promise<void> {
  await checkServerIsReachable(databaseUrl);
  heading(`Corpus in ${redactedUrl(databaseUrl)}`);
  await prepareCorpus(databaseUrl, { reuse, log: detail });
  const database = createPrismaClient(databaseUrl);
  const closeDatabase = onCleanup("disconnect Prisma", () => database.$disconnect());
  heading("A blind coder's stance charts, first reads through the data layer");
  await benchBlindViews(database, detail);
  await closeDatabase();
}

async function benchDashboardPageAlone(databaseUrl: string, reuse: boolean, command: string): Promise<void> {
  await checkServerIsReachable(databaseUrl);
  heading(`Corpus in ${redactedUrl(databaseUrl)}`);
  await prepareCorpus(databaseUrl, { reuse, log: detail });
  const rawClient = await connectToScratchDatabase(databaseUrl);
  const password = await resetBenchAdministratorPassword(rawClient);
  await rawClient.end();
  await buildIfSourcesChanged(detail);
  const app = await startApp(databaseUrl, detail, computeEveryChart);
  const session = await signInOverHttp(app.url, benchAdministrator.email, password);
  await benchDashboardPage(session, command, { heading, detail });
  await app.stop();
}

async function benchIntake(databaseUrl: string, command: string): Promise<void> {
  heading("Intake: 10,000 sources of about 5 KB in one upload");
  const figures = await runIntakeBench(databaseUrl, command, detail);
  console.log(`  Figures written to ${await writeIntakeFigures(figures)}`);
}

cleanUpOnSignals();
let status = 0;
try {
  await main();
} catch (error) {
  status = 1;
  // Setup problems (no server, a bad URL) are one line; anything else keeps its detail.
  console.error(`✖ ${error instanceof BenchSetupError ? error.message : ((error as Error).stack ?? String(error))}`);
} finally {
  await runCleanups();
}
process.exit(status);
