// `npm run bench -- search`: the search box alone at corpus size (issue 13),
// without the load test and the build the full run needs. Reuses the corpus
// when the scratch database holds exactly this one (else builds it), times
// the search cases through the data layer, and writes its own section of
// docs/benchmarks.md.
import os from "node:os";
import { createPrismaClient } from "../../lib/database/prisma";
import { onCleanup } from "./cleanup";
import { prepareCorpus } from "./corpus";
import { benchListUser, listGoalMilliseconds, searchCases, timeSearches, type ListCaseTimings } from "./list-timings";
import { checkServerIsReachable } from "./scratch-database";
import { writeSpeedSection } from "./speed-report";
import { describeLoad } from "./statistics";

export type SearchFigures = {
  measuredAt: Date;
  command: string;
  loadAverageAtStart: number;
  loadAverageAtEnd: number;
  processors: number;
  postgresVersion: string;
  statements: number;
  sources: number;
  cases: ListCaseTimings[];
};

export async function runSearchBench(databaseUrl: string, command: string, log: (message: string) => void): Promise<SearchFigures> {
  const { serverVersion } = await checkServerIsReachable(databaseUrl);
  const corpus = await prepareCorpus(databaseUrl, { reuse: true, log });
  const loadAverageAtStart = os.loadavg()[0]!;
  const database = createPrismaClient(databaseUrl, { maxConnections: 3 });
  const disconnect = onCleanup("disconnect Prisma", () => database.$disconnect());
  const cases = await timeSearches({ database, user: benchListUser }, log);
  await disconnect();
  return {
    measuredAt: new Date(),
    command,
    loadAverageAtStart,
    loadAverageAtEnd: os.loadavg()[0]!,
    processors: os.availableParallelism(),
    postgresVersion: serverVersion,
    statements: corpus.counts.statements ?? 0,
    sources: corpus.counts.sources ?? 0,
    cases,
  };
}

export function renderSearchFigures(figures: SearchFigures): string {
  const queries = new Map<string, string>(searchCases);
  return [
    "## Search (issue 13)",
    "",
    `Measured ${figures.measuredAt.toISOString().slice(0, 16).replace("T", " ")} UTC with \`${figures.command}\`: \`search()\` through the data layer (statements, sources and actors, ten of each, as the header's search box asks), ${figures.statements.toLocaleString("en")} statements and ${figures.sources.toLocaleString("en")} sources, on ${figures.processors} processors, PostgreSQL ${figures.postgresVersion.split(" ")[0]}. Load average ${figures.loadAverageAtStart.toFixed(1)} at the start and ${figures.loadAverageAtEnd.toFixed(1)} at the end.${describeLoad([figures.loadAverageAtStart, figures.loadAverageAtEnd], figures.processors)} Times in ms, ${figures.cases[0]?.timings.count ?? 0} runs after 2 warm-ups.`,
    "",
    "| Search | Query | Median | p90 | Min | Max | Goal | Verdict |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...figures.cases.map(
      ({ name, timings }) =>
        `| ${name.replace(/^search, /, "")} | \`${queries.get(name) ?? ""}\` | ${timings.median.toFixed(1)} | ${timings.p90.toFixed(1)} | ${timings.minimum.toFixed(1)} | ${timings.maximum.toFixed(1)} | ≤ ${listGoalMilliseconds} | ${timings.median <= listGoalMilliseconds ? "PASS" : "**MISS**"} |`,
    ),
  ].join("\n");
}

export async function writeSearchFigures(figures: SearchFigures): Promise<string> {
  return writeSpeedSection("search", renderSearchFigures(figures));
}
