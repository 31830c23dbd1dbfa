// `npm run bench -- lists [--reuse]` and the full run's lists section: every
// paged list at corpus size through the data layer (issue 13), written to its
// own section of docs/benchmarks.md with the goal and a verdict per figure.
import os from "node:os";
import { createPrismaClient } from "../../lib/database/prisma";
import { onCleanup } from "./cleanup";
import { prepareCorpus } from "./corpus";
import { benchListUser, listGoalMilliseconds, timeLists, type ListCaseTimings } from "./list-timings";
import { connectToScratchDatabase, checkServerIsReachable } from "./scratch-database";
import { writeSpeedSection } from "./speed-report";
import { describeLoad } from "./statistics";

export type ListFigures = {
  measuredAt: Date;
  command: string;
  loadAverageAtStart: number;
  loadAverageAtEnd: number;
  processors: number;
  postgresVersion: string;
  counts: Record<string, number>;
  cases: ListCaseTimings[];
};

export async function runListsBench(
  databaseUrl: string,
  command: string,
  options: { reuse: boolean; log: (message: string) => void },
): Promise<ListFigures> {
  const { serverVersion } = await checkServerIsReachable(databaseUrl);
  const corpus = await prepareCorpus(databaseUrl, options);
  const loadAverageAtStart = os.loadavg()[0]!;
  const rawClient = await connectToScratchDatabase(databaseUrl);
  const closeRawClient = onCleanup("close the raw SQL client", () => rawClient.end());
  const database = createPrismaClient(databaseUrl, { maxConnections: 3 });
  const disconnect = onCleanup("disconnect Prisma", () => database.$disconnect());
  const cases = await timeLists({ database, rawClient, user: benchListUser }, options.log);
  await disconnect();
  await closeRawClient();
  return {
    measuredAt: new Date(),
    command,
    loadAverageAtStart,
    loadAverageAtEnd: os.loadavg()[0]!,
    processors: os.availableParallelism(),
    postgresVersion: serverVersion,
    counts: corpus.counts,
    cases,
  };
}

export const listsMissed = (figures: ListFigures) => figures.cases.filter((item) => item.timings.median > listGoalMilliseconds);

export function renderLists(figures: ListFigures): string {
  const { counts } = figures;
  const missed = listsMissed(figures);
  const number = (value: number | undefined) => (value ?? 0).toLocaleString("en-GB");
  return [
    "## Lists at corpus size (issue 13)",
    "",
    `Measured ${figures.measuredAt.toISOString().slice(0, 16).replace("T", " ")} UTC with \`${figures.command}\` on ${figures.processors} processors, ` +
      `PostgreSQL ${figures.postgresVersion.split(" ")[0]}; load average ${figures.loadAverageAtStart.toFixed(1)} at the start and ${figures.loadAverageAtEnd.toFixed(1)} at the end` +
      `.${describeLoad([figures.loadAverageAtStart, figures.loadAverageAtEnd], figures.processors)} ` +
      `Corpus: ${number(counts.sources)} sources, ${number(counts.statements)} statements, ${number(counts.codings)} codings, ${number(counts.actors)} actors, ` +
      `${number(counts.events)} events, ${number(counts.users)} users, ${number(counts["history entries"])} history entries. ` +
      "Each list's data-layer function (what its page and its JSON route call) as an administrator unless said, its first page and a page deep in it " +
      "reached by its keyset cursor (the cursor of the row at that depth, as **Next page** would carry it), filtered views, and the other reads its page makes. " +
      `Times in ms, 15 runs after 2 warm-ups (3 runs when a warm-up took over 3 s). Goal: ≤ ${listGoalMilliseconds} ms server time (median).`,
    "",
    missed.length
      ? `**${missed.length} of ${figures.cases.length} missed the goal:** ${missed.map((item) => `${item.list}, ${item.name}`).join("; ")}.`
      : `All ${figures.cases.length} within the goal.`,
    "",
    "| List | Page or read | Median | p90 | Min | Max | Goal | Verdict |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...figures.cases.map(
      ({ list, name, timings }) =>
        `| ${list} | ${name} | ${timings.median.toFixed(1)} | ${timings.p90.toFixed(1)} | ${timings.minimum.toFixed(1)} | ${timings.maximum.toFixed(1)} | ≤ ${listGoalMilliseconds} | ${timings.median <= listGoalMilliseconds ? "PASS" : "**MISS**"} |`,
    ),
  ].join("\n");
}

export async function writeListFigures(figures: ListFigures): Promise<string> {
  return writeSpeedSection("lists", renderLists(figures));
}
