// docs/benchmarks.md sections for issue 16's figures: throughput against the
// framework's floor, Lighthouse scores and the dashboard page's server time.
// Each is a section of its own between markers, so a run of one
// (`npm run bench -- lighthouse`) keeps the others' last figures.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { format, resolveConfig } from "prettier";
import { dashboardPageGoalMilliseconds, dashboardPageShape, type DashboardPageFigures } from "./dashboard-page";
import { lighthouseFloorPage, lighthouseGoal, lighthouseRunsPerPage, type LighthouseFigures } from "./lighthouse";
import type { TimingSummary } from "./statistics";
import { throughputGoal, type ThroughputFigures } from "./throughput";

export type SectionContext = { measuredAt: Date; command: string; processors: number };

/** Sections of docs/benchmarks.md that `npm run bench` writes and that `npm run bench -- <section>` rewrites alone. */
export type SpeedSection = "throughput" | "lighthouse" | "dashboard-page" | "search" | "lists";

const verdict = (passed: boolean) => (passed ? "PASS" : "**MISS**");
// One decimal: a median just under the goal must not print as the goal itself next to its MISS.
const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
const whenAndHow = (context: SectionContext) =>
  `Measured ${context.measuredAt.toISOString().slice(0, 16).replace("T", " ")} UTC with \`${context.command}\` on ${context.processors} processors`;
const spread = (summary: TimingSummary, format: (value: number) => string) =>
  `${format(summary.median)} (min ${format(summary.minimum)}, max ${format(summary.maximum)})`;

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

export type SpeedVerdict = { goal: string; measured: string; passed: boolean };

export function throughputVerdict(figures: ThroughputFigures): SpeedVerdict {
  return {
    goal: `\`/api/stance\` throughput ≥ ${percent(throughputGoal)} of \`/api/auth/csrf\`'s (seed, ${figures.connections} clients; median of rounds)`,
    measured: spread(figures.ratio, percent),
    passed: figures.ratio.median >= throughputGoal,
  };
}

/** How the app ran as to kept charts (docs/decisions/0050): the bench passes its own environment on to it. */
function keptChartsSetting(): string {
  const setting = process.env.KEPT_CHARTS_MEGABYTES?.trim();
  return setting
    ? `The app ran with \`KEPT_CHARTS_MEGABYTES=${setting}\`${setting === "0" ? ": every request computed its chart" : ""}.`
    : "The app ran with its default settings: after the first request the chart is kept and served again while nothing is written (docs/decisions/0050); " +
        "`KEPT_CHARTS_MEGABYTES=0 npm run bench -- throughput` measures every request computing its chart.";
}

export function renderThroughput(figures: ThroughputFigures, context: SectionContext): string {
  const requests = (value: number) => value.toFixed(0);
  const result = throughputVerdict(figures);
  return [
    "## Stance endpoint throughput against the framework's floor (issue 16)",
    "",
    `${whenAndHow(context)}; load average ${figures.loadAverageAtStart.toFixed(2)} when the section started. ` +
      `The seed (23 statements), signed in as its administrator, served by \`next start\`; ${figures.connections} autocannon clients, ` +
      `\`GET ${figures.stancePath}\` (the default view) and Next's own \`GET ${figures.floorPath}\` alternating (ABBA) in ${figures.rounds.length} rounds of ${figures.secondsPerMeasure} s each, after a warm-up. ` +
      keptChartsSetting(),
    "",
    table(["Goal", "Measured: median (spread over rounds)", "Verdict"], [[result.goal, result.measured, verdict(result.passed)]]),
    "",
    table(
      ["Round", "Load average", "`/api/auth/csrf` req/s", "`/api/stance` req/s", "Ratio", "Failed requests"],
      [
        ...figures.rounds.map((round, index) => [
          String(index + 1),
          round.loadAverage.toFixed(1),
          requests(round.floorRequestsPerSecond),
          requests(round.stanceRequestsPerSecond),
          percent(round.ratio),
          String(round.failures),
        ]),
        ["**median (min–max)**", "", spread(figures.floor, requests), spread(figures.stance, requests), spread(figures.ratio, percent), ""],
      ],
    ),
  ].join("\n");
}

export function lighthouseVerdicts(figures: LighthouseFigures): SpeedVerdict[] {
  return figures.pages.map((page) => {
    const scores = page.runs.map((run) => run.score).sort((a, b) => a - b);
    return {
      goal: `Lighthouse performance \`${page.path}\` ≥ ${lighthouseGoal} (mobile preset, seed; median of ${page.runs.length})`,
      measured: `${page.medianRun.score} (min ${scores[0]}, max ${scores.at(-1)})`,
      passed: page.medianRun.score >= lighthouseGoal,
    };
  });
}

export function renderLighthouse(figures: LighthouseFigures, context: SectionContext): string {
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const scoresOf = (runs: { score: number }[]) => runs.map((run) => run.score).join(", ");
  return [
    "## Lighthouse, mobile preset (issue 16)",
    "",
    `${whenAndHow(context)}; load average ${figures.loadAverageAtStart.toFixed(2)} when the section started. ` +
      `\`npx lighthouse@${figures.version}\` with its default (mobile) preset: a simulated mid-range phone on slow 4G with a 4× slower processor, ` +
      `Debian's Chromium headless, the seed, signed in as its administrator (the session cookie as an extra header), ` +
      `${lighthouseRunsPerPage} runs per page taken page by page in turn; the run with the median score is shown. ` +
      `Each round ends with the floor: \`${lighthouseFloorPage}\` signed out, the app's lightest page: the framework's own scripts, which every page loads, and one small form's (the sign-in form, about 16 KiB compressed).`,
    "",
    table(
      ["Goal", "Measured", "Verdict"],
      lighthouseVerdicts(figures).map((result) => [result.goal, result.measured, verdict(result.passed)]),
    ),
    "",
    table(
      [
        "Page (median run)",
        "Score",
        "Every run, in order",
        "FCP",
        "LCP",
        "Total blocking time",
        "CLS",
        "Speed index",
        "Main-thread work",
        "Unused JS",
        "Benchmark index",
        "Load average",
      ],
      [...figures.pages, figures.floor].map(({ path: page, runs, medianRun: run }) => [
        page === figures.floor.path ? `floor: \`${page}\`, signed out` : `\`${page}\``,
        String(run.score),
        scoresOf(runs),
        ms(run.firstContentfulPaint),
        ms(run.largestContentfulPaint),
        ms(run.totalBlockingTime),
        run.cumulativeLayoutShift.toFixed(3),
        ms(run.speedIndex),
        ms(run.mainThreadMilliseconds),
        `${(run.unusedJavaScriptBytes / 1024).toFixed(0)} KiB`,
        run.benchmarkIndex.toFixed(0),
        run.loadAverage.toFixed(1),
      ]),
    ),
    "",
    "Lighthouse does not adjust for the machine it runs on: its simulated main-thread times are the times it observed here, four times over. " +
      "Its benchmark index measures this machine's speed (higher is faster) and is reported, not used in the score. On a slower or busier machine " +
      "every page, the floor included, scores lower, so read a page's score against the floor of the same run.",
  ].join("\n");
}

export function dashboardPageVerdict(figures: DashboardPageFigures): SpeedVerdict {
  return {
    goal: `Dashboard page \`/\` at 1M codings, default view: server time to the first chart ≤ ${dashboardPageGoalMilliseconds / 1000} s (median)`,
    measured: spread(figures.firstChart, (value) => `${value.toFixed(0)} ms`),
    passed: figures.firstChart.median <= dashboardPageGoalMilliseconds,
  };
}

export function renderDashboardPage(figures: DashboardPageFigures, context: SectionContext): string {
  const result = dashboardPageVerdict(figures);
  const cells = (summary: TimingSummary) => [summary.median, summary.minimum, summary.maximum].map((value) => value.toFixed(0));
  return [
    "## Dashboard page at a million codings (issue 16)",
    "",
    `${whenAndHow(context)}; load average ${figures.loadAverageAtStart.toFixed(2)} at the start of the section and ${figures.loadAverageAtEnd.toFixed(2)} at its end. ` +
      `\`GET ${figures.path}\` signed in as an administrator against the corpus above, through \`next start\`, ${dashboardPageShape.runs} runs after ${dashboardPageShape.warmUps} warm-up, ` +
      `each followed by the app's 404 page (same layout, no data) as the floor. "First chart" is when the first stance panel's HTML has arrived; ` +
      `the slower sections (the matrix and the shifts) stream in after it. The whole response is ${(figures.bytes / 1024).toFixed(0)} KiB of HTML.`,
    "",
    table(["Goal", "Measured: median (spread)", "Verdict"], [[result.goal, result.measured, verdict(result.passed)]]),
    "",
    table(
      ["Server time (ms)", "Median", "Min", "Max"],
      [
        ["First byte", ...cells(figures.firstByte)],
        ["First chart", ...cells(figures.firstChart)],
        ["Whole page (end of the stream)", ...cells(figures.complete)],
        ["The 404 page, whole (floor)", ...cells(figures.floorComplete)],
      ],
    ),
  ].join("\n");
}

const markers = (section: SpeedSection) => ({
  start: `<!-- bench:${section}:start (written by \`npm run bench\` or \`npm run bench -- ${section}\`) -->`,
  end: `<!-- bench:${section}:end -->`,
});

/** Replaces one section of docs/benchmarks.md between its markers, or adds it before the notes. */
export async function writeSpeedSection(section: SpeedSection, body: string): Promise<string> {
  const documentPath = path.resolve("docs/benchmarks.md");
  const existing = await readFile(documentPath, "utf8");
  const { start, end } = markers(section);
  const block = `${start}\n\n${body}\n\n${end}`;
  const from = existing.indexOf(start);
  const to = existing.indexOf(end);
  let document: string;
  if (from !== -1 && to > from) document = existing.slice(0, from) + block + existing.slice(to + end.length);
  else {
    const notes = existing.search(/^## Notes\b/m);
    document = notes === -1 ? `${existing.trimEnd()}\n\n${block}\n` : `${existing.slice(0, notes)}${block}\n\n${existing.slice(notes)}`;
  }
  await writeFile(documentPath, await format(document, { ...(await resolveConfig(documentPath)), filepath: documentPath }));
  return documentPath;
}
