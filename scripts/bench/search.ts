// `npm run bench -- search`: the search box alone at corpus size (issue 13),
// without the load test and the build the full run needs. Reuses the corpus
// when the scratch database holds exactly this one (else builds it), times
// the search cases through the data layer, and writes its own section of
// docs/benchmarks.md.
import os from "node:os";
import path from "node:path";
import { readFile, writeFile } from "node:fs/promises";
import { format, resolveConfig } from "prettier";
import { createPrismaClient } from "../../lib/database/prisma";
import { onCleanup } from "./cleanup";
import { benchAdministrator, prepareCorpus } from "./corpus";
import { listGoalMilliseconds, searchCases, timeSearches, type ListCaseTimings } from "./list-timings";
import { checkServerIsReachable } from "./scratch-database";

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
  const cases = await timeSearches({ database, user: { id: benchAdministrator.id, role: "ADMIN", isAdjudicator: false } }, log);
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

const start = "<!-- bench:search:start (written by `npm run bench -- search`) -->";
const end = "<!-- bench:search:end -->";

export function renderSearchFigures(figures: SearchFigures): string {
  const queries = new Map<string, string>(searchCases);
  return [
    "## Search (issue 13)",
    "",
    `Measured ${figures.measuredAt.toISOString().slice(0, 16).replace("T", " ")} UTC with \`${figures.command}\`: \`search()\` through the data layer (statements, sources and actors, ten of each, as the header's search box asks), ${figures.statements.toLocaleString("en")} statements and ${figures.sources.toLocaleString("en")} sources, on ${figures.processors} processors, PostgreSQL ${figures.postgresVersion.split(" ")[0]}. Load average ${figures.loadAverageAtStart.toFixed(1)} at the start and ${figures.loadAverageAtEnd.toFixed(1)} at the end (the machine was shared, so the figures are noisy). Times in ms, ${figures.cases[0]?.timings.count ?? 0} runs after 2 warm-ups.`,
    "",
    "| Search | Query | Median | p90 | Min | Max | Goal | Verdict |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...figures.cases.map(
      ({ name, timings }) =>
        `| ${name.replace(/^search, /, "")} | \`${queries.get(name) ?? ""}\` | ${timings.median.toFixed(1)} | ${timings.p90.toFixed(1)} | ${timings.minimum.toFixed(1)} | ${timings.maximum.toFixed(1)} | ≤ ${listGoalMilliseconds} | ${timings.median <= listGoalMilliseconds ? "PASS" : "**MISS**"} |`,
    ),
  ].join("\n");
}

/** Replaces the search section of docs/benchmarks.md, or adds it before the notes. */
export async function writeSearchFigures(figures: SearchFigures): Promise<string> {
  const documentPath = path.resolve("docs/benchmarks.md");
  const existing = await readFile(documentPath, "utf8");
  const section = `${start}\n\n${renderSearchFigures(figures)}\n\n${end}`;
  const from = existing.indexOf(start);
  const to = existing.indexOf(end);
  let document: string;
  if (from !== -1 && to > from) document = existing.slice(0, from) + section + existing.slice(to + end.length);
  else {
    const notes = existing.search(/^## Notes\b/m);
    document = notes === -1 ? `${existing.trimEnd()}\n\n${section}\n` : `${existing.slice(0, notes)}${section}\n\n${existing.slice(notes)}`;
  }
  await writeFile(documentPath, await format(document, { ...(await resolveConfig(documentPath)), filepath: documentPath }));
  return documentPath;
}
