// Times every paged list through the data layer at the bench corpus's size
// (issue #13: each list's first page, and any later page, ≤ 300 ms server
// time): for each list its first page and a page deep in it reached by its
// keyset cursor (which should cost what the first does), filtered views, and
// the other reads its page makes (the filters' choices), so a slow companion
// query shows too. The searches are timed here as well, for the search section.
import type pg from "pg";
import type { ActingUser } from "../../lib/auth/permissions";
import { historyListDefinition } from "../../lib/audit/history-list";
import { codingListDefinition } from "../../lib/codings/list";
import { listActorChoices, listActorsPage } from "../../lib/data/actors";
import { listCodingFilterOptions, listStanceCodingsForReview } from "../../lib/data/codings";
import { listEventsPage } from "../../lib/data/events";
import { listDeletedRecords, listHistory, listHistoryPeople } from "../../lib/data/history";
import { search } from "../../lib/data/search";
import { listSourceLanguages, listSources } from "../../lib/data/sources";
import { listStatementFilterOptions, listStatements } from "../../lib/data/statements";
import { listUsersPage } from "../../lib/data/users";
import { actorListDefinition } from "../../lib/actors/list";
import { eventListDefinition } from "../../lib/events/list";
import { statementListDefinition } from "../../lib/statements/list";
import { userListDefinition } from "../../lib/users/list";
import { withDatabase } from "../../lib/database/client";
import type { Database } from "../../lib/database/prisma";
import { encodeCursor } from "../../lib/lists/keyset";
import { parseListQuery, type ListDefinition, type ListQuery } from "../../lib/lists/parameters";
import { sourceListDefinition } from "../../lib/sources/list";
import { benchAdministrator, speakerSlug, targetSlug } from "./corpus";
import { summariseTimings, timeOnce, type TimingSummary } from "./statistics";

export const listGoalMilliseconds = 300;
const repetitions = { warmUps: 2, runs: 15, runsWhenSlow: 3, slowMilliseconds: 3000 } as const;

/** One timed read: which list, which page or view of it, its timings. */
export type ListCaseTimings = { list: string; name: string; timings: TimingSummary };

type BenchUser = NonNullable<ActingUser>;
type Context = { database: Database; rawClient: pg.Client; user: BenchUser };

/**
 * A query for the page that starts after the row at `depth` in the list's
 * order, as "Next page" would reach it: the cursor of that row, found once by
 * OFFSET in SQL (not timed). `where` is the list's filter in SQL, on the
 * unaliased table.
 */
async function deepQuery<Filters extends Record<string, unknown>>(
  rawClient: pg.Client,
  definition: ListDefinition<Filters>,
  deep: { table: string; where: string; depth: number; search?: string },
): Promise<ListQuery<Filters>> {
  const first = parseListQuery(definition, new URLSearchParams(deep.search ?? ""));
  const field = first.sortOption.field;
  const direction = first.sort.direction === "desc" ? "DESC" : "ASC";
  const { rows } = await rawClient.query<{ value: Date | string | number; id: string }>(
    `SELECT "${field}" AS value, id::text AS id FROM "${deep.table}" WHERE ${deep.where}
     ORDER BY "${field}" ${direction}, id ${direction} OFFSET ${deep.depth} LIMIT 1`,
  );
  const row = rows[0];
  if (!row) throw new Error(`The corpus has fewer than ${deep.depth + 1} rows in ${deep.table} where ${deep.where}: rebuild it.`);
  const value = row.value instanceof Date ? row.value.toISOString() : row.value;
  const next = new URLSearchParams(deep.search ?? "");
  next.set("after", encodeCursor({ sort: first.sort.key, direction: first.sort.direction, value, id: row.id }));
  return parseListQuery(definition, next);
}

async function timeCase(
  list: string,
  name: string,
  work: () => Promise<unknown>,
  log: (message: string) => void,
): Promise<ListCaseTimings> {
  let warmUp = 0;
  for (let run = 0; run < repetitions.warmUps; run += 1) warmUp = await timeOnce(work);
  // A read that takes seconds says what it has to say in three runs.
  const runs = warmUp > repetitions.slowMilliseconds ? repetitions.runsWhenSlow : repetitions.runs;
  const timings: number[] = [];
  for (let run = 0; run < runs; run += 1) timings.push(await timeOnce(work));
  const summary = summariseTimings(timings);
  log(`${list}, ${name}: median ${summary.median.toFixed(1)} ms, p90 ${summary.p90.toFixed(1)} ms (${runs} runs)`);
  return { list, name, timings: summary };
}

const count = (value: number) => value.toLocaleString("en-GB");

type Case = { list: string; name: string; work: () => Promise<unknown> };
/** A list's data-layer function with the acting user bound. */
type Loader<List extends (user: ActingUser, query: never) => Promise<unknown>> = (
  query: NonNullable<Parameters<List>[1]>,
) => ReturnType<List>;

export async function timeLists(context: Context, log: (message: string) => void): Promise<ListCaseTimings[]> {
  const { database, rawClient, user } = context;
  const inDatabase =
    <T>(work: () => Promise<T>) =>
    () =>
      withDatabase(database, work);
  const cases: Case[] = [];
  /** A list's first page (with `search`'s filters and sort) and, given `deep`, the page after `depth` rows of the same view. */
  async function pages<Filters extends Record<string, unknown>>(
    list: string,
    view: string,
    definition: ListDefinition<Filters>,
    load: (query: ListQuery<Filters>) => Promise<unknown>,
    options: { search?: string; deep?: { table: string; where: string; depth: number } },
  ) {
    const first = parseListQuery(definition, new URLSearchParams(options.search ?? ""));
    cases.push({ list, name: `${view}first page`, work: inDatabase(() => load(first)) });
    if (!options.deep) return;
    const later = await deepQuery(rawClient, definition, { ...options.deep, search: options.search });
    cases.push({ list, name: `${view}page after ${count(options.deep.depth)} rows`, work: inDatabase(() => load(later)) });
  }
  const live = `"deletedAt" IS NULL`;

  const sources: Loader<typeof listSources> = (query) => listSources(user, query);
  await pages("sources", "", sourceListDefinition, sources, { deep: { table: "Source", where: live, depth: 15_000 } });
  await pages("sources", "by title, ", sourceListDefinition, sources, {
    search: "sort=title",
    deep: { table: "Source", where: live, depth: 15_000 },
  });
  await pages("sources", "with statements (coverage), ", sourceListDefinition, sources, {
    search: "coverage=has-statements",
    deep: {
      table: "Source",
      where: `${live} AND EXISTS (SELECT 1 FROM "Statement" s WHERE s."sourceId" = "Source".id AND s."deletedAt" IS NULL)`,
      depth: 15_000,
    },
  });
  // Each row says how many of its statements the reader has not coded: for a coder with 250,000 codings, not the administrator's none.
  const coder: BenchUser = { id: "bench-coder-1", role: "ANALYST", isAdjudicator: false };
  await pages("sources", "as a coder, ", sourceListDefinition, (query) => listSources(coder, query), {
    deep: { table: "Source", where: live, depth: 15_000 },
  });
  // Every synthetic source has statements: this view is empty (the partial index of sources not started is too).
  await pages("sources", "not started (coverage), ", sourceListDefinition, sources, { search: "coverage=not-started" });
  cases.push({ list: "sources", name: "the page's language choices", work: inDatabase(() => listSourceLanguages(user)) });

  const statements: Loader<typeof listStatements> = (query) => listStatements(user, query);
  await pages("statements", "", statementListDefinition, statements, { deep: { table: "Statement", where: live, depth: 250_000 } });
  await pages("statements", "by date added (oldest first), ", statementListDefinition, statements, {
    search: "sort=added&order=asc",
    deep: { table: "Statement", where: live, depth: 250_000 },
  });
  // About 50 statements have both codings deleted: the rest are coded.
  await pages("statements", "not coded yet, ", statementListDefinition, statements, {
    search: "coded=no",
    deep: { table: "Statement", where: `${live} AND "liveCodingCount" = 0`, depth: 20 },
  });
  await pages("statements", "coded, ", statementListDefinition, statements, {
    search: "coded=yes",
    deep: { table: "Statement", where: `${live} AND "liveCodingCount" > 0`, depth: 250_000 },
  });
  await pages("statements", `by ${speakerSlug(1)}, `, statementListDefinition, statements, {
    search: `speaker=${speakerSlug(1)}`,
    deep: { table: "Statement", where: `${live} AND "speakerId" = 'bench-${speakerSlug(1)}'`, depth: 1_000 },
  });
  await pages("statements", "said in 2020, ", statementListDefinition, statements, {
    search: "from=2020-01-01&to=2020-12-31",
    deep: { table: "Statement", where: `${live} AND "saidOn" BETWEEN '2020-01-01' AND '2020-12-31'`, depth: 20_000 },
  });
  cases.push({ list: "statements", name: "the page's filter choices", work: inDatabase(() => listStatementFilterOptions(user)) });

  const liveCodings = `"deletedAt" IS NULL AND "statementLive"`;
  const codings: Loader<typeof listStanceCodingsForReview> = (query) => listStanceCodingsForReview(user, query);
  await pages("codings", "", codingListDefinition, codings, { deep: { table: "StanceCoding", where: liveCodings, depth: 400_000 } });
  await pages("codings", "by date coded (oldest first), ", codingListDefinition, codings, {
    search: "sort=coded&order=asc",
    deep: { table: "StanceCoding", where: liveCodings, depth: 400_000 },
  });
  await pages("codings", "by score, +1 and up, not adjudicated, ", codingListDefinition, codings, {
    search: "sort=score&min=1&adjudicated=no",
    deep: { table: "StanceCoding", where: `${liveCodings} AND score >= 1 AND "adjudicatedScore" IS NULL`, depth: 100_000 },
  });
  await pages("codings", `by coder 1 toward ${targetSlug(1)}, `, codingListDefinition, codings, {
    search: `coder=bench-coder-1&target=${targetSlug(1)}`,
    deep: {
      table: "StanceCoding",
      where: `${liveCodings} AND "coderId" = 'bench-coder-1' AND "targetId" = 'bench-${targetSlug(1)}'`,
      depth: 20_000,
    },
  });
  // An analyst sees others' codings of a statement only once they have coded it (blind coding): the list filters by that.
  await pages("codings", "as an analyst (blind coding), ", codingListDefinition, (query) => listStanceCodingsForReview(coder, query), {
    deep: { table: "StanceCoding", where: liveCodings, depth: 400_000 },
  });
  cases.push({ list: "codings", name: "the page's filter choices", work: inDatabase(() => listCodingFilterOptions(user)) });

  const events: Loader<typeof listEventsPage> = (query) => listEventsPage(user, query);
  await pages("events", "", eventListDefinition, events, { deep: { table: "Event", where: live, depth: 150 } });
  await pages("events", "words in the title or description, ", eventListDefinition, events, { search: "q=event 1" });

  const actors: Loader<typeof listActorsPage> = (query) => listActorsPage(user, query);
  await pages("actors", "", actorListDefinition, actors, { deep: { table: "Actor", where: live, depth: 100 } });
  await pages("actors", "by date added, ", actorListDefinition, actors, {
    search: "sort=added",
    deep: { table: "Actor", where: live, depth: 100 },
  });
  await pages("actors", "name, alias, office or key contains “speaker 1”, ", actorListDefinition, actors, { search: "q=speaker 1" });
  cases.push({ list: "actors", name: "the page's actor choices", work: inDatabase(() => listActorChoices(user)) });

  const users: Loader<typeof listUsersPage> = (query) => listUsersPage(user, query);
  await pages("users", "", userListDefinition, users, { deep: { table: "User", where: "true", depth: 150 } });
  await pages("users", "viewers, by date created, ", userListDefinition, users, {
    search: "role=VIEWER&sort=created",
    deep: { table: "User", where: `role = 'VIEWER'`, depth: 150 },
  });

  const history: Loader<typeof listHistory> = (query) => listHistory(user, query);
  const changes = `action NOT IN ('SIGN_IN', 'SIGN_IN_FAILED')`;
  await pages("history", "changes, ", historyListDefinition, history, { deep: { table: "AuditEntry", where: changes, depth: 100_000 } });
  await pages("history", "sign-ins, ", historyListDefinition, history, {
    search: "show=sign-ins",
    deep: { table: "AuditEntry", where: `action IN ('SIGN_IN', 'SIGN_IN_FAILED')`, depth: 10_000 },
  });
  await pages("history", "changes by coder 1, ", historyListDefinition, history, {
    search: "person=bench-coder-1",
    deep: { table: "AuditEntry", where: `${changes} AND "userId" = 'bench-coder-1'`, depth: 25_000 },
  });
  cases.push({ list: "history", name: "the page's deleted records", work: inDatabase(() => listDeletedRecords(user)) });
  cases.push({ list: "history", name: "the page's people", work: inDatabase(() => listHistoryPeople(user)) });

  const results: ListCaseTimings[] = [];
  for (const { list, name, work } of cases) results.push(await timeCase(list, name, work, log));
  return results;
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
  context: { database: Database; user: BenchUser },
  log: (message: string) => void,
): Promise<ListCaseTimings[]> {
  const results: ListCaseTimings[] = [];
  for (const [name, query] of searchCases)
    results.push(await timeCase("search", name, () => withDatabase(context.database, () => search(context.user, query)), log));
  return results;
}

/** The administrator every list is read as (the history and the users list are theirs alone). */
export const benchListUser: BenchUser = { id: benchAdministrator.id, role: "ADMIN", isAdjudicator: false };
