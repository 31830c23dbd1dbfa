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
import { listActorsPage } from "../../lib/data/actors";
import { listEventsPage } from "../../lib/data/events";
import { listStatements } from "../../lib/data/statements";
import { actorListDefinition } from "../../lib/actors/list";
import { eventListDefinition } from "../../lib/events/list";
import { statementListDefinition } from "../../lib/statements/list";
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
  search = "",
): Promise<ListQuery<Filters>> {
  const first = parseListQuery(definition, new URLSearchParams(search));
  const field = first.sortOption.field;
  const direction = first.sort.direction === "desc" ? "DESC" : "ASC";
  const { rows } = await rawClient.query<{ value: Date | string | number; id: string }>(
    `SELECT "${field}" AS value, id::text AS id FROM "${table}" WHERE ${where} ORDER BY "${field}" ${direction}, id ${direction} OFFSET ${depth} LIMIT 1`,
  );
  const row = rows[0];
  if (!row) return first;
  const value = row.value instanceof Date ? row.value.toISOString() : row.value;
  const after = encodeCursor({ sort: first.sort.key, direction: first.sort.direction, value, id: row.id });
  const next = new URLSearchParams(search);
  next.set("after", after);
  return parseListQuery(definition, next);
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
  const statementsFirst = parseListQuery(statementListDefinition, new URLSearchParams());
  const statementsDeep = await deepQuery(rawClient, statementListDefinition, "Statement", `"deletedAt" IS NULL`, 250_000);
  const statementsAddedDeep = await deepQuery(
    rawClient,
    statementListDefinition,
    "Statement",
    `"deletedAt" IS NULL`,
    250_000,
    "sort=added&order=asc",
  );
  const statementsUncoded = parseListQuery(statementListDefinition, new URLSearchParams({ coded: "no" }));
  const codingsCodedDeep = await deepQuery(
    rawClient,
    codingListDefinition,
    "StanceCoding",
    `"deletedAt" IS NULL AND "statementLive"`,
    400_000,
    "sort=coded&order=asc",
  );
  const sourcesByTitleDeep = await deepQuery(rawClient, sourceListDefinition, "Source", `"deletedAt" IS NULL`, 15_000, "sort=title");
  const eventsFirst = parseListQuery(eventListDefinition, new URLSearchParams());
  const actorsFirst = parseListQuery(actorListDefinition, new URLSearchParams());
  const actorsByNameDeep = await deepQuery(rawClient, actorListDefinition, "Actor", `"deletedAt" IS NULL`, 100, "sort=name");
  const cases: [string, () => Promise<unknown>][] = [
    ["codings, first page", () => inDatabase(() => listStanceCodingsForReview(user, codingsFirst))],
    ["codings, page after 400,000 rows", () => inDatabase(() => listStanceCodingsForReview(user, codingsDeep))],
    ["codings by score, filtered (+1 and up, not adjudicated)", () => inDatabase(() => listStanceCodingsForReview(user, codingsByScore))],
    ["sources, first page", () => inDatabase(() => listSources(user, sourcesFirst))],
    ["sources, page after 15,000 rows", () => inDatabase(() => listSources(user, sourcesDeep))],
    ["sources by title, page after 15,000 rows", () => inDatabase(() => listSources(user, sourcesByTitleDeep))],
    [
      "codings by date coded (oldest first), page after 400,000 rows",
      () => inDatabase(() => listStanceCodingsForReview(user, codingsCodedDeep)),
    ],
    ["statements, first page", () => inDatabase(() => listStatements(user, statementsFirst))],
    ["statements, page after 250,000 rows", () => inDatabase(() => listStatements(user, statementsDeep))],
    ["statements by date added (oldest first), page after 250,000 rows", () => inDatabase(() => listStatements(user, statementsAddedDeep))],
    ["statements not coded yet, first page", () => inDatabase(() => listStatements(user, statementsUncoded))],
    ["events, first page", () => inDatabase(() => listEventsPage(user, eventsFirst))],
    ["actors, first page", () => inDatabase(() => listActorsPage(user, actorsFirst))],
    ["actors by name, page after 100 rows", () => inDatabase(() => listActorsPage(user, actorsByNameDeep))],
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
