// The dashboard's aggregation SQL. PostgreSQL does the grouping (time
// buckets, pixel columns, window functions), so the application never loops
// over every coding. No I/O here: the data layer runs these, and the
// benchmark runs the very same statements through plain `pg` to compare.
import { Prisma } from "../generated/prisma/client";
import type { DateWindow } from "./types";
import { timeUnits, type ConfidenceLevel, type TimeUnit } from "./view";

export type StanceQueryScope = {
  /** Null means every speaker. */
  speakerIds: string[] | null;
  targetIds: string[];
  window: DateWindow;
  directQuotesOnly: boolean;
  minimumConfidence: ConfidenceLevel;
  adjudicatedOnly: boolean;
  /**
   * Blind coding: for an analyst who may not see others' codings before
   * coding a statement themselves, their user id; null for everyone who
   * sees every coding. Mirrors lib/data/coding-visibility.ts.
   */
  blindCoderId: string | null;
};

// Written into the SQL rather than bound: a bound unit would be a different
// parameter in SELECT and GROUP BY, which PostgreSQL cannot match. Only these
// three constants ever reach it. The cast to timestamp keeps the session's
// time zone out of the truncation.
function bucketStartOf(unit: TimeUnit, column = `"countedOn"`): Prisma.Sql {
  if (!timeUnits.includes(unit)) throw new RangeError(`Unknown time unit: ${String(unit)}`);
  return Prisma.raw(`date_trunc('${unit}', ${column}::timestamp)::date`);
}

/**
 * The day from which a statement counts in every window and bucket
 * (docs/decisions/0014): its own day, or for a month-precision statement the
 * last day of its month, the first day by which it had certainly been said.
 * A statement is never counted before it could have happened; month buckets
 * come out the same either way. The one definition every query below uses.
 */
const countedOnOfCoding = Prisma.raw(
  `CASE WHEN c."saidOnPrecision" = 'MONTH' THEN (date_trunc('month', c."saidOn"::timestamp) + interval '1 month - 1 day')::date ELSE c."saidOn" END`,
);

/**
 * The longest a statement can count after its stored date: a month-precision
 * statement stored on the 1st of a 31-day month counts from the 31st. The
 * index range is widened by this much, then rows are kept by their counted day.
 */
const longestCountingDelayDays = 30;

/**
 * One row per statement and target: the adjudicated score where coders'
 * disagreement was settled, otherwise the mean of the visible codings that
 * pass the filters. A statement counts when at least one of its codings
 * passes them. Codings carry their statement's and source's state (kept by
 * triggers, prisma/sql/stance-coding-read-model.sql), so the first step reads
 * one covering partial index, "StanceCoding_speaker_target_reads" or
 * "StanceCoding_target_reads", and never the statements, sources or
 * adjudications.
 */
function codingConditions(scope: StanceQueryScope): Prisma.Sql {
  const conditions: Prisma.Sql[] = [
    Prisma.sql`c."deletedAt" IS NULL`,
    Prisma.sql`c."statementLive"`,
    Prisma.sql`c."targetId" = ANY(${scope.targetIds}::text[])`,
    // The first condition is the covering index's range; the second the rule.
    Prisma.sql`c."saidOn" BETWEEN ${scope.window.from}::date - ${longestCountingDelayDays}::int AND ${scope.window.to}::date`,
    Prisma.sql`${countedOnOfCoding} BETWEEN ${scope.window.from}::date AND ${scope.window.to}::date`,
  ];
  if (scope.speakerIds) conditions.push(Prisma.sql`c."speakerId" = ANY(${scope.speakerIds}::text[])`);
  if (scope.minimumConfidence !== "LOW") conditions.push(Prisma.sql`c.confidence >= ${scope.minimumConfidence}::"Confidence"`);
  if (scope.directQuotesOnly) conditions.push(Prisma.sql`c."directQuote"`);
  if (scope.adjudicatedOnly) conditions.push(Prisma.sql`c."adjudicatedScore" IS NOT NULL`);
  if (scope.blindCoderId && scope.speakerIds) conditions.push(seenByBlindCoder("c", scope.blindCoderId));
  return Prisma.join(conditions, " AND ");
}

/**
 * The rows a scope reads, codings (aliased `c`) or settled values (`v`), as a FROM item that codingConditions or
 * settledConditions filter further. A blind coder sees a statement's rows when its source is open or they coded
 * it. For named speakers the conditions say so (seenByBlindCoder), probing "they coded it" row by row: a few
 * thousand probes. Every speaker's rows are hundreds of thousands at a million codings (430,000 probes, 2.5 s, for
 * three targets), so then open and blind sources are two branches, and "they coded it" a semi-join PostgreSQL can
 * hash: one pass over the coder's own codings by the partial index "StanceCoding_blind_coder_statements"
 * (prisma/sql/stance-coding-read-model.sql). Inside an OR it could not be a join.
 */
function rowsInScope(row: "c" | "v", scope: StanceQueryScope): Prisma.Sql {
  const table = Prisma.raw(row === "c" ? `"StanceCoding"` : `"StanceStatementValue"`);
  if (!scope.blindCoderId || scope.speakerIds) return Prisma.sql`${table} ${Prisma.raw(row)}`;
  return Prisma.sql`(
      SELECT * FROM ${table} open_row WHERE NOT open_row."blindSource"
      UNION ALL
      SELECT * FROM ${table} blind_row
      WHERE blind_row."blindSource" AND EXISTS (
        SELECT 1 FROM "StanceCoding" mine
        WHERE mine."statementId" = blind_row."statementId" AND mine."coderId" = ${scope.blindCoderId}
          AND mine."deletedAt" IS NULL AND mine."blindSource"
      )
    ) AS ${Prisma.raw(row)}`;
}

/**
 * Whether a blind coder sees the coding (`c`) or settled value (`v`), probed row by row (lib/data/coding-visibility.ts):
 * its source is open or they coded its statement. A coding of their own needs no probe.
 */
function seenByBlindCoder(row: "c" | "v", blindCoderId: string): Prisma.Sql {
  const of = Prisma.raw(row);
  const own = row === "c" ? Prisma.sql`c."coderId" = ${blindCoderId} OR ` : Prisma.empty;
  return Prisma.sql`(
      ${own}NOT ${of}."blindSource"
      OR EXISTS (
        SELECT 1 FROM "StanceCoding" mine
        WHERE mine."statementId" = ${of}."statementId" AND mine."coderId" = ${blindCoderId} AND mine."deletedAt" IS NULL
      )
    )`;
}

/**
 * Settles each coded statement's value: its adjudicated score where there is
 * one (every coding of the statement and target carries it), else its
 * coders' mean.
 */
const statementValuesFromCodedStatements = Prisma.sql`
    statement_values AS (
      SELECT "statementId", "speakerId", "targetId", "saidOn", "countedOn",
        COALESCE(adjudicated_score::float8, mean) AS score,
        adjudicated_score IS NOT NULL AS adjudicated,
        coding_count
      FROM coded_statements
    )`;

/**
 * Where a query reads statement values from: "settled", the per-statement
 * value table kept by triggers (prisma/sql/stance-statement-values.sql), or
 * "codings", working each value out from the codings that pass the filters.
 * The table holds each statement's value over all its live codings, so it
 * answers only views that keep every coding: no minimum confidence above the
 * lowest. A blind coder sees all of a statement's codings or none of them, so
 * their values are the settled values of the statements they see whole
 * (rowsInScope). Both give the same rows for such views
 * (tests/integration/stance-statement-values.test.ts); "codings" is the reference.
 */
export type StatementValueSource = "settled" | "codings";

/** The source a scope's values are read from: settled whenever the view keeps every coding. */
export function statementValueSourceFor(scope: StanceQueryScope): StatementValueSource {
  return scope.minimumConfidence === "LOW" ? "settled" : "codings";
}

function checkedSource(scope: StanceQueryScope, source: StatementValueSource | undefined): StatementValueSource {
  const chosen = source ?? statementValueSourceFor(scope);
  if (chosen === "settled" && statementValueSourceFor(scope) !== "settled")
    throw new RangeError("Settled statement values cannot answer a view that filters codings by confidence.");
  return chosen;
}

/** The settled values' filters: the same statements the codings' filters keep (one row per statement and target). */
function settledConditions(scope: StanceQueryScope, window: DateWindow = scope.window): Prisma.Sql {
  const conditions: Prisma.Sql[] = [
    Prisma.sql`v."targetId" = ANY(${scope.targetIds}::text[])`,
    Prisma.sql`v."countedOn" BETWEEN ${window.from}::date AND ${window.to}::date`,
  ];
  if (scope.speakerIds) conditions.push(Prisma.sql`v."speakerId" = ANY(${scope.speakerIds}::text[])`);
  if (scope.directQuotesOnly) conditions.push(Prisma.sql`v."directQuote"`);
  if (scope.adjudicatedOnly) conditions.push(Prisma.sql`v.adjudicated`);
  if (scope.blindCoderId && scope.speakerIds) conditions.push(seenByBlindCoder("v", scope.blindCoderId));
  return Prisma.join(conditions, " AND ");
}

// Not toISOString: the first day after 9999-12-31, an exclusive bound here, is year 10000, which it writes as
// "+010000-01-01" and PostgreSQL refuses; PostgreSQL reads "10000-01-01".
function isoDay(date: Date): string {
  const twoDigits = (value: number) => String(value).padStart(2, "0");
  return `${String(date.getUTCFullYear()).padStart(4, "0")}-${twoDigits(date.getUTCMonth() + 1)}-${twoDigits(date.getUTCDate())}`;
}

/**
 * The whole months inside a window, as the first day of the first and the
 * first day after the last (both YYYY-MM-DD), or null when it holds none.
 */
export function wholeMonthsWithin(window: DateWindow): { first: string; after: string } | null {
  // Moved with setUTCMonth, not rebuilt with Date.UTC, which reads the years 0 to 99 as 1900 to 1999.
  const first = new Date(`${window.from}T00:00:00Z`);
  if (first.getUTCDate() !== 1) first.setUTCMonth(first.getUTCMonth() + 1, 1);
  const after = new Date(Date.parse(`${window.to}T00:00:00Z`) + 86_400_000);
  after.setUTCDate(1);
  return first < after ? { first: isoDay(first), after: isoDay(after) } : null;
}

/**
 * Every speaker's coding count toward each target in the view (charted or not),
 * ranked, from settled values: the whole months inside the window from the
 * per-month sums (StanceSpeakerMonth, kept by triggers), the partial months at
 * either end from the values themselves. The same counts as counting codings.
 */
function settledSpeakerTotals(scope: StanceQueryScope): Prisma.Sql {
  const months = wholeMonthsWithin(scope.window);
  const countColumn = Prisma.raw(
    scope.directQuotesOnly && scope.adjudicatedOnly
      ? `m."directQuoteAdjudicatedCodingCount"`
      : scope.directQuotesOnly
        ? `m."directQuoteCodingCount"`
        : scope.adjudicatedOnly
          ? `m."adjudicatedCodingCount"`
          : `m."codingCount"`,
  );
  const dayBefore = (date: string) => isoDay(new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000));
  // The days before the first whole month and after the last, when there are any: a window starting on
  // 0001-01-01 has no day before it to write.
  const partialMonth = (days: DateWindow | null) =>
    days
      ? Prisma.sql`
        UNION ALL
        SELECT v."speakerId", v."targetId", v."codingCount" FROM "StanceStatementValue" v
        WHERE ${settledConditions(scope, days)}`
      : Prisma.empty;
  const daysBefore = months && scope.window.from < months.first ? { from: scope.window.from, to: dayBefore(months.first) } : null;
  const daysAfter = months && months.after <= scope.window.to ? { from: months.after, to: scope.window.to } : null;
  const counts = months
    ? Prisma.sql`
        SELECT m."speakerId", m."targetId", ${countColumn} AS coding_count
        FROM "StanceSpeakerMonth" m
        WHERE m."targetId" = ANY(${scope.targetIds}::text[]) AND m.month >= ${months.first}::date AND m.month < ${months.after}::date
          AND ${countColumn} > 0${scope.speakerIds ? Prisma.sql` AND m."speakerId" = ANY(${scope.speakerIds}::text[])` : Prisma.empty}
${partialMonth(daysBefore)}${partialMonth(daysAfter)}`
    : Prisma.sql`
        SELECT v."speakerId", v."targetId", v."codingCount" AS coding_count FROM "StanceStatementValue" v
        WHERE ${settledConditions(scope)}`;
  return Prisma.sql`
    speaker_totals AS (
      SELECT r."speakerId", r."targetId", sum(r.coding_count)::int AS coding_count,
        row_number() OVER (PARTITION BY r."targetId" ORDER BY sum(r.coding_count) DESC, r."speakerId")::int AS rank,
        count(*) OVER (PARTITION BY r."targetId")::int AS speaker_count,
        ${seriesOrder(Prisma.raw("r"))}
      FROM (${counts}) AS r
      GROUP BY r."speakerId", r."targetId"
    )`;
}

const settledValueColumns = Prisma.sql`v."statementId", v."speakerId", v."targetId", v."saidOn", v."countedOn", v.score, v.adjudicated,
        v."codingCount" AS coding_count`;

export function statementValuesCte(scope: StanceQueryScope, source?: StatementValueSource): Prisma.Sql {
  if (checkedSource(scope, source) === "settled")
    return Prisma.sql`
    statement_values AS (
      SELECT ${settledValueColumns}
      FROM ${rowsInScope("v", scope)}
      WHERE ${settledConditions(scope)}
    )`;
  return Prisma.sql`
    coded_statements AS (
      SELECT c."statementId", c."speakerId", c."targetId", c."saidOn", ${countedOnOfCoding} AS "countedOn",
        avg(c.score)::float8 AS mean, count(*)::int AS coding_count, max(c."adjudicatedScore") AS adjudicated_score
      FROM ${rowsInScope("c", scope)}
      WHERE ${codingConditions(scope)}
      GROUP BY c."statementId", c."speakerId", c."targetId", c."saidOn", c."saidOnPrecision"
    ),
    ${statementValuesFromCodedStatements}`;
}

export type ExtentsQueryRow = { first: string | null; last: string | null };

/**
 * The first day a statement in scope was said and the last day one counts
 * from (docs/decisions/0014), for the window a view leaves open: over live
 * statements toward the targets, by the speakers if named, said within
 * `saidBetween`'s ends where given. Read from the settled values whatever the
 * view's filters (they hold every statement with a live coding), as a few
 * index probes per target (or speaker and target) rather than a pass over
 * every coding: a statement counts at most 30 days after it was said, so the
 * earliest said lies among the rows counted within 30 days of the earliest.
 * A blind coder's ends are walked as `many` decides (manyBlindCodings).
 */
export function buildStanceExtentsQuery(
  targetIds: string[] | Prisma.Sql,
  speakerIds: string[] | null,
  saidBetween: { from: string | null; to: string | null },
  blindCoderId: string | null,
  many: number = manyBlindCodings,
): Prisma.Sql {
  // The targets' ids as given, or as a query selecting them (buildTrackedTargetsWithExtentsQuery).
  const targets = Array.isArray(targetIds) ? Prisma.sql`unnest(${targetIds}::text[])` : Prisma.sql`(${targetIds})`;
  const pairs = speakerIds
    ? Prisma.sql`SELECT t.id AS target_id, s.id AS speaker_id FROM ${targets} AS t(id) CROSS JOIN unnest(${speakerIds}::text[]) AS s(id)`
    : Prisma.sql`SELECT t.id AS target_id FROM ${targets} AS t(id)`;
  if (blindCoderId) return visibleCodingExtentsQuery(pairs, speakerIds !== null, saidBetween, blindCoderId, many);
  const inPair = (pair: "p" | "e") => Prisma.join(inExtentsPair("v", pair, speakerIds !== null, saidBetween), " AND ");
  return Prisma.sql`
    WITH ends AS (
      SELECT p.*,
        (SELECT min(v."countedOn") FROM "StanceStatementValue" v WHERE ${inPair("p")}) AS first_counted,
        (SELECT max(v."countedOn") FROM "StanceStatementValue" v WHERE ${inPair("p")}) AS last_counted
      FROM (${pairs}) AS p
    )
    SELECT to_char(min(first_said.said_on), 'YYYY-MM-DD') AS first, to_char(max(e.last_counted), 'YYYY-MM-DD') AS last
    FROM ends e
    CROSS JOIN LATERAL (
      SELECT min(v."saidOn") AS said_on FROM "StanceStatementValue" v
      WHERE ${inPair("e")} AND v."countedOn" <= e.first_counted + ${longestCountingDelayDays}::int
    ) AS first_said`;
}

/** A settled value (`v`) or coding (`c`) of the pair `pair` (a target, and a speaker when `bySpeaker`), said within `saidBetween`. */
function inExtentsPair(
  row: "v" | "c",
  pair: "p" | "e",
  bySpeaker: boolean,
  saidBetween: { from: string | null; to: string | null },
): Prisma.Sql[] {
  const [of, alias] = [Prisma.raw(row), Prisma.raw(pair)];
  const conditions: Prisma.Sql[] = [Prisma.sql`${of}."targetId" = ${alias}.target_id`];
  if (bySpeaker) conditions.push(Prisma.sql`${of}."speakerId" = ${alias}.speaker_id`);
  if (saidBetween.from) conditions.push(Prisma.sql`${of}."saidOn" >= ${saidBetween.from}::date`);
  if (saidBetween.to) conditions.push(Prisma.sql`${of}."saidOn" <= ${saidBetween.to}::date`);
  return conditions;
}

/**
 * How many live codings of blind sources make a blind coder's window ends probe coding by coding (below, the ends
 * hash the statements the coder coded). Only tests set another.
 */
export const manyBlindCodings = 1000;

/**
 * Whether a blind coder sees the coding aliased `c`, for walking the codings' index from one end to the first they
 * see. A coder of many blind codings sees one within a few steps, so each step probes whether they coded its
 * statement (20 ms for a window's ends, where hashing their 250,000 statements for each end took 1.1 s). A coder of
 * few sees almost none, so the walk is long and its steps must be cheap: their few statements are hashed once (a
 * probe at each of 570,000 steps took 4.4 s). The count that decides reads at most `many` index entries, once.
 */
function seenOnTheWalk(blindCoderId: string, many: number): Prisma.Sql {
  const ownBlindCodings = Prisma.sql`"StanceCoding" mine WHERE mine."coderId" = ${blindCoderId} AND mine."deletedAt" IS NULL AND mine."blindSource"`;
  return Prisma.sql`(
      c."coderId" = ${blindCoderId}
      OR NOT c."blindSource"
      OR CASE WHEN (SELECT count(*) >= ${many}::int FROM (SELECT FROM ${ownBlindCodings} LIMIT ${many}::int) AS counted)
        THEN (SELECT 1 FROM ${ownBlindCodings} AND mine."statementId" = c."statementId" LIMIT 1) IS NOT NULL
        ELSE c."statementId" IN (SELECT mine."statementId" FROM ${ownBlindCodings})
      END
    )`;
}

/**
 * The same ends for a blind coder, over the codings they see: the settled values hold every coder's, and a window
 * stretched to a date only others' hidden codings reach would tell them that someone coded a statement toward the
 * target then. Read from the codings' (speaker,) target and date index: the earliest and latest said, then the
 * latest counted day among the 30 days before the latest said.
 */
function visibleCodingExtentsQuery(
  pairs: Prisma.Sql,
  bySpeaker: boolean,
  saidBetween: { from: string | null; to: string | null },
  blindCoderId: string,
  many: number,
): Prisma.Sql {
  const inPair = (pair: "p" | "e") =>
    Prisma.join(
      [
        Prisma.sql`c."deletedAt" IS NULL`,
        Prisma.sql`c."statementLive"`,
        seenOnTheWalk(blindCoderId, many),
        ...inExtentsPair("c", pair, bySpeaker, saidBetween),
      ],
      " AND ",
    );
  return Prisma.sql`
    WITH ends AS (
      SELECT p.*,
        (SELECT min(c."saidOn") FROM "StanceCoding" c WHERE ${inPair("p")}) AS first_said,
        (SELECT max(c."saidOn") FROM "StanceCoding" c WHERE ${inPair("p")}) AS last_said
      FROM (${pairs}) AS p
    )
    SELECT to_char(min(e.first_said), 'YYYY-MM-DD') AS first, to_char(max(last_counted.counted_on), 'YYYY-MM-DD') AS last
    FROM ends e
    CROSS JOIN LATERAL (
      SELECT max(${countedOnOfCoding}) AS counted_on FROM "StanceCoding" c
      WHERE ${inPair("e")} AND c."saidOn" >= e.last_said - ${longestCountingDelayDays}::int
    ) AS last_counted`;
}

/** Which actors a view names no targets charts: the tracked targets that are not deleted. */
export const trackedTargetCondition = Prisma.sql`"isTrackedTarget" AND "deletedAt" IS NULL`;

/** A tracked target (id, slug, name) with the window ends over all of them; one row of nulls but the ends when there are none. */
export type TrackedTargetExtentsRow = { id: string | null; slug: string | null; name: string | null } & ExtentsQueryRow;

/**
 * The tracked targets by name, each row carrying the window ends over them all
 * (buildStanceExtentsQuery): the default view's first two reads in one round
 * trip, and from one snapshot.
 */
export function buildTrackedTargetsWithExtentsQuery(
  speakerIds: string[] | null,
  saidBetween: { from: string | null; to: string | null },
  blindCoderId: string | null,
): Prisma.Sql {
  const extents = buildStanceExtentsQuery(
    Prisma.sql`SELECT id FROM "Actor" WHERE ${trackedTargetCondition}`,
    speakerIds,
    saidBetween,
    blindCoderId,
  );
  return Prisma.sql`
    SELECT target.id, target.slug, target.name, e.first, e.last
    FROM (${extents}) AS e
    LEFT JOIN (SELECT id, slug, name FROM "Actor" WHERE ${trackedTargetCondition}) AS target ON true
    ORDER BY target.name`;
}

/**
 * Each speaker and target's place in the order of target id, then speaker id
 * (the database's collation), numbered once over the few speaker totals so
 * the chart rows can be sorted on one integer.
 */
function seriesOrder(alias: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`row_number() OVER (ORDER BY ${alias}."targetId", ${alias}."speakerId") AS series_order`;
}

// The chart rows come ordered by target, speaker, kind (series, then points,
// then means) and date, as one bigint: the series' place times 2^24, the
// kind times 2^22, and the day counted from 64 days before the window's start
// (a point or bucket starts at most 30 days before it; 2^22 days outlast any
// four-digit year). One integer sorts far faster than four text keys read
// from rows with twenty-one columns, and gives the same order.
const kindOrder = { series: 0, point: 1, mean: 2 } as const;

function sortKey(seriesOrderColumn: Prisma.Sql, kind: keyof typeof kindOrder, daysFromStart: Prisma.Sql | null): Prisma.Sql {
  const kindAndDay = kindOrder[kind] * 2 ** 22;
  return daysFromStart
    ? Prisma.sql`${seriesOrderColumn} * 16777216 + ${Prisma.raw(String(kindAndDay + 64))} + (${daysFromStart})`
    : Prisma.sql`${seriesOrderColumn} * 16777216 + ${Prisma.raw(String(kindAndDay))}`;
}

export type SeriesQueryOptions = {
  unit: TimeUnit;
  /** The chart's width in pixels: each target's chart receives at most about this many points and mean vertices. */
  width: number;
  /** The most speakers charted per target; the rest are counted, not drawn. */
  maximumSeriesPerTarget: number;
  /** How many day/week/month buckets the window spans (the means are merged when a series' share of pixels is smaller). */
  bucketCount: number;
};

export type SeriesQueryRow = {
  kind: "series" | "mean" | "point";
  speakerId: string;
  targetId: string;
  /** series: the speaker's rank in the target's chart (1 = most codings); null for speakers not charted. */
  rank: number | null;
  /** series: how many speakers have statements toward this target. */
  speakerCount: number | null;
  /** mean: first day of the (merged) bucket; point: the statement's date or the merged statements' mean date. */
  at: string | null;
  score: number | null;
  minimumScore: number | null;
  maximumScore: number | null;
  statementCount: number;
  codingCount: number;
  /** point: the statement, when the point is one statement. */
  statementId: string | null;
  adjudicated: boolean | null;
  merged: boolean;
  /** point, when it is one statement: what its tooltip shows. */
  quote: string | null;
  sourceId: string | null;
  sourceTitle: string | null;
  coders: string[] | null;
  /** point, when it is one statement: how precisely its date is known ("DAY" or "MONTH"). */
  datePrecision: "DAY" | "MONTH" | null;
  /** series: the speaker's slug and name, so the chart needs no second query for them. */
  speakerSlug: string | null;
  speakerName: string | null;
};

/**
 * The names of a single-statement point's coders, for its tooltip. A statement's codings are visible all
 * together or not at all (lib/data/coding-visibility.ts), so a charted statement's coders are those of its
 * codings that pass the confidence filter.
 */
function coderNamesOfPoint(scope: StanceQueryScope): Prisma.Sql {
  return Prisma.sql`ARRAY(
          SELECT u.name FROM "StanceCoding" coder_coding JOIN "User" u ON u.id = coder_coding."coderId"
          WHERE coder_coding."statementId" = p.statement_id AND coder_coding."targetId" = p."targetId"
            AND coder_coding."deletedAt" IS NULL AND coder_coding.confidence >= ${scope.minimumConfidence}::"Confidence"
          ORDER BY u.name
        )`;
}

/**
 * Everything a stance chart needs in one round trip and one pass over the
 * codings: per speaker and target the totals and rank, the bucket means, and
 * the points. Each target's chart shares `width` pixel columns among its
 * charted speakers; a series with more statements (or buckets) than its
 * columns has them merged per column, so the browser never receives more
 * points than it can draw.
 */
function seriesAggregates(scope: StanceQueryScope, options: SeriesQueryOptions, source?: StatementValueSource): Prisma.Sql {
  const bucket = bucketStartOf(options.unit);
  const from = scope.window.from;
  // Days in the window, counting both ends: pixel columns divide this span.
  const spanDays = Math.max(1, Math.round((Date.parse(scope.window.to) - Date.parse(from)) / 86_400_000) + 1);
  // Speakers are ranked by their codings, counted straight from the index,
  // so statements are settled only for the few speakers charted. When the
  // view names no more speakers than a chart holds, all are charted: one pass
  // over their statement values settles them, and the ranks come from those
  // values' coding counts (the same counts, without a second read).
  const everyoneCharted = scope.speakerIds !== null && scope.speakerIds.length <= options.maximumSeriesPerTarget;
  const charted = Prisma.sql`
    charted AS (
      SELECT t."speakerId", t."targetId", t.series_order,
        greatest(1, floor(${options.width}::float8 / least(t.speaker_count, ${options.maximumSeriesPerTarget}::int)))::int AS columns
      FROM speaker_totals t
      WHERE t.rank <= ${options.maximumSeriesPerTarget}::int
    )`;
  const seriesTotals = Prisma.sql`
    series_totals AS (
      SELECT "speakerId", "targetId", count(*)::int AS statement_count, sum(coding_count)::int AS coding_count
      FROM statement_values
      GROUP BY "speakerId", "targetId"
    )`;
  const settled = checkedSource(scope, source) === "settled";
  // Settled from codings for a view that ranks its speakers, the codings are read twice: to rank the speakers,
  // then for the charted ones, a speaker at a time from the index. Which of them a blind coder sees costs a probe
  // each or a pass over the coder's own (rowsInScope), so theirs are found once, into visible_codings.
  const codingsReadTwice = scope.blindCoderId
    ? Prisma.sql`
    visible_codings AS MATERIALIZED (
      SELECT c."statementId", c."speakerId", c."targetId", c."saidOn", c."saidOnPrecision", c.score, c."adjudicatedScore"
      FROM ${rowsInScope("c", scope)}
      WHERE ${codingConditions(scope)}
    ),`
    : Prisma.empty;
  const codingsOfAllSpeakers = scope.blindCoderId
    ? Prisma.sql`visible_codings c`
    : Prisma.sql`"StanceCoding" c WHERE ${codingConditions(scope)}`;
  // A semi-join with the charted few, which PostgreSQL hashes; joined, it sorted every visible coding to merge them.
  const codingsOfChartedSpeakers = scope.blindCoderId
    ? Prisma.sql`visible_codings c
      WHERE (c."speakerId", c."targetId") IN (SELECT ch."speakerId", ch."targetId" FROM charted ch)`
    : Prisma.sql`charted ch JOIN "StanceCoding" c ON c."speakerId" = ch."speakerId" AND c."targetId" = ch."targetId"
      WHERE ${codingConditions(scope)}`;
  // Ranked by codings in every case: a settled row carries its statement's coding count.
  const valuesAndRanks = (() => {
    if (everyoneCharted)
      return Prisma.sql`
    ${statementValuesCte(scope, source)},
    ${seriesTotals},
    speaker_totals AS (
      SELECT s."speakerId", s."targetId", s.coding_count,
        row_number() OVER (PARTITION BY s."targetId" ORDER BY s.coding_count DESC, s."speakerId")::int AS rank,
        count(*) OVER (PARTITION BY s."targetId")::int AS speaker_count,
        ${seriesOrder(Prisma.raw("s"))}
      FROM series_totals s
    ),
    ${charted}`;
    // The per-month sums count every coder's codings: a blind coder's speakers are ranked from the values they see,
    // found once (a pass over the coder's own codings, rowsInScope).
    if (settled && scope.blindCoderId)
      return Prisma.sql`
    visible_values AS MATERIALIZED (
      SELECT ${settledValueColumns}
      FROM ${rowsInScope("v", scope)}
      WHERE ${settledConditions(scope)}
    ),
    speaker_totals AS (
      SELECT v."speakerId", v."targetId", sum(v.coding_count)::int AS coding_count,
        row_number() OVER (PARTITION BY v."targetId" ORDER BY sum(v.coding_count) DESC, v."speakerId")::int AS rank,
        count(*) OVER (PARTITION BY v."targetId")::int AS speaker_count,
        ${seriesOrder(Prisma.raw("v"))}
      FROM visible_values v
      GROUP BY v."speakerId", v."targetId"
    ),
    ${charted},
    statement_values AS (
      SELECT v.* FROM visible_values v
      WHERE (v."speakerId", v."targetId") IN (SELECT ch."speakerId", ch."targetId" FROM charted ch)
    ),
    ${seriesTotals}`;
    if (settled)
      return Prisma.sql`
    ${settledSpeakerTotals(scope)},
    ${charted},
    statement_values AS (
      SELECT ${settledValueColumns}
      FROM charted ch JOIN "StanceStatementValue" v ON v."speakerId" = ch."speakerId" AND v."targetId" = ch."targetId"
      WHERE ${settledConditions(scope)}
    ),
    ${seriesTotals}`;
    return Prisma.sql`
    ${codingsReadTwice}
    speaker_totals AS (
      SELECT c."speakerId", c."targetId", count(*)::int AS coding_count,
        row_number() OVER (PARTITION BY c."targetId" ORDER BY count(*) DESC, c."speakerId")::int AS rank,
        count(*) OVER (PARTITION BY c."targetId")::int AS speaker_count,
        ${seriesOrder(Prisma.raw("c"))}
      FROM ${codingsOfAllSpeakers}
      GROUP BY c."speakerId", c."targetId"
    ),
    ${charted},
    coded_statements AS (
      SELECT c."statementId", c."speakerId", c."targetId", c."saidOn", ${countedOnOfCoding} AS "countedOn",
        avg(c.score)::float8 AS mean, count(*)::int AS coding_count, max(c."adjudicatedScore") AS adjudicated_score
      FROM ${codingsOfChartedSpeakers}
      GROUP BY c."statementId", c."speakerId", c."targetId", c."saidOn", c."saidOnPrecision"
    ),
    ${statementValuesFromCodedStatements},
    ${seriesTotals}`;
  })();
  return Prisma.sql`${valuesAndRanks},
    charted_values AS (
      SELECT v.*, ch.columns, ch.series_order, st.statement_count > ch.columns AS merge_points,
        floor((v."saidOn" - ${from}::date) * ch.columns::float8 / ${spanDays}::int)::int AS pixel_column
      FROM statement_values v
      JOIN charted ch ON ch."speakerId" = v."speakerId" AND ch."targetId" = v."targetId"
      JOIN series_totals st ON st."speakerId" = v."speakerId" AND st."targetId" = v."targetId"
    ),
    bucket_means AS (
      SELECT "speakerId", "targetId", columns, ${bucket} AS start,
        sum(score) AS score_sum, count(*)::int AS statement_count, sum(coding_count)::int AS coding_count,
        min(series_order) AS series_order
      FROM charted_values
      GROUP BY "speakerId", "targetId", columns, ${bucket}
    ),
    merged_means AS (
      SELECT "speakerId", "targetId", min(start) AS start, sum(score_sum) / sum(statement_count) AS score,
        sum(statement_count)::int AS statement_count, sum(coding_count)::int AS coding_count, count(*) > 1 AS merged,
        min(series_order) AS series_order
      FROM bucket_means
      GROUP BY "speakerId", "targetId",
        CASE WHEN ${options.bucketCount}::int > columns
          THEN floor((start - ${from}::date) * columns::float8 / ${spanDays}::int)::int
          ELSE start - ${from}::date
        END
    ),
    points AS (
      SELECT "speakerId", "targetId",
        ${from}::date + round(avg("saidOn" - ${from}::date))::int AS at,
        avg(score) AS score, min(score) AS minimum_score, max(score) AS maximum_score,
        count(*)::int AS statement_count, sum(coding_count)::int AS coding_count,
        CASE WHEN count(*) = 1 THEN min("statementId") END AS statement_id,
        bool_and(adjudicated) AS adjudicated, count(*) > 1 AS merged, min(series_order) AS series_order
      FROM charted_values
      GROUP BY "speakerId", "targetId", CASE WHEN merge_points THEN pixel_column::text ELSE "statementId" END
    )`;
}

/**
 * Everything a stance chart needs in one round trip and one pass over the
 * codings, as rows: per speaker and target the totals and rank, the bucket
 * means, and the points with their tooltips, ordered by target, speaker, kind
 * and date. The chart itself reads the same aggregates as JSON
 * (buildStanceSeriesJsonQuery); these rows are its reference in the tests.
 */
export function buildStanceSeriesQuery(scope: StanceQueryScope, options: SeriesQueryOptions, source?: StatementValueSource): Prisma.Sql {
  const from = scope.window.from;
  return Prisma.sql`
    WITH ${seriesAggregates(scope, options, source)}
    SELECT kind, "speakerId", "targetId", rank, "speakerCount", at, score, "minimumScore", "maximumScore", "statementCount",
      "codingCount", "statementId", adjudicated, merged, quote, "sourceId", "sourceTitle", coders, "datePrecision", "speakerSlug", "speakerName"
    FROM (
      SELECT 'series' AS kind, t."speakerId", t."targetId", CASE WHEN t.rank <= ${options.maximumSeriesPerTarget}::int THEN t.rank END AS rank,
        t.speaker_count AS "speakerCount", NULL::text AS at, NULL::float8 AS score, NULL::float8 AS "minimumScore", NULL::float8 AS "maximumScore",
        coalesce(st.statement_count, 0) AS "statementCount", t.coding_count AS "codingCount", NULL::text AS "statementId",
        NULL::boolean AS adjudicated, false AS merged, NULL::text AS quote, NULL::text AS "sourceId", NULL::text AS "sourceTitle",
        NULL::text[] AS coders, NULL::text AS "datePrecision", speaker.slug AS "speakerSlug", speaker.name AS "speakerName",
        ${sortKey(Prisma.sql`t.series_order`, "series", null)} AS sort_key
      FROM speaker_totals t
      JOIN "Actor" speaker ON speaker.id = t."speakerId"
      LEFT JOIN series_totals st ON st."speakerId" = t."speakerId" AND st."targetId" = t."targetId"
      UNION ALL
      SELECT 'mean', m."speakerId", m."targetId", NULL, NULL, to_char(m.start, 'YYYY-MM-DD'), m.score, NULL, NULL,
        m.statement_count, m.coding_count, NULL, NULL, m.merged, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
        ${sortKey(Prisma.sql`m.series_order`, "mean", Prisma.sql`m.start - ${from}::date`)}
      FROM merged_means m
      UNION ALL
      -- Merged points have no tooltip: only single statements look theirs up.
      SELECT 'point', p."speakerId", p."targetId", NULL, NULL, to_char(p.at, 'YYYY-MM-DD'), p.score, p.minimum_score, p.maximum_score,
        p.statement_count, p.coding_count, NULL, p.adjudicated, p.merged, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
        ${sortKey(Prisma.sql`p.series_order`, "point", Prisma.sql`p.at - ${from}::date`)}
      FROM points p
      WHERE p.statement_id IS NULL
      UNION ALL
      SELECT 'point', p."speakerId", p."targetId", NULL, NULL, to_char(p.at, 'YYYY-MM-DD'), p.score, p.minimum_score, p.maximum_score,
        p.statement_count, p.coding_count, p.statement_id, p.adjudicated, p.merged, s.quote, s."sourceId", src.title,
        ${coderNamesOfPoint(scope)},
        s."saidOnPrecision"::text, NULL, NULL,
        ${sortKey(Prisma.sql`p.series_order`, "point", Prisma.sql`p.at - ${from}::date`)}
      FROM points p
      LEFT JOIN "Statement" s ON s.id = p.statement_id
      LEFT JOIN "Source" src ON src.id = s."sourceId"
      WHERE p.statement_id IS NOT NULL
    ) AS chart_rows
    ORDER BY sort_key`;
}

/**
 * The event markers a chart of the window shows, as a JSON array (ChartEventMarker[], lib/dashboard/types.ts):
 * the live events on the window's days, by day and then title. An expression, so that the stance endpoint
 * reads them in the series' own statement (buildStanceSeriesJsonQuery) and the page in a statement of their own.
 */
export function eventMarkersJson(window: DateWindow): Prisma.Sql {
  return Prisma.sql`coalesce((
      SELECT json_agg(json_build_object(
        'id', e.id, 'slug', e.slug, 'title', e.title, 'kind', e.kind::text,
        'occurredOn', e."occurredOn"::text, 'description', e.description
      ) ORDER BY e."occurredOn", e.title)
      FROM "Event" e
      WHERE e."deletedAt" IS NULL AND e."occurredOn" >= ${window.from}::date AND e."occurredOn" <= ${window.to}::date
    ), '[]'::json)`;
}

/**
 * Which writes a chart of `scope` could show, as one text (lib/data/kept-stance-series.ts): the server's start
 * (a database rewound under a running app, by a point-in-time or snapshot restore, a failover to a standby or a
 * server rebuilt from scratch, can repeat the rest, since such a copy keeps its oid and file numbers and the sum
 * comes back as writes resume; each of those starts a server), the database (a recreated one has another oid),
 * the count table's file (a TRUNCATE or a restore with --clean gives it another) and the sum of the counts the
 * chart depends on (prisma/sql/stance-read-changes.sql): those of its targets and the empty scope (statements,
 * sources, actors, users, events). A blind analyst's chart counts every scope: it shows other coders' codings of
 * the statements the analyst coded toward any target (codingConditions). An expression, so that the series
 * statement reads it in the chart's own snapshot. The start is written as seconds since 1970, whatever the
 * session's date settings.
 */
export function stanceReadChangesSeen(scope: Pick<StanceQueryScope, "targetIds" | "blindCoderId">): Prisma.Sql {
  const counted = scope.blindCoderId ? Prisma.empty : Prisma.sql`WHERE scope = '' OR scope = ANY(${scope.targetIds}::text[])`;
  return Prisma.sql`(
      SELECT extract(epoch FROM pg_postmaster_start_time())::text
        || ':' || (SELECT oid FROM pg_database WHERE datname = current_database())::text
        || ':' || pg_relation_filenode('"StanceReadChange"')::text || ':' || coalesce(sum(changes), 0)::text
      FROM "StanceReadChange" ${counted}
    )`;
}

export type SeriesJsonOptions = SeriesQueryOptions & {
  /**
   * Whether the object starts with the window's `events` (eventMarkersJson). The stance endpoint asks for them:
   * on the seed one statement fewer per request was worth a few points of its throughput against the
   * framework's floor (docs/decisions/0045). The page reads its events once for all its panels instead.
   */
  withEvents?: boolean;
};

/**
 * The chart's JSON, written by PostgreSQL from the same aggregates as the series query's rows: an object with
 * `series`, `omittedSpeakers` and `downsampled` as StanceSeriesResult has them (lib/dashboard/types.ts), and
 * `events` first when asked for, as text. The data endpoint sends this text on without parsing it or
 * serialising objects again: at a million codings, decoding some thousand rows and writing them out as JSON
 * was most of the endpoint's own work (docs/decisions/0043). Built from the aggregates, not from the rows:
 * collecting the rows first, sorting them and reading them back per kind cost a little (at a million codings
 * about 1–2 ms of one series' 37 ms and 7–8 ms of all speakers' 75 ms). `targetIds` orders the series as the
 * view names its targets. Dates are written as `date::text`, YYYY-MM-DD because every connection sets
 * DateStyle to ISO (lib/database/session-settings.ts): cheaper per value than to_char, which the rows keep.
 */
export function buildStanceSeriesJsonQuery(scope: StanceQueryScope, options: SeriesJsonOptions, source?: StatementValueSource): Prisma.Sql {
  const from = scope.window.from;
  // A single month-precision statement is drawn at the middle of its month, never before the window's
  // first day: the SQL twin of chartDateOf (lib/dashboard/date-precision.ts), tested against it.
  const middleOfMonth = Prisma.sql`date_trunc('month', p.at::date)::date
    + (extract(day FROM date_trunc('month', p.at::date) + interval '1 month - 1 day')::int / 2)`;
  const events = options.withEvents ? Prisma.sql`'events', ${eventMarkersJson(scope.window)},` : Prisma.empty;
  return Prisma.sql`
    WITH ${seriesAggregates(scope, options, source)},
    target_positions AS (
      SELECT id AS "targetId", position FROM unnest(${scope.targetIds}::text[]) WITH ORDINALITY AS named(id, position)
    ),
    series_points AS MATERIALIZED (
      SELECT p."speakerId", p."targetId",
        json_agg(json_build_object(
          'at', p.chart_at::text, 'score', p.score, 'statementCount', p.statement_count,
          'minimumScore', p.minimum_score, 'maximumScore', p.maximum_score,
          'statement', CASE WHEN p.statement_id IS NOT NULL THEN json_build_object(
            'id', p.statement_id, 'quote', p.quote, 'sourceId', p."sourceId", 'sourceTitle', p.source_title,
            'coders', ${coderNamesOfPoint(scope)},
            'basis', CASE WHEN p.adjudicated THEN 'adjudicated' ELSE 'mean' END,
            'saidOn', p.at::text, 'datePrecision', CASE WHEN p.date_precision = 'MONTH' THEN 'MONTH' ELSE 'DAY' END) END
        ) ORDER BY p.chart_at, p.score, p.at, p.statement_id) AS points
      FROM (
        -- Merged points have no tooltip: only single statements look theirs up, so merged points skip the joins
        -- (a left join would probe the indexes once per merged point too, for nothing).
        SELECT p.*, NULL::text AS quote, NULL::text AS "sourceId", NULL::text AS source_title, NULL::text AS date_precision,
          p.at AS chart_at
        FROM points p
        WHERE p.statement_id IS NULL
        UNION ALL
        SELECT p.*, s.quote, s."sourceId", src.title AS source_title, s."saidOnPrecision"::text AS date_precision,
          CASE WHEN s."saidOnPrecision" = 'MONTH' THEN greatest(${middleOfMonth}, ${from}::date) ELSE p.at END AS chart_at
        FROM points p
        LEFT JOIN "Statement" s ON s.id = p.statement_id
        LEFT JOIN "Source" src ON src.id = s."sourceId"
        WHERE p.statement_id IS NOT NULL
      ) p
      GROUP BY p."speakerId", p."targetId"
    ),
    series_means AS MATERIALIZED (
      SELECT "speakerId", "targetId",
        json_agg(json_build_object('start', start::text, 'score', score, 'statementCount', statement_count) ORDER BY start) AS means
      FROM merged_means
      GROUP BY "speakerId", "targetId"
    )
    SELECT json_build_object(${events}
      'series', coalesce((
        SELECT json_agg(json_build_object(
          'speaker', json_build_object('id', t."speakerId", 'slug', speaker.slug, 'name', speaker.name),
          'target', json_build_object('id', target.id, 'slug', target.slug, 'name', target.name),
          'statementCount', coalesce(st.statement_count, 0), 'codingCount', t.coding_count,
          'points', coalesce(sp.points, '[]'::json), 'means', coalesce(sm.means, '[]'::json)
        ) ORDER BY tp.position, t.rank)
        FROM speaker_totals t
        JOIN target_positions tp ON tp."targetId" = t."targetId"
        JOIN "Actor" target ON target.id = t."targetId"
        JOIN "Actor" speaker ON speaker.id = t."speakerId"
        LEFT JOIN series_totals st ON st."speakerId" = t."speakerId" AND st."targetId" = t."targetId"
        LEFT JOIN series_points sp ON sp."speakerId" = t."speakerId" AND sp."targetId" = t."targetId"
        LEFT JOIN series_means sm ON sm."speakerId" = t."speakerId" AND sm."targetId" = t."targetId"
        WHERE t.rank <= ${options.maximumSeriesPerTarget}::int
      ), '[]'::json),
      'omittedSpeakers', coalesce((
        SELECT json_agg(json_build_object('targetId', "targetId", 'count', count) ORDER BY "targetId")
        FROM (
          SELECT "targetId", count(*)::int AS count FROM speaker_totals
          WHERE rank > ${options.maximumSeriesPerTarget}::int GROUP BY "targetId"
        ) omitted
      ), '[]'::json),
      'downsampled', coalesce((SELECT bool_or(merged) FROM (SELECT merged FROM merged_means UNION ALL SELECT merged FROM points) parts), false)
    )::text AS body,
    ${stanceReadChangesSeen(scope)} AS "changesSeen"`;
}

export type MatrixQueryRow = {
  speakerId: string;
  targetId: string;
  mean: number | null;
  statementCount: number;
  codingCount: number;
  previousMean: number | null;
  previousStatementCount: number;
};

/**
 * Each speaker's mean stance toward each target in the window and in the
 * window of the same length just before it. `scope.window` must span both.
 */
export function buildStanceMatrixQuery(scope: StanceQueryScope, windowStart: string, source?: StatementValueSource): Prisma.Sql {
  return Prisma.sql`
    WITH ${statementValuesCte(scope, source)}
    SELECT "speakerId", "targetId",
      avg(score) FILTER (WHERE "countedOn" >= ${windowStart}::date) AS mean,
      (count(*) FILTER (WHERE "countedOn" >= ${windowStart}::date))::int AS "statementCount",
      (coalesce(sum(coding_count) FILTER (WHERE "countedOn" >= ${windowStart}::date), 0))::int AS "codingCount",
      avg(score) FILTER (WHERE "countedOn" < ${windowStart}::date) AS "previousMean",
      (count(*) FILTER (WHERE "countedOn" < ${windowStart}::date))::int AS "previousStatementCount"
    FROM statement_values
    GROUP BY "speakerId", "targetId"`;
}

export type ShiftQueryRow = {
  speakerId: string;
  targetId: string;
  beforeStart: string;
  beforeScore: number;
  beforeStatementCount: number;
  /** Sample standard deviation of the bucket's statement values; null with one statement. */
  beforeStandardDeviation: number | null;
  afterStart: string;
  afterScore: number;
  afterStatementCount: number;
  afterStandardDeviation: number | null;
  change: number;
  /** Both buckets have at least the minimum number of statements. */
  ranked: boolean;
};

/**
 * The largest changes in a speaker's bucket mean toward a target between
 * consecutive buckets that have statements (a quiet spell in between does
 * not hide a shift): first those with at least `minimumStatements` on each
 * side, largest first, then the rest, largest first (shown as too few to rank).
 */
export function buildStanceShiftQuery(
  scope: StanceQueryScope,
  unit: TimeUnit,
  limit: number,
  minimumStatements = 1,
  source?: StatementValueSource,
): Prisma.Sql {
  return Prisma.sql`
    WITH ${statementValuesCte(scope, source)},
    bucket_means AS (
      SELECT "speakerId", "targetId", ${bucketStartOf(unit)} AS start,
        avg(score) AS score, count(*)::int AS statement_count, stddev_samp(score) AS standard_deviation
      FROM statement_values
      GROUP BY "speakerId", "targetId", ${bucketStartOf(unit)}
    ),
    consecutive AS (
      SELECT "speakerId", "targetId", start, score, statement_count, standard_deviation,
        lag(start) OVER series AS before_start, lag(score) OVER series AS before_score,
        lag(statement_count) OVER series AS before_statement_count, lag(standard_deviation) OVER series AS before_standard_deviation
      FROM bucket_means
      WINDOW series AS (PARTITION BY "speakerId", "targetId" ORDER BY start)
    ),
    changes AS (
      SELECT *, (before_statement_count >= ${minimumStatements}::int AND statement_count >= ${minimumStatements}::int) AS ranked
      FROM consecutive
      WHERE before_start IS NOT NULL AND score <> before_score
    )
    SELECT "speakerId", "targetId", to_char(before_start, 'YYYY-MM-DD') AS "beforeStart", before_score AS "beforeScore",
      before_statement_count AS "beforeStatementCount", before_standard_deviation AS "beforeStandardDeviation",
      to_char(start, 'YYYY-MM-DD') AS "afterStart", score AS "afterScore",
      statement_count AS "afterStatementCount", standard_deviation AS "afterStandardDeviation", score - before_score AS change, ranked
    FROM changes
    ORDER BY ranked DESC, abs(score - before_score) DESC, "speakerId", "targetId", start
    LIMIT ${limit}::int`;
}

export type ShiftStatementQueryRow = {
  statementId: string;
  speakerId: string;
  targetId: string;
  saidOn: string;
  score: number;
  bucketStart: string;
};

/** The statements in the given speaker × target × bucket cells, most extreme first within each. */
export function buildShiftStatementQuery(
  scope: StanceQueryScope,
  unit: TimeUnit,
  cells: { speakerId: string; targetId: string; bucketStart: string }[],
  perCell: number,
  source?: StatementValueSource,
): Prisma.Sql {
  const speakerIds = cells.map((cell) => cell.speakerId);
  const targetIds = cells.map((cell) => cell.targetId);
  const starts = cells.map((cell) => cell.bucketStart);
  return Prisma.sql`
    WITH ${statementValuesCte(scope, source)},
    wanted AS (
      SELECT * FROM unnest(${speakerIds}::text[], ${targetIds}::text[], ${starts}::date[]) AS w("speakerId", "targetId", start)
    ),
    ranked AS (
      SELECT v."statementId", v."speakerId", v."targetId", v."saidOn", v.score, w.start,
        row_number() OVER (PARTITION BY v."speakerId", v."targetId", w.start ORDER BY abs(v.score) DESC, v."saidOn", v."statementId") AS position
      FROM statement_values v
      JOIN wanted w ON w."speakerId" = v."speakerId" AND w."targetId" = v."targetId"
        AND ${bucketStartOf(unit, `v."countedOn"`)} = w.start
    )
    SELECT "statementId", "speakerId", "targetId", to_char("saidOn", 'YYYY-MM-DD') AS "saidOn", score, to_char(start, 'YYYY-MM-DD') AS "bucketStart"
    FROM ranked
    WHERE position <= ${perCell}::int
    ORDER BY "speakerId", "targetId", start, position`;
}

export type IndicatorHistoryOptions = {
  /** The first and last as-of dates to evaluate, YYYY-MM-DD. */
  firstDay: string;
  lastDay: string;
  windowDays: number;
  /** For statement counts: which statement values count. */
  scoreCondition: { comparison: "AT_LEAST" | "AT_MOST"; threshold: number } | null;
};

export type IndicatorHistoryRow = { on: string; mean: number | null; statementCount: number; countedCount: number };

/**
 * An indicator's value on each day from firstDay to lastDay: over the
 * statements said in the N days ending that day (lib/indicators/rules.ts),
 * their mean value, how many there were and how many meet the score
 * condition. `scope.window` must start N − 1 days before firstDay.
 */
export function buildIndicatorHistoryQuery(scope: StanceQueryScope, options: IndicatorHistoryOptions): Prisma.Sql {
  const condition = options.scoreCondition
    ? Prisma.sql`v.score ${Prisma.raw(options.scoreCondition.comparison === "AT_LEAST" ? ">=" : "<=")} ${options.scoreCondition.threshold}::float8`
    : Prisma.sql`true`;
  return Prisma.sql`
    WITH ${statementValuesCte(scope)},
    days AS (
      SELECT day::date AS on FROM generate_series(${options.firstDay}::date, ${options.lastDay}::date, interval '1 day') AS day
    )
    SELECT to_char(days.on, 'YYYY-MM-DD') AS on, avg(v.score) AS mean,
      count(v."statementId")::int AS "statementCount",
      (count(v."statementId") FILTER (WHERE ${condition}))::int AS "countedCount"
    FROM days
    LEFT JOIN statement_values v ON v."countedOn" BETWEEN days.on - ${options.windowDays - 1}::int AND days.on
    GROUP BY days.on
    ORDER BY days.on`;
}
