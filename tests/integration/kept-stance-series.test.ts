// Charts kept and served again (lib/data/kept-stance-series.ts, docs/decisions/0050 and 0051): never once something
// they were read from has changed, whoever changed it and however, and still correct when a write was in progress
// while the chart was computed; kept through codings toward other targets, except a blind analyst's.
import pg from "pg";
import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { createStanceCoding as saveCoding, updateStanceCoding } from "@/lib/data/codings";
import { listStanceSeries, maximumSeriesPerTarget } from "@/lib/data/dashboard";
import { readKeptStanceSeries } from "@/lib/data/kept-stance-series";
import { Prisma } from "@/lib/generated/prisma/client";
import { buildStanceSeriesJsonQuery, stanceReadChangesSeen, type StanceQueryScope } from "@/lib/dashboard/stance-sql";
import { defaultDashboardView, type DashboardView } from "@/lib/dashboard/view";
import { createActor, createSource, createStanceCoding, createStatement, createUser } from "../support/factories";
import { testLane } from "../support/lane";

const isServer = inject("databaseKind") === "server";
if (!isServer && process.env.CI === "true") throw new Error("CI=true requires TEST_DATABASE_URL: kept charts are tested on a real server.");

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
const reader = { id: "reader", role: "VIEWER" as const };
const clients: pg.Client[] = [];
afterAll(() => Promise.all([db.$disconnect(), ...clients.map((client) => client.end())]));

/** Another connection, as another process or tool would write: the app's role, or the tables' owner. */
async function connect(as: "app" | "owner"): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: as === "app" ? testLane().databaseUrl : testLane().ownerDatabaseUrl });
  await client.connect();
  clients.push(client);
  return client;
}

/**
 * Narrows a statement to a shorter quote within it, moving its offsets with it: other tests check that every
 * statement's offsets cut its exact quote from its source.
 */
const narrowQuote = `UPDATE "Statement"
  SET quote = $2, "startOffset" = "startOffset" + strpos(quote, $2) - 1, "endOffset" = "startOffset" + strpos(quote, $2) - 1 + length($2)
  WHERE id = $1 AND strpos(quote, $2) > 0`;

/** One speaker's statement toward one target, coded once, and the view that charts it. */
async function chartedStatement(quote = "We will talk,") {
  const speaker = await createActor(db, { name: "Kept Speaker" });
  const target = await createActor(db, { name: "Kept Target" });
  const coder = await createUser(db);
  const source = await createSource(db, `Kept charts ${speaker.slug}. “${quote}” he said.`);
  const statement = await createStatement(db, { source, speakerId: speaker.id, quote, saidOn: "2024-05-06" });
  await createStanceCoding(db, { statement, targetId: target.id, coderId: coder.id, score: 2 });
  const view: DashboardView = {
    ...defaultDashboardView,
    speakers: [speaker.slug],
    targets: [target.slug],
    from: "2024-05-01",
    to: "2024-05-31",
    unit: "week",
  };
  return { speaker, target, coder, source, statement, view };
}

/** Each scope's count of changes, summed over the connections' rows. */
async function sumsOfChangesByScope(client: pg.Client): Promise<Record<string, bigint>> {
  const { rows } = await client.query<{ scope: string; sum: string }>(
    `SELECT scope, sum(changes)::text AS sum FROM "StanceReadChange" GROUP BY scope`,
  );
  return Object.fromEntries(rows.map((row) => [row.scope, BigInt(row.sum)]));
}

/** What a coding saved through the app carries besides its statement, target and score. */
const codingBasics = { isConditional: false, confidence: "MEDIUM" as const, rationale: "Kept charts test." };

async function firstPoint(view: DashboardView) {
  const result = await listStanceSeries(reader, view);
  const series = result.series[0]!;
  return { result, series, statement: series.points[0]!.statement! };
}

describe.skipIf(!isServer)("kept stance charts", () => {
  it("are served again while nothing changed, and never after a change to anything a chart shows", async () => {
    const world = await chartedStatement();
    const other = await connect("app");
    const first = await firstPoint(world.view);
    expect(first.statement.quote).toBe("We will talk,");
    expect(await listStanceSeries(reader, world.view)).toEqual(first.result);

    // Each change below is made outside the app, on another connection, as a script or another instance would.
    await other.query(narrowQuote, [world.statement.id, "We will talk"]);
    expect((await firstPoint(world.view)).statement.quote).toBe("We will talk");

    await other.query(`UPDATE "Source" SET title = 'Renamed article' WHERE id = $1`, [world.source.id]);
    expect((await firstPoint(world.view)).statement.sourceTitle).toBe("Renamed article");

    await other.query(`UPDATE "User" SET name = 'Renamed Coder' WHERE id = $1`, [world.coder.id]);
    expect((await firstPoint(world.view)).statement.coders).toEqual(["Renamed Coder"]);

    await other.query(`UPDATE "Actor" SET name = 'Renamed Speaker' WHERE id = $1`, [world.speaker.id]);
    expect((await firstPoint(world.view)).series.speaker.name).toBe("Renamed Speaker");

    await other.query(
      `INSERT INTO "Event" (id, slug, title, kind, "occurredOn", description, "updatedAt")
       VALUES ($1, $1, 'Talks open', 'DIPLOMATIC', '2024-05-10', 'Kept charts test.', now())`,
      [`event-kept-${world.speaker.slug}`],
    );
    expect((await firstPoint(world.view)).result.events.map((event) => event.title)).toContain("Talks open");

    const secondCoder = await createUser(db);
    await createStanceCoding(db, { statement: world.statement, targetId: world.target.id, coderId: secondCoder.id, score: -2 });
    const recoded = await firstPoint(world.view);
    expect(recoded.series.codingCount).toBe(2);
    expect(recoded.series.points[0]!.score).toBe(0);
  });

  it("see a write that was in progress while the chart was computed once it commits", async () => {
    const world = await chartedStatement();
    const writer = await connect("app");
    await writer.query("BEGIN");
    await writer.query(narrowQuote, [world.statement.id, "will talk,"]);
    // Computed and kept while the write is uncommitted: the chart cannot see it, nor the count it adds.
    expect((await firstPoint(world.view)).statement.quote).toBe("We will talk,");
    await writer.query("COMMIT");
    expect((await firstPoint(world.view)).statement.quote).toBe("will talk,");
  });

  it("are not disturbed by a write rolled back", async () => {
    const world = await chartedStatement();
    const writer = await connect("app");
    const kept = await listStanceSeries(reader, world.view);
    await writer.query("BEGIN");
    await writer.query(narrowQuote, [world.statement.id, "talk"]);
    await writer.query("ROLLBACK");
    expect(await listStanceSeries(reader, world.view)).toEqual(kept);
  });

  it("never keep an old score through a burst of readers racing the writes", async () => {
    const world = await chartedStatement();
    const writer = await connect("app");
    // Scores from −3 to 3 in an order that never repeats one twice running.
    const scores = [-3, 1, -2, 2, -1, 3, 0, -3, 2, -2, 1, 3, -1, 0, 2, -3];
    for (const score of scores) {
      const readers = Array.from({ length: 8 }, () => listStanceSeries(reader, world.view));
      // Mid-burst: some readers' statements start before the write commits, some after.
      await new Promise((resolve) => setImmediate(resolve));
      await writer.query(`UPDATE "StanceCoding" SET score = $2 WHERE "statementId" = $1`, [world.statement.id, score]);
      await Promise.all(readers);
      // Once the write has committed, whatever is served is the new score, kept or computed.
      for (let read = 0; read < 3; read += 1) expect((await firstPoint(world.view)).series.points[0]!.score).toBe(score);
    }
  });

  describe("what is served is the kept chart", () => {
    const setting = process.env.KEPT_CHARTS_MEGABYTES;
    beforeEach(() => {
      delete process.env.KEPT_CHARTS_MEGABYTES;
    });
    const changedPastTheTriggers: string[] = [];
    const retitledPastTheTriggers: string[] = [];
    afterEach(async () => {
      if (setting === undefined) delete process.env.KEPT_CHARTS_MEGABYTES;
      else process.env.KEPT_CHARTS_MEGABYTES = setting;
      // The search text and the rest the triggers keep, brought back in step for the tests after these.
      const app = await connect("app");
      await app.query(`UPDATE "Statement" SET quote = quote WHERE id = ANY($1::text[])`, [changedPastTheTriggers.splice(0)]);
      await app.query(`UPDATE "Source" SET title = title WHERE id = ANY($1::text[])`, [retitledPastTheTriggers.splice(0)]);
    });

    // A superuser who switches triggers off writes past every count and read model (the settled values too);
    // here that is the way to tell a kept chart from one computed again. The write changes one row.
    async function writePastTheTriggers(sql: string, values: unknown[]) {
      const owner = await connect("owner");
      await owner.query("BEGIN");
      await owner.query("SET LOCAL session_replication_role = replica");
      const { rowCount } = await owner.query(sql, values);
      expect(rowCount).toBe(1);
      await owner.query("COMMIT");
    }

    async function quoteChangedPastTheTriggers(statementId: string, quote: string) {
      changedPastTheTriggers.push(statementId);
      await writePastTheTriggers(narrowQuote, [statementId, quote]);
    }

    // A source's title stays past the triggers even when its statements' rows are rewritten (which recomputes
    // their search text from the quote, and so would count a quote changed past the triggers).
    async function titleChangedPastTheTriggers(sourceId: string, title: string) {
      retitledPastTheTriggers.push(sourceId);
      await writePastTheTriggers(`UPDATE "Source" SET title = $2 WHERE id = $1`, [sourceId, title]);
    }

    it("while nothing counted has changed; KEPT_CHARTS_MEGABYTES=0 keeps none", async () => {
      const world = await chartedStatement();
      expect((await firstPoint(world.view)).statement.quote).toBe("We will talk,");
      await quoteChangedPastTheTriggers(world.statement.id, "We will");
      expect((await firstPoint(world.view)).statement.quote).toBe("We will talk,");

      process.env.KEPT_CHARTS_MEGABYTES = "0";
      expect((await firstPoint(world.view)).statement.quote).toBe("We will");
    });

    it("apart for each user's blind-coding scope and each width", async () => {
      const world = await chartedStatement();
      const blindAnalyst = await createUser(db);
      const analyst = { id: blindAnalyst.id, role: "ANALYST" as const };
      // The source codes blind: an analyst who has not coded the statement sees no coding of it.
      expect((await listStanceSeries(analyst, world.view)).series).toEqual([]);
      expect((await firstPoint(world.view)).series.codingCount).toBe(1);
      await quoteChangedPastTheTriggers(world.statement.id, "We will");
      expect((await listStanceSeries(analyst, world.view)).series).toEqual([]);
      expect((await listStanceSeries(reader, world.view, { width: 640 })).series[0]!.points[0]!.statement!.quote).toBe("We will");
    });

    it("through the app's codings toward other targets, which rewrite only the statement's coding count", async () => {
      const world = await chartedStatement();
      const otherTarget = await createActor(db, { name: "Kept Other Target" });
      const analyst = { id: (await createUser(db)).id, role: "ANALYST" as const };
      const codingCount = async () =>
        (await db.statement.findUniqueOrThrow({ where: { id: world.statement.id }, select: { liveCodingCount: true } })).liveCodingCount;
      expect((await firstPoint(world.view)).statement.sourceTitle).toBe(world.source.title);
      await titleChangedPastTheTriggers(world.source.id, "Retitled past the triggers");

      const counted = await codingCount();
      const coding = await saveCoding(analyst, { statementId: world.statement.id, targetId: otherTarget.id, score: -1, ...codingBasics });
      await updateStanceCoding(analyst, coding.id, { version: coding.version, score: -2, ...codingBasics });
      // The statement's row was rewritten (its coding count), its settled values and speaker months toward the
      // other target too: none of it is in this chart, which is served as kept.
      expect(await codingCount()).toBe(counted + 1);
      expect((await firstPoint(world.view)).statement.sourceTitle).toBe(world.source.title);

      // A coding toward the chart's own target is in it: computed again.
      await saveCoding(analyst, { statementId: world.statement.id, targetId: world.target.id, score: 0, ...codingBasics });
      const recoded = await firstPoint(world.view);
      expect(recoded.statement.sourceTitle).toBe("Retitled past the triggers");
      expect(recoded.series.codingCount).toBe(2);
    });

    it("never through a blind analyst's own coding toward another target, which shows them others' codings", async () => {
      const world = await chartedStatement();
      const otherTarget = await createActor(db, { name: "Kept Blind Other Target" });
      const analyst = { id: (await createUser(db)).id, role: "ANALYST" as const };
      // The source codes blind: until the analyst codes the statement, they see no one's coding of it.
      expect((await listStanceSeries(analyst, world.view)).series).toEqual([]);
      await saveCoding(analyst, { statementId: world.statement.id, targetId: otherTarget.id, score: 1, ...codingBasics });
      // Coded toward another target, the statement's codings toward this one are theirs to see.
      const seen = await listStanceSeries(analyst, world.view);
      expect(seen.series.map((series) => series.codingCount)).toEqual([1]);
    });

    it("for the same speakers named in any order", async () => {
      const world = await chartedStatement();
      const secondSpeaker = await createActor(db, { name: "Kept Second Speaker" });
      const view = { ...world.view, speakers: [world.speaker.slug, secondSpeaker.slug] };
      expect((await firstPoint(view)).statement.sourceTitle).toBe(world.source.title);
      await titleChangedPastTheTriggers(world.source.id, "Retitled past the triggers");
      // The other order makes the same statement, so the kept chart answers it.
      const reversed = { ...view, speakers: [secondSpeaker.slug, world.speaker.slug] };
      expect((await firstPoint(reversed)).statement.sourceTitle).toBe(world.source.title);
    });

    it("never when the chart's statement saw no figure of changes to compare with", async () => {
      let computed = 0;
      const read = () =>
        readKeptStanceSeries(db, Prisma.sql`SELECT 'a chart with no figure'`, Prisma.sql`NULL::text`, async () => {
          computed += 1;
          return { body: `computed ${computed}`, changesSeen: null as unknown as string };
        });
      expect(await read()).toBe("computed 1");
      expect(await read()).toBe("computed 2");
    });

    it("under a figure that starts with the server's start, which a database rewound under the app cannot repeat", async () => {
      const world = await chartedStatement();
      const app = await connect("app");
      const scope = { targetIds: [world.target.id], blindCoderId: null };
      const figure = stanceReadChangesSeen(scope);
      const { rows } = await app.query<{ seen: string; started: string }>(
        `SELECT ${figure.text} AS seen, extract(epoch FROM pg_postmaster_start_time())::text AS started`,
        figure.values,
      );
      // A restored snapshot, a promoted standby or a server rebuilt from scratch keeps the database's oid and the
      // count table's file, and its sum comes back as writes resume; its start differs.
      expect(rows[0]!.seen.startsWith(`${rows[0]!.started}:`)).toBe(true);
    });

    it("up to KEPT_CHARTS_MEGABYTES, the least recently served going first", async () => {
      process.env.KEPT_CHARTS_MEGABYTES = "1";
      // The tooltip carries the 54 KB quote: each chart takes about 110 KB kept (UTF-16), so 1 MiB holds nine.
      const world = await chartedStatement(`We will talk, ${"and talk ".repeat(6000)}for ever.`);
      const quoteAt = async (width: number) =>
        (await listStanceSeries(reader, world.view, { width })).series[0]!.points[0]!.statement!.quote;
      const widths = Array.from({ length: 12 }, (_, index) => 200 + index);
      for (const width of widths.slice(0, 6)) await quoteAt(width);
      await quoteAt(widths[0]!);
      for (const width of widths.slice(6)) await quoteAt(width);
      // Kept in order of last service: 1, 2, 3, 4, 5, 0, 6 … 11; twelve do not fit, so 1, 2 and 3 went.
      await quoteChangedPastTheTriggers(world.statement.id, "We will");
      expect(await quoteAt(widths[11]!)).toMatch(/^We will talk, and talk/);
      expect(await quoteAt(widths[0]!)).toMatch(/^We will talk, and talk/);
      expect(await quoteAt(widths[4]!)).toMatch(/^We will talk, and talk/);
      expect(await quoteAt(widths[3]!)).toBe("We will");
      expect(await quoteAt(widths[1]!)).toBe("We will");
    });
  });

  it("are told of writes to every table the series statement reads, in each of its forms", async () => {
    const scopes: StanceQueryScope[] = [
      {
        speakerIds: null,
        targetIds: ["t"],
        window: { from: "2024-01-01", to: "2024-12-31" },
        directQuotesOnly: false,
        minimumConfidence: "LOW",
        adjudicatedOnly: false,
        blindCoderId: null,
      },
      {
        speakerIds: ["s"],
        targetIds: ["t"],
        window: { from: "2024-01-01", to: "2024-12-31" },
        directQuotesOnly: true,
        minimumConfidence: "LOW",
        adjudicatedOnly: true,
        blindCoderId: null,
      },
      {
        speakerIds: null,
        targetIds: ["t"],
        window: { from: "2024-01-03", to: "2024-12-30" },
        directQuotesOnly: false,
        minimumConfidence: "HIGH",
        adjudicatedOnly: false,
        blindCoderId: "u",
      },
      {
        speakerIds: ["s"],
        targetIds: ["t"],
        window: { from: "2024-01-01", to: "2024-12-31" },
        directQuotesOnly: false,
        minimumConfidence: "MEDIUM",
        adjudicatedOnly: false,
        blindCoderId: "u",
      },
    ];
    const tablesRead = new Set<string>();
    for (const scope of scopes)
      for (const withEvents of [false, true]) {
        const { text, sql } = buildStanceSeriesJsonQuery(scope, {
          unit: "week",
          width: 800,
          maximumSeriesPerTarget,
          bucketCount: 53,
          withEvents,
        });
        // The figure a chart is kept under comes from the chart's own statement, so from its own snapshot.
        expect(sql).toContain(stanceReadChangesSeen(scope).sql);
        for (const [, table] of text.matchAll(/\b(?:FROM|JOIN)\s+"([A-Za-z]+)"/g)) tablesRead.add(table!);
      }
    expect(tablesRead.size).toBeGreaterThanOrEqual(8);
    const owner = await connect("owner");
    // Every kind of write to each table: INSERT (4), DELETE (8), UPDATE (16) and TRUNCATE (32) in pg_trigger's tgtype.
    const { rows } = await owner.query<{ table: string; events: number }>(
      `SELECT c.relname AS table, bit_or(t.tgtype::int & 60) AS events
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
       WHERE p.proname IN ('stance_read_changed', 'stance_read_target_changed', 'stance_read_rows_changed')
         AND t.tgenabled = 'O' AND t.tgtype::int & 1 = 0
       GROUP BY c.relname`,
    );
    const counted = new Map(rows.map((row) => [row.table, row.events]));
    // The count table itself is read, and written only by these triggers.
    const uncounted = [...tablesRead].filter((table) => counted.get(table) !== 60 && table !== "StanceReadChange");
    expect(uncounted).toEqual([]);
  });

  it("keep every scope's count when the connections' rows are folded together, past a write in progress", async () => {
    const app = await connect("app");
    const owner = await connect("owner");
    const writer = await connect("app");
    const sumsOfChanges = () => sumsOfChangesByScope(app);
    const world = await chartedStatement();
    // Rows left by connections long closed (process ids no live connection has), in the empty scope and in five
    // targets' scopes, and a write in progress.
    await owner.query(
      `INSERT INTO "StanceReadChange" (slot, scope, changes)
       SELECT -n, CASE WHEN n % 3 = 0 THEN '' ELSE 'fold-target-' || (n % 5) END, n FROM generate_series(1, 80) AS n`,
    );
    // The writer's connection has written before (its row is committed) and is writing again: its row is locked.
    const touchSpeaker = `UPDATE "Actor" SET version = version + 1 WHERE id = $1`;
    await writer.query(touchSpeaker, [world.speaker.id]);
    await writer.query("BEGIN");
    await writer.query(touchSpeaker, [world.speaker.id]);
    const writerSlot = (await writer.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    const kept = await listStanceSeries(reader, world.view);
    const before = await sumsOfChanges();

    // Served again: the read of the count sees more than 64 rows and folds them, skipping the one the writer holds.
    expect(await listStanceSeries(reader, world.view)).toEqual(kept);
    const left = await app.query<{ slot: number }>(`SELECT slot FROM "StanceReadChange" WHERE slot <> 0 ORDER BY slot`);
    expect(left.rows.map((row) => row.slot)).toEqual([writerSlot]);
    expect(await sumsOfChanges()).toEqual(before);
    expect(await listStanceSeries(reader, world.view)).toEqual(kept);

    await writer.query("COMMIT");
    expect(await sumsOfChanges()).toEqual({ ...before, "": before[""]! + 1n });
  });

  it("fold only the connections' rows, however many scopes have been folded before", async () => {
    const app = await connect("app");
    const owner = await connect("owner");
    const world = await chartedStatement();
    await app.query(`SELECT "stance_read_changes_fold"()`);
    // More folded scopes than the limit of rows, and one row of a connection long closed.
    await owner.query(
      `INSERT INTO "StanceReadChange" (slot, scope, changes)
       SELECT 0, 'folded-before-' || n, n FROM generate_series(1, 80) AS n
       UNION ALL SELECT -1, 'folded-before-1', 1`,
    );
    try {
      const kept = await listStanceSeries(reader, world.view);
      expect(await listStanceSeries(reader, world.view)).toEqual(kept);
      // Served again without a fold: the closed connection's row is still its own.
      const closed = await app.query(`SELECT changes FROM "StanceReadChange" WHERE slot = -1 AND scope = 'folded-before-1'`);
      expect(closed.rows).toEqual([{ changes: "1" }]);
    } finally {
      await owner.query(`DELETE FROM "StanceReadChange" WHERE scope LIKE 'folded-before-%'`);
    }
  });

  it("fold from many connections at once, every scope's count kept", async () => {
    const owner = await connect("owner");
    const folders = await Promise.all(Array.from({ length: 6 }, () => connect("app")));
    const sumsOfChanges = () => sumsOfChangesByScope(owner);
    for (let round = 0; round < 5; round += 1) {
      // Rows of many scopes, folded by six connections at once (one fold at a time does the work, decision 0051).
      await owner.query(
        `INSERT INTO "StanceReadChange" (slot, scope, changes)
         SELECT -n, 'fold-race-' || (n % 40), 1 FROM generate_series(1, 400) AS n
         ON CONFLICT (slot, scope) DO UPDATE SET changes = "StanceReadChange".changes + 1`,
      );
      const before = await sumsOfChanges();
      await Promise.all(folders.map((folder) => folder.query(`SELECT "stance_read_changes_fold"()`)));
      expect(await sumsOfChanges()).toEqual(before);
    }
  });
});
