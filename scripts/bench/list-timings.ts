// Times each paged list's first page, a page deep in the list (keyset: it
// should cost what the first does), and searches, through the data layer, at
// the bench corpus's size (issue #13: each ≤ 300 ms server time).
import type pg from "pg";
import type { ActingUser } from "../../lib/auth/permissions";
import { historyListDefinition } from "../../lib/audit/history-list";
import { codingListDefinition } from "../../lib/codings/list";
import { listStanceCodingsForReview } from "../../lib/data/codings";
import { listHistory } from "../../lib/data/history";
import { search } from "../../lib/data/search";
import { listSources } from "../../lib/data/sources";
import { withDatabase } from "../../lib/database/client";
import type { Database } from "../../lib/database/prisma";
import { encodeCursor } from "../../lib/lists/keyset";
import { parseListQuery, type ListDefinition, type ListQuery } from "../../lib/lists/parameters";
import { sourceListDefinition } from "../../lib/sources/list";
import { summariseTimings, timeOnce, type TimingSummary } from "./statistics";

export const listGoalMilliseconds = 300;
const repetitions = { warmUps: 2, runs: 15 } as const;

export type ListCaseTimings = { name: string; timings: TimingSummary };

/** A query for a page that starts after the row at `depth` in the list's default order, found once by OFFSET (not timed). */
async function deepQuery<Filters extends Record<string, unknown>>(
  rawClient: pg.Client,
  definition: ListDefinition<Filters>,
  table: string,
  where: string,
  depth: number,
): Promise<ListQuery<Filters>> {
  const first = parseListQuery(definition, new URLSearchParams());
  const field = first.sortOption.field;
  const direction = first.sort.direction === "desc" ? "DESC" : "ASC";
  const { rows } = await rawClient.query<{ value: Date; id: string }>(
    `SELECT "${field}" AS value, id::text AS id FROM "${table}" WHERE ${where} ORDER BY "${field}" ${direction}, id ${direction} OFFSET ${depth} LIMIT 1`,
  );
  const row = rows[0];
  if (!row) return first;
  const after = encodeCursor({ sort: first.sort.key, direction: first.sort.direction, value: row.value.toISOString(), id: row.id });
  return parseListQuery(definition, new URLSearchParams({ after }));
}

async function timeCase(name: string, work: () => Promise<unknown>, log: (message: string) => void): Promise<ListCaseTimings> {
  for (let run = 0; run < repetitions.warmUps; run += 1) await work();
  const timings: number[] = [];
  for (let run = 0; run < repetitions.runs; run += 1) timings.push(await timeOnce(work));
  const summary = summariseTimings(timings);
  log(`${name}: median ${summary.median.toFixed(1)} ms, p90 ${summary.p90.toFixed(1)} ms`);
  return { name, timings: summary };
}

export async function timeLists(
  context: { database: Database; rawClient: pg.Client; user: NonNullable<ActingUser> },
  log: (message: string) => void,
): Promise<ListCaseTimings[]> {
  const { database, rawClient, user } = context;
  const inDatabase = <T>(work: () => Promise<T>) => withDatabase(database, work);
  const codingsFirst = parseListQuery(codingListDefinition, new URLSearchParams());
  const codingsDeep = await deepQuery(rawClient, codingListDefinition, "StanceCoding", `"deletedAt" IS NULL AND "statementLive"`, 400_000);
  const codingsByScore = parseListQuery(codingListDefinition, new URLSearchParams({ sort: "score", min: "1", adjudicated: "no" }));
  const sourcesFirst = parseListQuery(sourceListDefinition, new URLSearchParams());
  const sourcesDeep = await deepQuery(rawClient, sourceListDefinition, "Source", `"deletedAt" IS NULL`, 15_000);
  const historyFirst = parseListQuery(historyListDefinition, new URLSearchParams());
  const cases: [string, () => Promise<unknown>][] = [
    ["codings, first page", () => inDatabase(() => listStanceCodingsForReview(user, codingsFirst))],
    ["codings, page after 400,000 rows", () => inDatabase(() => listStanceCodingsForReview(user, codingsDeep))],
    ["codings by score, filtered (+1 and up, not adjudicated)", () => inDatabase(() => listStanceCodingsForReview(user, codingsByScore))],
    ["sources, first page", () => inDatabase(() => listSources(user, sourcesFirst))],
    ["sources, page after 15,000 rows", () => inDatabase(() => listSources(user, sourcesDeep))],
    ["history, first page", () => inDatabase(() => listHistory(user, historyFirst))],
  ];
  const results: ListCaseTimings[] = [];
  for (const [name, work] of cases) results.push(await timeCase(name, work, log));
  return [...results, ...(await timeSearches(context, log))];
}

/**
 * The search box at corpus size, through the data layer (every kind, ten a
 * kind, as the header's search does): a word in one source, a word in an
 * eighth of all statements and nearly every source, a misspelt actor name,
 * and Persian (the synthetic corpus is English, so it finds nothing: what it
 * measures is the probe and the typo fallback).
 */
export const searchCases = [
  ["search, a rare word (in one source)", "17377"],
  ["search, a common word", "cooperation"],
  ["search, a misspelt name", "Speakr 12"],
  ["search, Persian", "همکاری هسته‌ای"],
] as const;

export async function timeSearches(
  context: { database: Database; user: NonNullable<ActingUser> },
  log: (message: string) => void,
): Promise<ListCaseTimings[]> {
  const results: ListCaseTimings[] = [];
  for (const [name, query] of searchCases)
    results.push(await timeCase(name, () => withDatabase(context.database, () => search(context.user, query)), log));
  return results;
}
