// Lighthouse performance scores (mobile preset, its default: a mid-range phone,
// simulated slow 4G and a 4× slower processor) for the main pages on the seed,
// signed in by passing the session cookie as an extra header. Lighthouse is run
// with npx at a pinned version rather than installed as a devDependency: it
// and its dependencies weigh tens of megabytes that every `npm ci` (CI, a
// fresh clone's `npm start`) would fetch for a benchmark few people run
// (docs/decisions/0033).
import { spawn } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { onCleanup } from "./cleanup";

export const lighthouseVersion = "12.2.3";
export const lighthousePages = ["/", "/sources", "/scenarios"] as const;
export const lighthouseGoal = 90;
export const lighthouseRunsPerPage = 5;
/**
 * The floor each round also measures: the sign-in page, signed out. It is the app's lightest page (the brand, one
 * form), so it costs little beyond the framework's own scripts, which every page loads. Lighthouse does not adjust
 * for the machine it runs on: its simulated main-thread times are this machine's, observed, times four. Beside
 * the floor, a page's score can be read against what this machine gives a page that does almost nothing.
 */
export const lighthouseFloorPage = "/sign-in";
const chromiumPath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
// Set to a directory to keep every run's full report (JSON: open it in the Lighthouse viewer) for a closer look.
const keptReportsDirectory = process.env.BENCH_LIGHTHOUSE_REPORTS;

export type LighthouseRun = {
  score: number;
  firstContentfulPaint: number;
  largestContentfulPaint: number;
  totalBlockingTime: number;
  cumulativeLayoutShift: number;
  speedIndex: number;
  mainThreadMilliseconds: number;
  unusedJavaScriptBytes: number;
  /** Lighthouse's own measure of this machine's speed (higher is faster), which scales its simulated timings. */
  benchmarkIndex: number;
  loadAverage: number;
};

export type LighthousePage = { path: string; runs: LighthouseRun[]; medianRun: LighthouseRun };

export type LighthouseFigures = { version: string; pages: LighthousePage[]; floor: LighthousePage; loadAverageAtStart: number };

type LighthouseReport = {
  categories: { performance: { score: number | null } };
  audits: Record<string, { numericValue?: number; details?: { overallSavingsBytes?: number } }>;
  environment: { benchmarkIndex: number };
  runtimeError?: { code: string; message: string };
};

/** Runs Lighthouse on one address; signed in when headersPath names the session cookie's file, signed out when null. */
function runLighthouse(url: string, outputPath: string, headersPath: string | null): Promise<void> {
  const arguments_ = [
    "--yes",
    `lighthouse@${lighthouseVersion}`,
    url,
    "--only-categories=performance",
    "--output=json",
    `--output-path=${outputPath}`,
    ...(headersPath ? [`--extra-headers=${headersPath}`] : []),
    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
    "--quiet",
  ];
  return new Promise((resolve, reject) => {
    const child = spawn("npx", arguments_, { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, CHROME_PATH: chromiumPath } });
    const stop = onCleanup("stop Lighthouse", () => {
      if (child.exitCode === null) child.kill("SIGTERM");
    });
    let errors = "";
    child.stderr.on("data", (chunk) => (errors += chunk));
    child.once("error", reject);
    child.once("exit", (code) => {
      void stop();
      if (code === 0) resolve();
      else reject(new Error(`lighthouse ${url} exited with ${code}: ${errors.trim().slice(-2000)}`));
    });
  });
}

function runFromReport(report: LighthouseReport, loadAverage: number): LighthouseRun {
  if (report.runtimeError) throw new Error(`Lighthouse: ${report.runtimeError.code}: ${report.runtimeError.message}`);
  const audit = (name: string) => report.audits[name]?.numericValue ?? Number.NaN;
  return {
    score: Math.round((report.categories.performance.score ?? 0) * 100),
    firstContentfulPaint: audit("first-contentful-paint"),
    largestContentfulPaint: audit("largest-contentful-paint"),
    totalBlockingTime: audit("total-blocking-time"),
    cumulativeLayoutShift: audit("cumulative-layout-shift"),
    speedIndex: audit("speed-index"),
    mainThreadMilliseconds: audit("mainthread-work-breakdown"),
    unusedJavaScriptBytes: report.audits["unused-javascript"]?.details?.overallSavingsBytes ?? 0,
    benchmarkIndex: report.environment.benchmarkIndex,
    loadAverage,
  };
}

function medianRunOf(runs: LighthouseRun[]): LighthouseRun {
  // The run whose score is the median (the lower middle when there are two), so its details belong together.
  return [...runs].sort((a, b) => a.score - b.score)[Math.floor((runs.length - 1) / 2)]!;
}

/**
 * Runs Lighthouse on each page in turn, the floor page (signed out) last in each round, page by page and round by
 * round so that load falls on every page and the floor alike, and keeps each page's median run by score.
 */
export async function measureLighthouse(appUrl: string, cookie: string, log: (message: string) => void): Promise<LighthouseFigures> {
  const directory = await mkdtemp(path.join(os.tmpdir(), "stancewatch-lighthouse-"));
  const removeDirectory = onCleanup("remove Lighthouse's reports", () => rm(directory, { recursive: true, force: true }));
  const headersPath = path.join(directory, "headers.json");
  // In a file rather than on the command line, so the session cookie does not show in the process list.
  await writeFile(headersPath, JSON.stringify({ cookie }), { mode: 0o600 });
  const loadAverageAtStart = os.loadavg()[0]!;
  const visits = [
    ...lighthousePages.map((page) => ({ page, headers: headersPath as string | null })),
    { page: lighthouseFloorPage, headers: null },
  ];
  const runs = new Map<string, LighthouseRun[]>(visits.map(({ page }) => [page, []]));
  for (let round = 0; round < lighthouseRunsPerPage; round += 1) {
    for (const { page, headers } of visits) {
      const outputPath = path.join(directory, `report-${round}.json`);
      const loadAverage = os.loadavg()[0]!;
      await runLighthouse(`${appUrl}${page}`, outputPath, headers);
      const run = runFromReport(JSON.parse(await readFile(outputPath, "utf8")) as LighthouseReport, loadAverage);
      if (keptReportsDirectory) {
        await mkdir(keptReportsDirectory, { recursive: true });
        await copyFile(outputPath, path.join(keptReportsDirectory, `${page.replaceAll("/", "_") || "_"}-${round + 1}.json`));
      }
      runs.get(page)!.push(run);
      log(
        `${page}${headers ? "" : " (signed out, the floor)"}: ${run.score} (TBT ${run.totalBlockingTime.toFixed(0)} ms, ` +
          `LCP ${run.largestContentfulPaint.toFixed(0)} ms, unused JS ${(run.unusedJavaScriptBytes / 1024).toFixed(0)} KiB, ` +
          `benchmark index ${run.benchmarkIndex.toFixed(0)}, load average ${loadAverage.toFixed(1)})`,
      );
    }
  }
  await removeDirectory();
  const pageOf = (page: string): LighthousePage => ({ path: page, runs: runs.get(page)!, medianRun: medianRunOf(runs.get(page)!) });
  return { version: lighthouseVersion, loadAverageAtStart, pages: lighthousePages.map(pageOf), floor: pageOf(lighthouseFloorPage) };
}
