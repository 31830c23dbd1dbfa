// The per-statement value table (prisma/sql/stance-statement-values.sql) against
// what it stands for: its rows against a reference worked out from statements,
// sources, adjudications and codings directly, after every kind of write; and
// the dashboard's queries read from it ("settled") against the same queries
// reading codings ("codings", the reference path), on random data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  buildShiftStatementQuery,
  buildStanceExtentsQuery,
  buildStanceMatrixQuery,
  buildStanceSeriesQuery,
  buildStanceShiftQuery,
  manyBlindCodings,
  statementValueSourceFor,
  type SeriesQueryRow,
  type ShiftQueryRow,
  type StanceQueryScope,
  type StatementValueSource,
  wholeMonthsWithin,
} from "@/lib/dashboard/stance-sql";
import type { TimeUnit } from "@/lib/dashboard/view";
import { createActor, createSource, createStanceCoding, createStatement, createUser } from "../support/factories";
import { testLane } from "../support/lane";
import { seededGenerator } from "../support/seeded-random";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
class RolledBack extends Error {}
afterAll(() => db.$disconnect());

type ValueRow = {
  statementId: string;
  targetId: string;
  speakerId: string;
  saidOn: string;
  saidOnPrecision: string;
  countedOn: string;
  score: number;
  adjudicated: boolean;
  codingCount: number;
  directQuote: boolean;
  blindSource: boolean;
};

/** The table's rows for some targets, in a fixed order. */
function storedValues(targetIds: string[]) {
  return db.$queryRaw<ValueRow[]>`
    SELECT "statementId", "targetId", "speakerId", to_char("saidOn", 'YYYY-MM-DD') AS "saidOn", "saidOnPrecision"::text AS "saidOnPrecision",
      to_char("countedOn", 'YYYY-MM-DD') AS "countedOn", score, adjudicated, "codingCount", "directQuote", "blindSource"
    FROM "StanceStatementValue" WHERE "targetId" = ANY(${targetIds}::text[])
    ORDER BY "statementId", "targetId"`;
}

/**
 * What the table should hold, from the statements, sources and adjudications
 * themselves (not the codings' copies of them): for each live statement of a
 * live source and each target it has live codings toward, the live
 * adjudication's score, else its live codings' mean.
 */
function referenceValues(targetIds: string[]) {
  return db.$queryRaw<ValueRow[]>`
    SELECT c."statementId", c."targetId", s."speakerId", to_char(s."saidOn", 'YYYY-MM-DD') AS "saidOn", s."saidOnPrecision"::text AS "saidOnPrecision",
      to_char(CASE WHEN s."saidOnPrecision" = 'MONTH' THEN (date_trunc('month', s."saidOn") + interval '1 month - 1 day')::date ELSE s."saidOn" END,
        'YYYY-MM-DD') AS "countedOn",
      COALESCE(min(a.score)::float8, avg(c.score)::float8) AS score, min(a.score) IS NOT NULL AS adjudicated,
      count(*)::int AS "codingCount", s.form = 'DIRECT_QUOTE' AS "directQuote", src."blindCoding" AS "blindSource"
    FROM "StanceCoding" c
    JOIN "Statement" s ON s.id = c."statementId" AND s."deletedAt" IS NULL
    JOIN "Source" src ON src.id = s."sourceId" AND src."deletedAt" IS NULL
    LEFT JOIN "Adjudication" a ON a."statementId" = c."statementId" AND a."targetId" = c."targetId" AND a."deletedAt" IS NULL
    WHERE c."deletedAt" IS NULL AND c."targetId" = ANY(${targetIds}::text[])
    GROUP BY c."statementId", c."targetId", s."speakerId", s."saidOn", s."saidOnPrecision", s.form, src."blindCoding"
    ORDER BY c."statementId", c."targetId"`;
}

type MonthRow = { targetId: string; month: string; speakerId: string; counts: number[] };

/** The per-month sums for some targets, and what they should be: the settled values summed afresh. */
async function monthsAndTheirReference(targetIds: string[]): Promise<[MonthRow[], MonthRow[]]> {
  const stored = await db.$queryRaw<MonthRow[]>`
    SELECT "targetId", to_char(month, 'YYYY-MM-DD') AS month, "speakerId",
      ARRAY["codingCount", "directQuoteCodingCount", "adjudicatedCodingCount", "directQuoteAdjudicatedCodingCount"] AS counts
    FROM "StanceSpeakerMonth" WHERE "targetId" = ANY(${targetIds}::text[])
    ORDER BY 1, 2, 3`;
  const reference = await db.$queryRaw<MonthRow[]>`
    SELECT "targetId", to_char(date_trunc('month', "countedOn"), 'YYYY-MM-DD') AS month, "speakerId",
      ARRAY[sum("codingCount"), coalesce(sum("codingCount") FILTER (WHERE "directQuote"), 0),
        coalesce(sum("codingCount") FILTER (WHERE adjudicated), 0),
        coalesce(sum("codingCount") FILTER (WHERE "directQuote" AND adjudicated), 0)]::int[] AS counts
    FROM "StanceStatementValue" WHERE "targetId" = ANY(${targetIds}::text[])
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3`;
  return [stored, reference];
}

describe("the statement value table kept by triggers", () => {
  it("follows inserts, score changes, deletes, restores, adjudications, moved and deleted statements, and deleted sources", async () => {
    const speaker = await createActor(db);
    const other = await createActor(db);
    const target = await createActor(db);
    const [first, second, adjudicator] = [await createUser(db), await createUser(db), await createUser(db, "ADMIN")];
    const source = await createSource(db, "Triggers. We seek calm. We want talks.");
    const statement = await createStatement(db, { source, speakerId: speaker.id, quote: "We seek calm.", saidOn: "2024-03-05" });
    const value = async () => (await storedValues([target.id]))[0] ?? null;
    const expectReference = async () => {
      expect(await storedValues([target.id])).toEqual(await referenceValues([target.id]));
      const [months, monthsReference] = await monthsAndTheirReference([target.id]);
      expect(months).toEqual(monthsReference);
    };

    const a = await createStanceCoding(db, { statement, targetId: target.id, coderId: first.id, score: 3 });
    expect(await value()).toMatchObject({ score: 3, codingCount: 1, adjudicated: false, speakerId: speaker.id, countedOn: "2024-03-05" });
    const b = await createStanceCoding(db, { statement, targetId: target.id, coderId: second.id, score: 0 });
    expect(await value()).toMatchObject({ score: 1.5, codingCount: 2 });

    await db.stanceCoding.update({ where: { id: b.id }, data: { score: -1 } });
    expect(await value()).toMatchObject({ score: 1, codingCount: 2 });

    // A rationale alone moves nothing (the update trigger's condition leaves it out).
    await db.stanceCoding.update({ where: { id: b.id }, data: { rationale: "reconsidered" } });
    expect(await value()).toMatchObject({ score: 1, codingCount: 2 });

    const adjudication = await db.adjudication.create({
      data: { statementId: statement.id, targetId: target.id, adjudicatorId: adjudicator.id, score: -2, rationale: "settled" },
    });
    expect(await value()).toMatchObject({ score: -2, adjudicated: true, codingCount: 2 });
    await db.adjudication.update({ where: { id: adjudication.id }, data: { deletedAt: new Date() } });
    expect(await value()).toMatchObject({ score: 1, adjudicated: false });

    await db.stanceCoding.update({ where: { id: a.id }, data: { deletedAt: new Date() } });
    expect(await value()).toMatchObject({ score: -1, codingCount: 1 });
    await db.stanceCoding.update({ where: { id: b.id }, data: { deletedAt: new Date() } });
    expect(await value()).toBeNull();
    await db.stanceCoding.update({ where: { id: a.id }, data: { deletedAt: null } });
    expect(await value()).toMatchObject({ score: 3, codingCount: 1 });
    await db.stanceCoding.update({ where: { id: b.id }, data: { deletedAt: null } });
    await expectReference();

    // Moved to another speaker and a month-precision date: the composite key's cascade reaches the codings, then the value.
    await db.statement.update({
      where: { id: statement.id },
      data: { speakerId: other.id, saidOn: new Date("2024-02-01T00:00:00Z"), saidOnPrecision: "MONTH", form: "PARAPHRASE" },
    });
    expect(await value()).toMatchObject({ speakerId: other.id, saidOn: "2024-02-01", countedOn: "2024-02-29", directQuote: false });
    await expectReference();

    await db.statement.update({ where: { id: statement.id }, data: { deletedAt: new Date() } });
    expect(await value()).toBeNull();
    await db.statement.update({ where: { id: statement.id }, data: { deletedAt: null } });
    expect(await value()).toMatchObject({ score: 1, codingCount: 2 });
    await db.source.update({ where: { id: source.id }, data: { deletedAt: new Date() } });
    expect(await value()).toBeNull();
    await db.source.update({ where: { id: source.id }, data: { deletedAt: null } });
    await expectReference();

    // The source opened to every coder and made blind again: its statements' values say so (a blind coder reads them).
    await db.source.update({ where: { id: source.id }, data: { blindCoding: false } });
    expect(await value()).toMatchObject({ blindSource: false, score: 1, codingCount: 2 });
    await db.source.update({ where: { id: source.id }, data: { blindCoding: true } });
    expect(await value()).toMatchObject({ blindSource: true });
    await expectReference();

    // Moved to another target, then removed for good.
    const elsewhere = await createActor(db);
    await db.stanceCoding.update({ where: { id: b.id }, data: { targetId: elsewhere.id } });
    expect(await value()).toMatchObject({ score: 3, codingCount: 1 });
    expect(await storedValues([elsewhere.id])).toEqual([expect.objectContaining({ score: -1, codingCount: 1 })]);
    expect((await monthsAndTheirReference([elsewhere.id]))[0]).toEqual([
      { targetId: elsewhere.id, month: "2024-02-01", speakerId: other.id, counts: [1, 0, 0, 0] },
    ]);
    await db.stanceCoding.delete({ where: { id: b.id } });
    expect(await storedValues([elsewhere.id])).toEqual([]);
    expect((await monthsAndTheirReference([elsewhere.id]))[0]).toEqual([]);
    await expectReference();
  });

  it("rebuilds to the same rows the triggers kept, month sums included", async () => {
    const digest = (table: "StanceStatementValue" | "StanceSpeakerMonth") =>
      Prisma.sql`SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) AS rows FROM ${Prisma.raw(`"${table}"`)} t`;
    const both = Prisma.sql`${digest("StanceStatementValue")} UNION ALL ${digest("StanceSpeakerMonth")}`;
    // One snapshot for before and after, so other test files' writes in between cannot tell them apart.
    await db
      .$transaction(
        async (transaction) => {
          const before = await transaction.$queryRaw<{ rows: string }[]>(both);
          await transaction.$executeRaw`SELECT "stance_statement_values_rebuild"()`;
          expect(await transaction.$queryRaw<{ rows: string }[]>(both)).toEqual(before);
          // Rolled back: the rest of the run keeps the rows the triggers wrote.
          throw new RolledBack();
        },
        { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 60_000, maxWait: 30_000 },
      )
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
  });
});

describe("the dashboard's queries on settled values and on codings, random data", () => {
  const seed = Number(process.env.STANCE_VALUES_SEED ?? Date.now() % 100_000);
  const random = seededGenerator(seed);
  const world = {
    speakers: [] as string[],
    targets: [] as string[],
    blindCoder: "",
  };

  beforeAll(async () => {
    console.info(`stance value comparison: seed ${seed} (STANCE_VALUES_SEED=${seed} replays it)`);
    for (let i = 0; i < 4; i++) world.speakers.push((await createActor(db)).id);
    for (let i = 0; i < 3; i++) world.targets.push((await createActor(db)).id);
    const coders = [await createUser(db), await createUser(db), await createUser(db), await createUser(db)];
    world.blindCoder = coders[0]!.id;
    const adjudicator = await createUser(db, "ADMIN");
    const quotes = Array.from({ length: 90 }, (_, i) => `Random statement ${i}.`);
    const sources = [
      await createSource(db, `Random open. ${quotes.join(" ")}`),
      await createSource(db, `Random blind. ${quotes.join(" ")}`),
    ];
    await db.source.update({ where: { id: sources[0]!.id }, data: { blindCoding: false } });
    const statements = [];
    for (const [i, quote] of quotes.entries()) {
      // Two years, so month and week buckets, windows and the window before all have something to do.
      const day = new Date(Date.UTC(2023, 0, 1) + random.below(730) * 86_400_000).toISOString().slice(0, 10);
      const statement = await createStatement(db, {
        source: random.pick(sources),
        speakerId: random.pick(world.speakers),
        quote,
        saidOn: random.chance(0.15) ? `${day.slice(0, 8)}01` : day,
        saidOnPrecision: random.chance(0.15) ? "MONTH" : "DAY",
        form: random.chance(0.7) ? "DIRECT_QUOTE" : "PARAPHRASE",
      });
      statements.push(statement);
      for (const targetId of world.targets.filter(() => random.chance(0.5))) {
        const codersOfThis = coders.filter(() => random.chance(0.45));
        for (const coder of codersOfThis) {
          const coding = await createStanceCoding(db, {
            statement,
            targetId,
            coderId: coder.id,
            score: random.below(7) - 3,
            confidence: random.pick(["LOW", "MEDIUM", "HIGH"] as const),
          });
          if (random.chance(0.1)) await db.stanceCoding.update({ where: { id: coding.id }, data: { deletedAt: new Date() } });
          else if (random.chance(0.1)) await db.stanceCoding.update({ where: { id: coding.id }, data: { score: random.below(7) - 3 } });
        }
        if (codersOfThis.length > 1 && random.chance(0.4)) {
          const adjudication = await db.adjudication.create({
            data: { statementId: statement.id, targetId, adjudicatorId: adjudicator.id, score: random.below(7) - 3, rationale: "settled" },
          });
          if (random.chance(0.2)) await db.adjudication.update({ where: { id: adjudication.id }, data: { deletedAt: new Date() } });
        }
      }
      if (i % 9 === 0) await db.statement.update({ where: { id: statement.id }, data: { deletedAt: new Date() } });
    }
    // Statements moved to another speaker and date, and one deleted then restored.
    for (const statement of statements.filter((_, i) => i % 11 === 5)) {
      await db.statement.update({
        where: { id: statement.id },
        data: { speakerId: random.pick(world.speakers), saidOn: new Date(Date.UTC(2023, 6, 1) + random.below(300) * 86_400_000) },
      });
    }
    await db.statement.update({ where: { id: statements[9]!.id }, data: { deletedAt: null } });
  }, 240_000);

  it("has kept exactly the values the statements, sources, adjudications and codings give", async () => {
    const stored = await storedValues(world.targets);
    expect(stored.length).toBeGreaterThan(30);
    expect(stored).toEqual(await referenceValues(world.targets));
    const [months, monthsReference] = await monthsAndTheirReference(world.targets);
    expect(months.length).toBeGreaterThan(10);
    expect(months).toEqual(monthsReference);
  });

  it("splits a window into its whole months and the partial ones at its ends", () => {
    expect(wholeMonthsWithin({ from: "2024-01-01", to: "2024-03-31" })).toEqual({ first: "2024-01-01", after: "2024-04-01" });
    expect(wholeMonthsWithin({ from: "2024-01-15", to: "2024-03-30" })).toEqual({ first: "2024-02-01", after: "2024-03-01" });
    expect(wholeMonthsWithin({ from: "2024-01-15", to: "2024-02-28" })).toBeNull();
    expect(wholeMonthsWithin({ from: "2023-12-02", to: "2024-02-29" })).toEqual({ first: "2024-01-01", after: "2024-03-01" });
    // The day after 9999-12-31 as PostgreSQL reads it, not as toISOString writes it ("+010000-01-01").
    expect(wholeMonthsWithin({ from: "9999-12-01", to: "9999-12-31" })).toEqual({ first: "9999-12-01", after: "10000-01-01" });
    // The years 1 to 99 as themselves, not 1901 to 1999 (Date.UTC's reading).
    expect(wholeMonthsWithin({ from: "0001-01-15", to: "0050-06-30" })).toEqual({ first: "0001-02-01", after: "0050-07-01" });
    expect(wholeMonthsWithin({ from: "0049-12-31", to: "0050-01-30" })).toBeNull();
  });

  function randomScope(): StanceQueryScope {
    const from = new Date(Date.UTC(2022, 10, 1) + random.below(400) * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.parse(from) + (30 + random.below(500)) * 86_400_000).toISOString().slice(0, 10);
    return {
      speakerIds: random.chance(0.5) ? null : world.speakers.filter(() => random.chance(0.5)).concat(world.speakers[0]!),
      targetIds: world.targets.filter(() => random.chance(0.6)).concat(world.targets[1]!),
      window: { from, to },
      directQuotesOnly: random.chance(0.25),
      minimumConfidence: "LOW",
      adjudicatedOnly: random.chance(0.15),
      blindCoderId: random.chance(0.3) ? world.blindCoder : null,
    };
  }

  async function both<T>(build: (source: StatementValueSource) => Prisma.Sql): Promise<[T[], T[]]> {
    return [await db.$queryRaw<T[]>(build("settled")), await db.$queryRaw<T[]>(build("codings"))];
  }

  it("gives the same series, matrix, shifts and shift statements either way, for random views", async () => {
    for (let round = 0; round < 12; round++) {
      const scope = randomScope();
      const unit = random.pick(["day", "week", "month"] as const satisfies readonly TimeUnit[]);
      const width = random.pick([100, 400, 1000]);
      const maximumSeriesPerTarget = random.pick([1, 2, 8]);
      const context = JSON.stringify({ seed, round, scope, unit, width, maximumSeriesPerTarget });

      const [settledSeries, codedSeries] = await both<SeriesQueryRow>((source) =>
        buildStanceSeriesQuery(scope, { unit, width, maximumSeriesPerTarget, bucketCount: 60 }, source),
      );
      expect(sortRows(settledSeries), context).toEqual(sortRows(codedSeries));
      expectChartOrder(settledSeries, context);
      expectChartOrder(codedSeries, context);

      const windowStart = scope.window.from;
      const earlier = { ...scope, window: { from: "2022-01-01", to: scope.window.to } };
      const [settledMatrix, codedMatrix] = await both((source) => buildStanceMatrixQuery(earlier, windowStart, source));
      expect(sortRows(settledMatrix), context).toEqual(sortRows(codedMatrix));

      const [settledShifts, codedShifts] = await both<ShiftQueryRow>((source) => buildStanceShiftQuery(scope, unit, 50, 2, source));
      expect(sortRows(settledShifts), context).toEqual(sortRows(codedShifts));
      const cells = codedShifts.flatMap((shift) => [
        { speakerId: shift.speakerId, targetId: shift.targetId, bucketStart: shift.beforeStart },
        { speakerId: shift.speakerId, targetId: shift.targetId, bucketStart: shift.afterStart },
      ]);
      if (cells.length) {
        const [settledStatements, codedStatements] = await both((source) => buildShiftStatementQuery(scope, unit, cells, 3, source));
        expect(sortRows(settledStatements), context).toEqual(sortRows(codedStatements));
      }
    }
  });

  it("gives a blind coder the series, matrix and shifts everyone would get with only the codings that coder sees", async () => {
    // The reference hides what blind coding hides the plain way, inside a transaction it then rolls back: it deletes
    // the codings of blind sources' statements the coder has not coded, and reads the rest as someone who sees all.
    // Every speaker's view reads a blind coder's codings as a semi-join, named speakers' as a probe per coding.
    let [viewsWithEverySpeaker, viewsWithSeries] = [0, 0];
    for (let round = 0; round < 12; round++) {
      const scope = {
        ...randomScope(),
        speakerIds: round % 2 === 0 ? null : world.speakers.filter(() => random.chance(0.5)).concat(world.speakers[0]!),
        minimumConfidence: random.pick(["LOW", "MEDIUM"] as const),
        blindCoderId: world.blindCoder,
      };
      if (scope.speakerIds === null) viewsWithEverySpeaker += 1;
      const unit = random.pick(["day", "week", "month"] as const satisfies readonly TimeUnit[]);
      const options = { unit, width: random.pick([100, 1000]), maximumSeriesPerTarget: random.pick([1, 2, 8]), bucketCount: 60 };
      const context = JSON.stringify({ seed, round, scope, options, blindSource: round % 3 === 0 ? "codings" : "default" });
      // The blind coder's reads as the dashboard sends them (settled values at the lowest confidence), or every
      // third round from the codings; the reference always from the codings.
      const blindSource = round % 3 === 0 ? "codings" : statementValueSourceFor(scope);
      const reads = (readScope: StanceQueryScope, source: StatementValueSource) => [
        buildStanceSeriesQuery(readScope, options, source),
        buildStanceMatrixQuery({ ...readScope, window: { from: "2022-01-01", to: scope.window.to } }, scope.window.from, source),
        buildStanceShiftQuery(readScope, unit, 50, 2, source),
      ];
      const blind = [];
      for (const query of reads(scope, blindSource)) blind.push(sortRows(await db.$queryRaw<Record<string, unknown>[]>(query)));
      const reference: Record<string, unknown>[][] = [];
      await db
        .$transaction(async (transaction) => {
          const hidden = await transaction.$executeRaw`
            UPDATE "StanceCoding" c SET "deletedAt" = now()
            WHERE c."deletedAt" IS NULL AND c."blindSource" AND NOT EXISTS (
              SELECT 1 FROM "StanceCoding" mine
              WHERE mine."statementId" = c."statementId" AND mine."coderId" = ${world.blindCoder} AND mine."deletedAt" IS NULL
            )`;
          expect(hidden).toBeGreaterThan(0);
          for (const query of reads({ ...scope, blindCoderId: null }, "codings"))
            reference.push(sortRows(await transaction.$queryRaw<Record<string, unknown>[]>(query)));
          throw new RolledBack();
        })
        .catch((error: unknown) => {
          if (!(error instanceof RolledBack)) throw error;
        });
      if (blind[0]!.length > 0) viewsWithSeries += 1;
      expect(blind, context).toEqual(reference);
    }
    expect(viewsWithEverySpeaker).toBe(6);
    // A narrow random window can hold nothing the coder sees; most must hold something, or this compares nothing.
    expect(viewsWithSeries).toBeGreaterThanOrEqual(6);
  });

  it("sends views that filter codings by confidence to the codings and refuses to read them settled, blind or not", () => {
    const scope = randomScope();
    expect(statementValueSourceFor(scope)).toBe("settled");
    // A blind coder sees all of a statement's codings or none: the settled values of the statements they see answer them.
    expect(statementValueSourceFor({ ...scope, blindCoderId: world.blindCoder })).toBe("settled");
    expect(statementValueSourceFor({ ...scope, minimumConfidence: "MEDIUM" })).toBe("codings");
    expect(() => buildStanceMatrixQuery({ ...scope, minimumConfidence: "HIGH" }, scope.window.from, "settled")).toThrow(RangeError);
  });

  it("finds the same window ends as a pass over every live coding", async () => {
    for (let round = 0; round < 10; round++) {
      const speakerIds = random.chance(0.5) ? null : world.speakers.filter(() => random.chance(0.5)).concat(world.speakers[2]!);
      const targetIds = world.targets.filter(() => random.chance(0.6)).concat(world.targets[0]!);
      const saidBetween = {
        from: random.chance(0.5) ? null : `2023-${String(1 + random.below(12)).padStart(2, "0")}-10`,
        to: random.chance(0.5) ? null : `2024-${String(1 + random.below(12)).padStart(2, "0")}-20`,
      };
      // A blind coder's ends come from the codings they see, as their chart does: walked probing coding by coding
      // (as for a coder of many blind codings; this one has a few dozen) or hashing the coder's statements.
      const blindCoderId = random.chance(0.5) ? world.blindCoder : null;
      const many = round % 2 === 0 ? 1 : manyBlindCodings;
      const [extents] = await db.$queryRaw<{ first: string | null; last: string | null }[]>(
        buildStanceExtentsQuery(targetIds, speakerIds, saidBetween, blindCoderId, many),
      );
      const [reference] = await db.$queryRaw<{ first: string | null; last: string | null }[]>`
        SELECT to_char(min(c."saidOn"), 'YYYY-MM-DD') AS first,
          to_char(max(CASE WHEN c."saidOnPrecision" = 'MONTH' THEN (date_trunc('month', c."saidOn") + interval '1 month - 1 day')::date
            ELSE c."saidOn" END), 'YYYY-MM-DD') AS last
        FROM "StanceCoding" c
        WHERE c."deletedAt" IS NULL AND c."statementLive" AND c."targetId" = ANY(${targetIds}::text[])
          AND (${speakerIds}::text[] IS NULL OR c."speakerId" = ANY(${speakerIds}::text[]))
          AND (${saidBetween.from}::date IS NULL OR c."saidOn" >= ${saidBetween.from}::date)
          AND (${saidBetween.to}::date IS NULL OR c."saidOn" <= ${saidBetween.to}::date)
          AND (${blindCoderId}::text IS NULL OR c."coderId" = ${blindCoderId} OR NOT c."blindSource"
            OR c."statementId" IN (SELECT "statementId" FROM "StanceCoding" WHERE "coderId" = ${blindCoderId} AND "deletedAt" IS NULL))`;
      expect(extents, JSON.stringify({ seed, round, speakerIds, targetIds, saidBetween, blindCoderId, many })).toEqual(reference);
    }
  });
});

/**
 * Rows in a fixed order with floating-point sums rounded: the two paths add the
 * same values, but not necessarily in the same order, so the last bits may differ.
 */
/**
 * The series query's rows come ordered by target id, speaker id, kind (the
 * series row, then its points, then its means) and date: one sort key
 * (lib/dashboard/stance-sql.ts) stands for these four, so check it keeps them.
 * The test database's collation orders these ASCII ids as JavaScript does.
 */
function expectChartOrder(rows: SeriesQueryRow[], context: string) {
  const kindRank = { series: 0, point: 1, mean: 2 } as const;
  const keyOf = (row: SeriesQueryRow) => [row.targetId, row.speakerId, kindRank[row.kind], row.at ?? ""] as const;
  for (let index = 1; index < rows.length; index++) {
    const [before, after] = [keyOf(rows[index - 1]!), keyOf(rows[index]!)];
    const order = before.findIndex((part, position) => part !== after[position]);
    if (order !== -1) expect(before[order]! < after[order]!, `${context}: row ${index} out of order`).toBe(true);
  }
}

function sortRows<T>(rows: T[]): T[] {
  const rounded = rows.map((row) =>
    Object.fromEntries(
      Object.entries(row as Record<string, unknown>).map(([key, value]) => [
        key,
        // The two paths sum the same values in different orders, so a zero mean can come out as -5e-17 on one side;
        // rounded, that is -0, which toEqual tells apart from 0.
        typeof value === "number" ? Number(value.toFixed(9)) || 0 : value,
      ]),
    ),
  ) as T[];
  return rounded.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe("the kept values and counts under a parallel burst", () => {
  it("end where a reference computed afterwards says, when many coders write to one statement and its neighbours at once", async () => {
    // Eight connections writing at the same moment: the statement-level triggers of concurrent transactions must
    // neither lose an update (a count one short) nor leave a value from a snapshot that missed the other writes.
    const burst = createPrismaClient(testLane().databaseUrl, { maxConnections: 8 });
    try {
      const speaker = await createActor(db);
      const target = await createActor(db);
      const source = await createSource(db, "Burst. We seek calm. We want talks. We refuse threats.");
      const statements = await Promise.all(
        ["We seek calm.", "We want talks.", "We refuse threats."].map((quote) =>
          createStatement(db, { source, speakerId: speaker.id, quote, saidOn: "2024-05-10" }),
        ),
      );
      const coders = await Promise.all(Array.from({ length: 24 }, () => createUser(db)));
      const codings = await Promise.all(
        coders.map((coder, index) =>
          createStanceCoding(burst, { statement: statements[index % 3]!, targetId: target.id, coderId: coder.id, score: (index % 7) - 3 }),
        ),
      );
      // A second wave at once: a third of them withdrawn, a third rescored, while more arrive.
      const late = await Promise.all(Array.from({ length: 6 }, () => createUser(db)));
      await Promise.all([
        ...codings
          .filter((_, index) => index % 3 === 0)
          .map((coding) => burst.stanceCoding.update({ where: { id: coding.id }, data: { deletedAt: new Date() } })),
        ...codings
          .filter((_, index) => index % 3 === 1)
          .map((coding) => burst.stanceCoding.update({ where: { id: coding.id }, data: { score: 2 } })),
        ...late.map((coder, index) =>
          createStanceCoding(burst, { statement: statements[index % 3]!, targetId: target.id, coderId: coder.id, score: -2 }),
        ),
      ]);

      expect(await storedValues([target.id])).toEqual(await referenceValues([target.id]));
      const [months, monthsReference] = await monthsAndTheirReference([target.id]);
      expect(months).toEqual(monthsReference);
      const counts = await db.$queryRaw<{ kept: number; live: number }[]>`
        SELECT s."liveCodingCount" AS kept, (SELECT count(*)::int FROM "StanceCoding" c WHERE c."statementId" = s.id AND c."deletedAt" IS NULL) AS live
        FROM "Statement" s WHERE s.id = ANY(${statements.map((statement) => statement.id)}::text[])`;
      for (const { kept, live } of counts) expect(kept).toBe(live);
      expect(counts.map((row) => row.live).reduce((sum, live) => sum + live, 0)).toBe(24 - 8 + 6);
      const [speakerCount] = await db.$queryRaw<
        { count: number }[]
      >`SELECT "liveStatementCount" AS count FROM "Actor" WHERE id = ${speaker.id}`;
      expect(speakerCount?.count).toBe(3);
    } finally {
      await burst.$disconnect();
    }
  });
});
