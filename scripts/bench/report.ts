// The benchmark's figures against the issue's goals: a table on the terminal
// and the figures section of docs/benchmarks.md. The document's hand-written
// parts (above all "Notes", which explains misses) are kept on every rerun.
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { format, resolveConfig } from "prettier";
import type { CorpusReport } from "./corpus";
import type { LoadFigures } from "./endpoint-load";
import { gzipLevel, type PageJavaScript } from "./first-load-javascript";
import type { SeriesCaseTimings } from "./series-timings";
import type { TimingSummary } from "./statistics";

export type Machine = {
  processors: number;
  processorModel: string;
  memoryGibibytes: number;
  postgresVersion: string;
  nodeVersion: string;
  loadAverageAtStart: number;
};

export type BenchFigures = {
  measuredAt: Date;
  command: string;
  machine: Machine;
  corpus: CorpusReport;
  series: SeriesCaseTimings[];
  endpoint: {
    path: string;
    unloaded: TimingSummary;
    /** The same request to an app with default settings, where the chart is kept after the first (decision 0050). */
    unloadedKept: TimingSummary;
    responseBytes: number;
    /** The same view's SQL through a pg.Client, one request at a time (from the series timings). */
    rawUnloaded: TimingSummary;
    load: LoadFigures;
    rawLoad: LoadFigures;
    rawPoolSize: number;
    connections: number;
    durationSeconds: number;
  };
  javascript: { dashboard: PageJavaScript; blank: PageJavaScript };
};

type Verdict = { goal: string; measured: string; passed: boolean; shortfall: string };

const milliseconds = (value: number) => `${value.toFixed(1)} ms`;
const ratio = (value: number) => `${value.toFixed(2)}×`;
const kibibytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const count = (value: number) => Math.round(value).toLocaleString("en-GB");

function atMost(goal: string, measured: number, limit: number, format: (value: number) => string): Verdict {
  const passed = measured <= limit;
  return {
    goal,
    measured: format(measured),
    passed,
    shortfall: passed ? "" : `over by ${format(measured - limit)} (${ratio(measured / limit)} the goal)`,
  };
}

export function verdicts(figures: BenchFigures): Verdict[] {
  const [oneSeries, allSpeakers] = figures.series;
  const { load, rawLoad } = figures.endpoint;
  const loadRatio = load.p50 / rawLoad.p50;
  const failures = load.errors + load.non2xx;
  const javascriptRatio = figures.javascript.dashboard.gzippedBytes / figures.javascript.blank.gzippedBytes;
  return [
    atMost(
      `One series p50 ≤ ${oneSeries!.seriesCase.goalMilliseconds} ms (data layer, first read)`,
      oneSeries!.dataLayer.median,
      oneSeries!.seriesCase.goalMilliseconds,
      milliseconds,
    ),
    atMost(
      `One series p50 ≤ ${oneSeries!.seriesCase.goalMilliseconds} ms (data layer, read again with nothing changed)`,
      oneSeries!.dataLayerKept.median,
      oneSeries!.seriesCase.goalMilliseconds,
      milliseconds,
    ),
    atMost(
      `All speakers toward one target p50 ≤ ${allSpeakers!.seriesCase.goalMilliseconds} ms (data layer, first read)`,
      allSpeakers!.dataLayer.median,
      allSpeakers!.seriesCase.goalMilliseconds,
      milliseconds,
    ),
    {
      ...atMost("Endpoint p50 ≤ 1.25 × raw SQL p50 under load", loadRatio, 1.25, ratio),
      measured: `${ratio(loadRatio)} (${milliseconds(load.p50)} vs ${milliseconds(rawLoad.p50)})`,
    },
    {
      goal: "Zero errors under load",
      measured: `${load.errors} errors (${load.timeouts} timeouts), ${load.non2xx} non-2xx`,
      passed: failures === 0,
      shortfall: failures === 0 ? "" : `${failures} failed of ${count(load.requestCount + failures)} requests`,
    },
    {
      ...atMost("Dashboard first-load JS ≤ 2 × blank page (gzip)", javascriptRatio, 2, ratio),
      measured: `${ratio(javascriptRatio)} (${kibibytes(figures.javascript.dashboard.gzippedBytes)} vs ${kibibytes(figures.javascript.blank.gzippedBytes)})`,
    },
  ];
}

function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function timingCells(summary: TimingSummary): string[] {
  return [summary.median, summary.p90, summary.minimum, summary.maximum].map((value) => value.toFixed(1));
}

function loadCells(figures: LoadFigures): string[] {
  return [
    count(figures.requestsPerSecond),
    count(figures.requestCount),
    milliseconds(figures.p50),
    milliseconds(figures.p99),
    String(figures.errors),
    String(figures.non2xx),
  ];
}

export function renderFigures(figures: BenchFigures): string {
  const { machine, corpus, endpoint, javascript } = figures;
  const corpusCounts = Object.entries(corpus.counts)
    .map(([name, value]) => `${count(value)} ${name}`)
    .join(", ");
  const corpusOrigin =
    corpus.buildSeconds === null ? "reused from an earlier build (`--reuse`)" : `built in ${corpus.buildSeconds.toFixed(0)} s by this run`;
  const seriesRows = figures.series.flatMap((timings) => [
    [timings.seriesCase.name, count(timings.codingCount), "renderStanceSeries (data layer), first read", ...timingCells(timings.dataLayer)],
    ["", "", "renderStanceSeries, read again (the kept chart)", ...timingCells(timings.dataLayerKept)],
    ["", "", "read again after a coding toward another target was saved", ...timingCells(timings.dataLayerAfterOtherTarget)],
    ["", "", `its ${timings.queries.length} queries through pg.Client`, ...timingCells(timings.rawAllQueries)],
    ["", "", "of which the series aggregation", ...timingCells(timings.rawSeriesQuery)],
    ["", "", "**first read ÷ its SQL (medians)**", `**${ratio(timings.dataLayer.median / timings.rawAllQueries.median)}**`, "", "", ""],
  ]);
  const pageRows = [javascript.dashboard, javascript.blank].map((page) => [
    `\`${page.path}\` (HTTP ${page.status}, HTML in ${milliseconds(page.htmlMilliseconds)})`,
    String(page.scripts.length),
    kibibytes(page.bytes),
    kibibytes(page.gzippedBytes),
    `${page.inlineScriptCount} (${kibibytes(page.inlineGzippedBytes)})`,
  ]);
  return [
    "## Results",
    "",
    `Measured ${figures.measuredAt.toISOString().slice(0, 16).replace("T", " ")} UTC with \`${figures.command}\`.`,
    "",
    `**Machine:** ${machine.processors} processors (\`nproc\`; ${machine.processorModel}), ${machine.memoryGibibytes.toFixed(0)} GiB memory, ` +
      `PostgreSQL ${machine.postgresVersion} (default settings), Node ${machine.nodeVersion}. Load average when the run started: ${machine.loadAverageAtStart.toFixed(2)}.`,
    "",
    `**Corpus:** ${corpusCounts}; ${corpusOrigin}. Ten years (2015-01-01 to 2024-12-31); see \`scripts/bench/corpus.ts\`.`,
    "",
    "### Goals",
    "",
    markdownTable(
      ["Goal", "Measured", "Verdict"],
      verdicts(figures).map((verdict) => [verdict.goal, verdict.measured, verdict.passed ? "PASS" : `**MISS**: ${verdict.shortfall}`]),
    ),
    "",
    `### Stance-series reads, ten years by week (ms; ${figures.series[0]!.dataLayer.count} runs after 3 warm-ups)`,
    "",
    markdownTable(["View", "Live codings in view", "Measured", "Median", "p90", "Min", "Max"], seriesRows),
    "",
    "The data layer and the raw SQL alternate run by run. A first read finds no chart kept (they are forgotten before it) and sends the series statement; reading the same view again, with nothing written in between, serves the chart kept by the first after one read of the count of changes (docs/decisions/0050); so does a read just after an edit of a coding toward a target the view leaves out, saved between the two (docs/decisions/0051). The raw SQL is exactly what a first read sent (captured at the driver), replayed one statement after another on one connection.",
    "",
    "### Data endpoint",
    "",
    `\`GET ${endpoint.path}\` (${kibibytes(endpoint.responseBytes)} of JSON), signed in as an administrator.`,
    "",
    markdownTable(
      ["One request at a time", "Median", "p90", "Min", "Max"],
      [
        ["Endpoint (HTTP, next start), no chart kept", ...timingCells(endpoint.unloaded)],
        ["Its SQL through pg.Client", ...timingCells(endpoint.rawUnloaded)],
        ["**Endpoint ÷ SQL (medians)**", `**${ratio(endpoint.unloaded.median / endpoint.rawUnloaded.median)}**`, "", "", ""],
        ["Endpoint, default settings: the chart kept", ...timingCells(endpoint.unloadedKept)],
      ],
    ),
    "",
    markdownTable(
      [
        `Under load: ${endpoint.connections} concurrent clients, ${endpoint.durationSeconds} s`,
        "Requests/s",
        "Requests",
        "p50",
        "p99",
        "Errors",
        "Non-2xx",
      ],
      [
        ["Endpoint (autocannon)", ...loadCells(endpoint.load)],
        [`Its SQL through a pg.Pool of ${endpoint.rawPoolSize} (the app's pool size)`, ...loadCells(endpoint.rawLoad)],
      ],
    ),
    "",
    "Both sides send the same renderStanceSeries queries: the app runs here with `KEPT_CHARTS_MEGABYTES=0`, so that every request computes its chart as the raw SQL does, and the ratio is the app's own cost. The endpoint also verifies the session token and reads the signed-in user (one query), which is part of that cost.",
    "",
    "### First-load JavaScript",
    "",
    markdownTable(
      ["Page", "Scripts (`<script src>`)", "Raw", `Gzip (level ${gzipLevel}, zlib's default)`, "Inline scripts (gzip), not counted"],
      pageRows,
    ),
    "",
    `The blank page is the app's 404 page (app/not-found.tsx in the root layout), fetched signed in like the dashboard.`,
  ].join("\n");
}

export function printSummary(figures: BenchFigures): void {
  const rows = verdicts(figures);
  const goalWidth = Math.max(...rows.map((row) => row.goal.length));
  const measuredWidth = Math.max(...rows.map((row) => row.measured.length));
  console.log("");
  for (const row of rows)
    console.log(
      `  ${row.goal.padEnd(goalWidth)}  ${row.measured.padEnd(measuredWidth)}  ${row.passed ? "PASS" : `MISS: ${row.shortfall}`}`,
    );
  console.log("");
}

const figuresStart = "<!-- bench:figures:start (written by `npm run bench`; edit the Notes section instead) -->";
const figuresEnd = "<!-- bench:figures:end -->";

const documentTemplate = (figuresSection: string) =>
  [
    "# Benchmarks",
    "",
    "`npm run bench` builds a synthetic corpus of a million codings in a scratch PostgreSQL database and measures the stance dashboard against the goals of issue 5. Reproduce with:",
    "",
    "```sh",
    "npm run bench                 # drops and rebuilds the scratch database stancewatch_bench on 127.0.0.1:5432",
    "npm run bench -- --reuse      # keeps the corpus when the database already holds exactly this one",
    "BENCH_DATABASE_URL=postgresql://user@host:5432/scratch npm run bench   # another server or database (it is dropped!)",
    "```",
    "",
    figuresSection,
    "",
    "## Notes",
    "",
    "_Written by hand; `npm run bench` rewrites only the section between the figures markers above and keeps this one._",
    "",
  ].join("\n");

/** Replaces the figures between the markers, keeping everything else; writes the whole document when there is none. */
export async function writeBenchmarksDocument(figures: BenchFigures): Promise<string> {
  const documentPath = path.resolve("docs/benchmarks.md");
  const section = `${figuresStart}\n\n${renderFigures(figures)}\n\n${figuresEnd}`;
  const existing = existsSync(documentPath) ? await readFile(documentPath, "utf8") : null;
  const start = existing?.indexOf(figuresStart) ?? -1;
  const end = existing?.indexOf(figuresEnd) ?? -1;
  let document: string;
  if (existing === null) document = documentTemplate(section);
  else if (start !== -1 && end > start) document = existing.slice(0, start) + section + existing.slice(end + figuresEnd.length);
  else {
    // Someone wrote the document without the markers: add the figures, never overwrite their text.
    const notes = existing.search(/^## Notes\b/m);
    document = notes === -1 ? `${existing.trimEnd()}\n\n${section}\n` : `${existing.slice(0, notes)}${section}\n\n${existing.slice(notes)}`;
  }
  // Formatted as `npm run format` would, so the tables read aligned in plain text and a later format run changes nothing.
  const formatted = await format(document, { ...(await resolveConfig(documentPath)), filepath: documentPath });
  await writeFile(documentPath, formatted);
  return documentPath;
}
