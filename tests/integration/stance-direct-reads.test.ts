// The stance chart's reads go through node-postgres (readRows) rather than Prisma
// (docs/benchmarks.md, "Where a stance request's time goes"). What they return must
// be exactly what they returned through Prisma: the same builders' SQL through
// both, and the actor and event reads against the Prisma queries they replace,
// on random data and random views; then the data layer's answers built on them.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { readRows } from "@/lib/database/direct-sql";
import { withDatabase } from "@/lib/database/client";
import {
  buildStanceExtentsQuery,
  buildStanceSeriesJsonQuery,
  buildStanceSeriesQuery,
  buildTrackedTargetsWithExtentsQuery,
  statementValueSourceFor,
  type SeriesQueryRow,
  type StanceQueryScope,
} from "@/lib/dashboard/stance-sql";
import { defaultDashboardView, type DashboardView, type TimeUnit } from "@/lib/dashboard/view";
import { listStanceSeries, listStanceShifts } from "@/lib/data/dashboard";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { StanceSeriesResult } from "@/lib/dashboard/types";
import { isoFromDate } from "@/lib/validation";
import { createActor, createSource, createStanceCoding, createStatement, createUser } from "../support/factories";
import { testLane } from "../support/lane";
import { seededGenerator } from "../support/seeded-random";
import { seriesFromRows } from "../support/series-from-rows";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 3 });
afterAll(() => db.$disconnect());

const seed = Number(process.env.STANCE_READS_SEED ?? Date.now() % 100_000);
const random = seededGenerator(seed);
const world = {
  speakers: [] as { id: string; slug: string }[],
  targets: [] as { id: string; slug: string }[],
  coders: [] as { id: string }[],
};
const day = (offset: number) => new Date(Date.UTC(2023, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  console.info(`stance direct reads: seed ${seed} (STANCE_READS_SEED=${seed} replays it)`);
  // Names with accents, quotes and mixed case, so ordering by name and text columns are exercised.
  const names = ["Zoë Alpha", "ángel Beta", "O'Brien Gamma", "delta", "Émile Epsilon", "Żeta"];
  for (let i = 0; i < 4; i++) world.speakers.push(await createActor(db, { name: `${random.pick(names)} ${i}` }));
  for (let i = 0; i < 3; i++) world.targets.push(await createActor(db, { name: `${random.pick(names)} target ${i}` }));
  for (const target of world.targets) await db.actor.update({ where: { id: target.id }, data: { isTrackedTarget: random.chance(0.7) } });
  for (let i = 0; i < 3; i++) world.coders.push(await createUser(db, random.pick(["ANALYST", "ADMIN"] as const)));
  const quotes = Array.from({ length: 50 }, (_, i) => `Random “statement” ${i}, with 'quotes' and ünïcode.`);
  const sources = [await createSource(db, `Open. ${quotes.join(" ")}`), await createSource(db, `Blind. ${quotes.join(" ")}`)];
  await db.source.update({ where: { id: sources[0]!.id }, data: { blindCoding: false } });
  for (const quote of quotes) {
    const said = day(random.below(730));
    const statement = await createStatement(db, {
      source: random.pick(sources),
      speakerId: random.pick(world.speakers).id,
      quote,
      saidOn: random.chance(0.15) ? `${said.slice(0, 8)}01` : said,
      saidOnPrecision: random.chance(0.15) ? "MONTH" : "DAY",
      form: random.chance(0.7) ? "DIRECT_QUOTE" : "PARAPHRASE",
    });
    for (const target of world.targets.filter(() => random.chance(0.5))) {
      for (const coder of world.coders.filter(() => random.chance(0.5))) {
        await createStanceCoding(db, {
          statement,
          targetId: target.id,
          coderId: coder.id,
          score: random.below(7) - 3,
          confidence: random.pick(["LOW", "MEDIUM", "HIGH"] as const),
        });
      }
    }
  }
  for (let i = 0; i < 12; i++) {
    const event = await db.event.create({
      data: {
        slug: `direct-reads-${seed}-${i}-${Math.random().toString(36).slice(2, 8)}`,
        title: `${random.pick(names)} event ${random.below(5)}`,
        kind: random.pick(["ATTACK", "DIPLOMATIC", "ELECTION", "AGREEMENT"] as const),
        occurredOn: new Date(`${day(random.below(730))}T00:00:00Z`),
        description: random.chance(0.5) ? "" : "What happened, “quoted”.",
      },
    });
    if (random.chance(0.2)) await db.event.update({ where: { id: event.id }, data: { deletedAt: new Date() } });
  }
}, 240_000);

function randomScope(): StanceQueryScope {
  const from = day(random.below(400) - 60);
  const to = day(random.below(400) + 300);
  return {
    speakerIds: random.chance(0.5) ? null : world.speakers.filter(() => random.chance(0.5)).map((speaker) => speaker.id),
    targetIds: world.targets.filter(() => random.chance(0.7)).map((target) => target.id),
    window: { from, to },
    directQuotesOnly: random.chance(0.25),
    minimumConfidence: random.pick(["LOW", "LOW", "MEDIUM", "HIGH"] as const),
    adjudicatedOnly: random.chance(0.1),
    blindCoderId: random.chance(0.3) ? random.pick(world.coders).id : null,
  };
}

/** What `work` resolved to and how many statements it sent (every read goes through node-postgres's Client.query). */
async function countingQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  let queries = 0;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    queries += 1;
    return original.apply(this, args);
  };
  try {
    return { result: await work(), queries };
  } finally {
    prototype.query = original;
  }
}

async function throughBoth<Row extends Record<string, unknown>>(query: Prisma.Sql): Promise<[Row[], Row[]]> {
  return [await db.$queryRaw<Row[]>(query), await readRows<Row>(db, query)];
}

describe("the stance chart's reads through node-postgres, on random data", () => {
  it("return the series rows Prisma returned for the same query, value for value and in the same order", async () => {
    let rowsCompared = 0;
    for (let round = 0; round < 20; round++) {
      const scope = randomScope();
      if (scope.targetIds.length === 0) continue;
      const unit = random.pick(["day", "week", "month"] as const satisfies readonly TimeUnit[]);
      const options = { unit, width: random.pick([100, 400, 1200]), maximumSeriesPerTarget: random.pick([1, 2, 8]), bucketCount: 60 };
      const [throughPrisma, direct] = await throughBoth(buildStanceSeriesQuery(scope, options));
      expect(direct, JSON.stringify({ seed, round, scope, options })).toStrictEqual(throughPrisma.map((row) => ({ ...row })));
      rowsCompared += direct.length;
    }
    expect(rowsCompared).toBeGreaterThan(50);
  });

  it("shape the series into the chart's JSON in PostgreSQL as the data layer once did from the rows in JavaScript", async () => {
    const actors = await db.actor.findMany({ select: { id: true, slug: true, name: true } });
    const actorsById = new Map(actors.map((actor) => [actor.id, actor]));
    let pointsCompared = 0;
    let monthPointsCompared = 0;
    let omittedCompared = 0;
    let downsampledViews = 0;
    for (let round = 0; round < 30; round++) {
      // The first view is all speakers over the whole data, one series per target in 10 pixels: speakers left out, merged points.
      const scope =
        round === 0
          ? {
              ...randomScope(),
              speakerIds: null,
              targetIds: world.targets.map((target) => target.id),
              window: { from: day(-60), to: day(800) },
            }
          : randomScope();
      if (scope.targetIds.length === 0) continue;
      // The view's order of targets, not the database's, orders the series.
      scope.targetIds = random.chance(0.5) ? scope.targetIds.reverse() : scope.targetIds;
      const unit = random.pick(["day", "week", "month"] as const satisfies readonly TimeUnit[]);
      // A width of 10 pixels merges most series' points.
      const options = {
        unit,
        width: round === 0 ? 10 : random.pick([10, 100, 400, 1200]),
        maximumSeriesPerTarget: round === 0 ? 1 : random.pick([1, 2, 8]),
        bucketCount: 60,
      };
      // From the settled values where the view allows them, else from the codings, and sometimes from the codings anyway.
      const source = statementValueSourceFor(scope) === "settled" && random.chance(0.5) ? "settled" : "codings";
      const rows = await readRows<SeriesQueryRow>(db, buildStanceSeriesQuery(scope, options, source));
      const [{ body }] = (await readRows<{ body: string }>(db, buildStanceSeriesJsonQuery(scope, options, source))) as [{ body: string }];
      const targets = scope.targetIds.map((id) => actorsById.get(id)!);
      const expected = seriesFromRows(rows, targets, scope.window);
      expect(JSON.parse(body), JSON.stringify({ seed, round, scope, options, source })).toStrictEqual(expected);
      const points = expected.series.flatMap((series) => series.points);
      pointsCompared += points.length;
      monthPointsCompared += points.filter((point) => point.statement?.datePrecision === "MONTH").length;
      omittedCompared += expected.omittedSpeakers.length;
      if (expected.downsampled) downsampledViews += 1;
    }
    // The random views reached every branch: many points, month-precision ones, speakers left out, merged points.
    expect(pointsCompared).toBeGreaterThan(100);
    expect(monthPointsCompared).toBeGreaterThan(0);
    expect(omittedCompared).toBeGreaterThan(0);
    expect(downsampledViews).toBeGreaterThan(0);
  });

  it("carry hostile text through PostgreSQL's JSON unchanged: quotes, backslashes, control characters, line separators", async () => {
    const hostile = `He said "no" \\ then\ttabbed\u0001\u001f, </script><script>alert(1)</script> \u2028\u2029 😀 ünï “end”`;
    const source = await createSource(db, `Reported: ${hostile} (wire)`);
    const speaker = await createActor(db, { name: `Hostile "speaker" \\ </script>` });
    const target = await createActor(db, { name: `Target \u2028 ${seed}` });
    const statement = await createStatement(db, { source, speakerId: speaker.id, quote: hostile, saidOn: "2023-03-03" });
    await createStanceCoding(db, { statement, targetId: target.id, coderId: world.coders[0]!.id, score: 2 });
    // Event markers come in the series' statement too.
    const event = await db.event.create({
      data: {
        slug: `hostile-${seed}`,
        title: hostile,
        kind: "OTHER",
        occurredOn: new Date("2023-03-04T00:00:00Z"),
        description: `${hostile}\n`,
      },
    });
    const reader = { id: "reader", role: "VIEWER" as const };
    const view: DashboardView = {
      ...defaultDashboardView,
      speakers: [speaker.slug],
      targets: [target.slug],
      from: "2023-01-01",
      to: "2023-12-31",
    };
    const result = await withDatabase(db, () => listStanceSeries(reader, view));
    const [series] = result.series;
    expect(series?.speaker.name).toBe(speaker.name);
    expect(series?.target.name).toBe(target.name);
    expect(series?.points.map((point) => point.statement?.quote)).toEqual([hostile]);
    expect(result.events.find((marker) => marker.id === event.id)).toStrictEqual({
      id: event.id,
      slug: event.slug,
      title: hostile,
      kind: "OTHER",
      occurredOn: "2023-03-04",
      description: `${hostile}\n`,
    });
    await db.event.delete({ where: { id: event.id } });
  });

  it("send a view's events in the series' statement even when it charts no target", async () => {
    const window = { from: day(0), to: day(729) };
    const scope: StanceQueryScope = { ...randomScope(), targetIds: [], window };
    const options = { unit: "week" as const, width: 400, maximumSeriesPerTarget: 8, bucketCount: 105, withEvents: true };
    const [{ body }] = (await readRows<{ body: string }>(db, buildStanceSeriesJsonQuery(scope, options))) as [{ body: string }];
    const events = await db.event.findMany({
      where: { deletedAt: null, occurredOn: { gte: new Date(`${window.from}T00:00:00Z`), lte: new Date(`${window.to}T00:00:00Z`) } },
      select: { id: true, slug: true, title: true, kind: true, occurredOn: true, description: true },
      orderBy: [{ occurredOn: "asc" }, { title: "asc" }],
    });
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.parse(body)).toStrictEqual({
      events: events.map((event) => ({ ...event, occurredOn: isoFromDate(event.occurredOn) })),
      series: [],
      omittedSpeakers: [],
      downsampled: false,
    });
  });

  // The chart's JSON writes dates as date::text, whose form follows the session's DateStyle. A database set to
  // another style (an operator's choice, or a server in another locale) must not change what the chart receives.
  // On a server only: the embedded database is one session, which a database's setting never reaches.
  it.runIf(inject("databaseKind") === "server")(
    "write the chart's dates as YYYY-MM-DD even where the database's own DateStyle is another",
    async () => {
      const owner = new pg.Client({ connectionString: testLane().ownerDatabaseUrl });
      await owner.connect();
      const { name } = (await owner.query<{ name: string }>(`SELECT current_database() AS name`)).rows[0]!;
      const quotedName = `"${name.replaceAll('"', '""')}"`;
      await owner.query(`ALTER DATABASE ${quotedName} SET DateStyle = 'SQL, DMY'`);
      // Connections opened from now on start with the database's style, unless they set their own.
      const fresh = createPrismaClient(testLane().databaseUrl, { maxConnections: 1 });
      const plain = new pg.Client({ connectionString: testLane().databaseUrl });
      try {
        await plain.connect();
        expect((await plain.query<{ day: string }>(`SELECT DATE '2024-03-05'::text AS day`)).rows[0]!.day).toBe("05/03/2024");
        const scope: StanceQueryScope = {
          speakerIds: null,
          targetIds: world.targets.map((target) => target.id),
          window: { from: day(0), to: day(729) },
          directQuotesOnly: false,
          minimumConfidence: "LOW",
          adjudicatedOnly: false,
          blindCoderId: null,
        };
        const options = { unit: "month" as const, width: 1200, maximumSeriesPerTarget: 8, bucketCount: 25, withEvents: true };
        const [{ body }] = (await readRows<{ body: string }>(fresh, buildStanceSeriesJsonQuery(scope, options))) as [{ body: string }];
        const chart = JSON.parse(body) as Pick<StanceSeriesResult, "series" | "omittedSpeakers" | "downsampled" | "events">;
        const points = chart.series.flatMap((series) => series.points);
        const dates = {
          events: chart.events.map((event) => event.occurredOn),
          points: points.map((point) => point.at),
          statements: points.flatMap((point) => point.statement?.saidOn ?? []),
          means: chart.series.flatMap((series) => series.means.map((mean) => mean.start)),
        };
        for (const [kind, written] of Object.entries(dates)) {
          expect(written.length, kind).toBeGreaterThan(0);
          expect(
            written.filter((date) => !/^\d{4}-\d{2}-\d{2}$/.test(date)),
            kind,
          ).toEqual([]);
        }
        // And the same chart as the rows, whose dates to_char writes, give.
        const rows = await readRows<SeriesQueryRow>(fresh, buildStanceSeriesQuery(scope, options));
        const targets = await db.actor.findMany({ where: { id: { in: scope.targetIds } }, select: { id: true, slug: true, name: true } });
        const byId = new Map(targets.map((target) => [target.id, target]));
        expect({ series: chart.series, omittedSpeakers: chart.omittedSpeakers, downsampled: chart.downsampled }).toStrictEqual(
          seriesFromRows(
            rows,
            scope.targetIds.map((id) => byId.get(id)!),
            scope.window,
          ),
        );
      } finally {
        await plain.end();
        await fresh.$disconnect();
        await owner.query(`ALTER DATABASE ${quotedName} RESET DateStyle`);
        await owner.end();
      }
    },
  );

  it("return the window ends Prisma returned", async () => {
    for (let round = 0; round < 10; round++) {
      const scope = randomScope();
      const saidBetween = { from: random.chance(0.5) ? null : scope.window.from, to: random.chance(0.5) ? null : scope.window.to };
      const [throughPrisma, direct] = await throughBoth(
        buildStanceExtentsQuery(
          world.targets.map((target) => target.id),
          scope.speakerIds,
          saidBetween,
          scope.blindCoderId,
        ),
      );
      expect(direct, JSON.stringify({ seed, round })).toStrictEqual(throughPrisma.map((row) => ({ ...row })));
      // The tracked targets given as a query (the default view's combined read) rather than as ids.
      const trackedIds = (await db.actor.findMany({ where: { isTrackedTarget: true, deletedAt: null }, select: { id: true } })).map(
        (actor) => actor.id,
      );
      const [[byIds], [byQuery]] = await Promise.all([
        readRows(db, buildStanceExtentsQuery(trackedIds, scope.speakerIds, saidBetween, scope.blindCoderId)),
        readRows(db, buildTrackedTargetsWithExtentsQuery(scope.speakerIds, saidBetween, scope.blindCoderId)),
      ]);
      expect({ first: byQuery!.first, last: byQuery!.last }, JSON.stringify({ seed, round })).toStrictEqual(byIds);
    }
  });

  it("give the same targets, speakers and events as the Prisma queries they replace", async () => {
    const view: DashboardView = { ...defaultDashboardView };
    const reader = { id: "reader", role: "VIEWER" as const };
    for (let round = 0; round < 8; round++) {
      const from = day(random.below(500));
      const to = day(random.below(300) + 450);
      const result = await withDatabase(db, () => listStanceSeries(reader, { ...view, from, to }));
      // What listStanceSeries read through Prisma before (lib/data/dashboard.ts at b617386).
      const tracked = await db.actor.findMany({
        where: { isTrackedTarget: true, deletedAt: null },
        select: { id: true, slug: true, name: true },
        orderBy: { name: "asc" },
      });
      const events = await db.event.findMany({
        where: { deletedAt: null, occurredOn: { gte: new Date(`${from}T00:00:00Z`), lte: new Date(`${to}T00:00:00Z`) } },
        select: { id: true, slug: true, title: true, kind: true, occurredOn: true, description: true },
        orderBy: [{ occurredOn: "asc" }, { title: "asc" }],
      });
      expect(result.targets, `${seed}/${round}`).toStrictEqual(tracked);
      expect(result.events, `${seed}/${round}`).toStrictEqual(
        events.map((event) => ({ ...event, occurredOn: isoFromDate(event.occurredOn) })),
      );
      for (const series of result.series) {
        const speaker = await db.actor.findUniqueOrThrow({
          where: { id: series.speaker.id },
          select: { id: true, slug: true, name: true },
        });
        expect(series.speaker).toStrictEqual(speaker);
      }
    }
    // Named actors: found by slug, in the view's order of targets, unknown ones refused.
    const named = world.targets.slice(0, 2);
    const result = await withDatabase(db, () =>
      listStanceSeries(reader, { ...view, targets: named.map((target) => target.slug), speakers: [world.speakers[0]!.slug] }),
    );
    expect(result.targets.map((target) => target.id)).toEqual(named.map((target) => target.id));
    await expect(withDatabase(db, () => listStanceSeries(reader, { ...view, targets: ["no-such-actor"] }))).rejects.toThrow(
      /No actor is known by “no-such-actor”/,
    );
  });

  it("reads the default view's targets and window ends in one statement, with the same answer as naming those targets", async () => {
    const reader = { id: "reader", role: "VIEWER" as const };
    const tracked = await db.actor.findMany({
      where: { isTrackedTarget: true, deletedAt: null },
      select: { slug: true },
      orderBy: { name: "asc" },
    });
    for (let round = 0; round < 6; round++) {
      const view: DashboardView = {
        ...defaultDashboardView,
        speakers: random.chance(0.5) ? [] : [random.pick(world.speakers).slug],
        from: random.chance(0.3) ? day(random.below(300)) : null,
        to: random.chance(0.3) ? day(random.below(300) + 400) : null,
      };
      const { result: combined, queries } = await countingQueries(() => withDatabase(db, () => listStanceSeries(reader, view)));
      const named = await withDatabase(db, () => listStanceSeries(reader, { ...view, targets: tracked.map((target) => target.slug) }));
      expect(combined, JSON.stringify({ seed, round, view })).toStrictEqual(named);
      // Speakers named: their ids; then the targets with the window's ends; then the series with the events.
      expect(queries, JSON.stringify(view)).toBe(view.speakers.length ? 3 : 2);
    }
  });

  it("still refuses the anonymous before reading anything", async () => {
    await expect(withDatabase(db, () => listStanceSeries(null, defaultDashboardView))).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(withDatabase(db, () => listStanceShifts(null, defaultDashboardView))).rejects.toBeInstanceOf(PermissionDeniedError);
  });
});
