// Times the stance-series read two ways: through the app's data layer
// (renderStanceSeries, as the endpoint calls it) and as the very SQL it sends,
// through a plain pg.Client. The difference is the data layer's own cost.
import type pg from "pg";
import type { ActingUser } from "../../lib/auth/permissions";
import { maximumSeriesPerTarget, renderStanceSeries } from "../../lib/data/dashboard";
import { buildStanceSeriesJsonQuery } from "../../lib/dashboard/stance-sql";
import { defaultDashboardView, type DashboardView } from "../../lib/dashboard/view";
import { forgetKeptStanceSeries } from "../../lib/data/kept-stance-series";
import { withDatabase } from "../../lib/database/client";
import type { Database } from "../../lib/database/prisma";
import { captureQueries, describeQuery, replayQueries, type CapturedQuery } from "./query-capture";
import { summariseTimings, timeOnce, type TimingSummary } from "./statistics";

export const chartWidth = 1000;
export const repetitions = { warmUps: 3, runs: 30 } as const;

export type SeriesCase = { name: string; view: DashboardView; goalMilliseconds: number };

/** The two reads the goals name, over the whole ten years by week. */
export function seriesCases(speaker: string, target: string): SeriesCase[] {
  const decade = { ...defaultDashboardView, targets: [target], from: "2015-01-01", to: "2024-12-31", unit: "week" as const };
  return [
    { name: `one series (${speaker} toward ${target})`, view: { ...decade, speakers: [speaker] }, goalMilliseconds: 20 },
    { name: `all speakers toward ${target}`, view: decade, goalMilliseconds: 200 },
  ];
}

export type SeriesCaseTimings = {
  seriesCase: SeriesCase;
  /** Live codings inside the view: what the query has to read. */
  codingCount: number;
  responseBytes: number;
  queries: CapturedQuery[];
  /** Index in `queries` of the aggregation built by buildStanceSeriesJsonQuery. */
  seriesQueryIndex: number;
  /** The first read of the view: no chart kept (docs/decisions/0050), so the statement runs. */
  dataLayer: TimingSummary;
  /** The same view read again with nothing changed in between: the kept chart, once the count of changes is read. */
  dataLayerKept: TimingSummary;
  /**
   * Read again just after a coding toward another target was saved (its settled value and speaker month rewritten
   * with it): still the kept chart, since nothing it shows changed (docs/decisions/0051).
   */
  dataLayerAfterOtherTarget: TimingSummary;
  rawAllQueries: TimingSummary;
  rawSeriesQuery: TimingSummary;
};

/**
 * Which captured query is the series aggregation: the builder's text depends
 * only on the view's shape (which filters are on, the unit), never on its
 * values, so building it for a stand-in scope of the same shape gives the
 * exact text to look for.
 */
function findSeriesQuery(view: DashboardView, queries: CapturedQuery[]): number {
  const { text } = buildStanceSeriesJsonQuery(
    {
      speakerIds: view.speakers.length || view.speaksFor.length ? ["stand-in"] : null,
      targetIds: ["stand-in"],
      window: { from: view.from!, to: view.to! },
      directQuotesOnly: view.directQuotesOnly,
      minimumConfidence: view.minimumConfidence,
      adjudicatedOnly: view.adjudicatedOnly,
      blindCoderId: null,
    },
    { unit: view.unit!, width: chartWidth, maximumSeriesPerTarget, bucketCount: 1, withEvents: true },
  );
  const index = queries.findIndex((query) => query.text === text);
  if (index === -1) {
    const sent = queries.map((query) => `  ${describeQuery(query)}`).join("\n");
    throw new Error(`renderStanceSeries did not send buildStanceSeriesJsonQuery's SQL; it sent:\n${sent}`);
  }
  return index;
}

/** A live coding toward a target the view leaves out, to save again between reads. */
async function findCodingOutsideView(rawClient: pg.Client, view: DashboardView): Promise<string> {
  const { rows } = await rawClient.query<{ id: string }>(
    `SELECT c.id FROM "StanceCoding" c JOIN "Actor" target ON target.id = c."targetId"
     WHERE c."deletedAt" IS NULL AND NOT target.slug = ANY($1::text[]) ORDER BY c.id LIMIT 1`,
    [view.targets],
  );
  if (!rows[0]) throw new Error("The corpus has no coding toward a target outside the view.");
  return rows[0].id;
}

async function countCodingsInView(rawClient: pg.Client, view: DashboardView): Promise<number> {
  const { rows } = await rawClient.query<{ count: string }>(
    `SELECT count(*) AS count FROM "StanceCoding" c
     JOIN "Actor" target ON target.id = c."targetId" AND target.slug = ANY($1::text[])
     JOIN "Actor" speaker ON speaker.id = c."speakerId" AND (cardinality($2::text[]) = 0 OR speaker.slug = ANY($2::text[]))
     WHERE c."deletedAt" IS NULL AND c."saidOn" BETWEEN $3::date AND $4::date`,
    [view.targets, view.speakers, view.from, view.to],
  );
  return Number(rows[0]?.count ?? 0);
}

export async function timeSeriesCase(
  context: { database: Database; rawClient: pg.Client; user: ActingUser },
  seriesCase: SeriesCase,
  log: (message: string) => void,
): Promise<SeriesCaseTimings> {
  const readThroughDataLayer = () =>
    withDatabase(context.database, () => renderStanceSeries(context.user, seriesCase.view, { width: chartWidth }));
  // Captured on a first read, which sends the series statement itself.
  forgetKeptStanceSeries(context.database);
  const { result, queries } = await captureQueries<string>(readThroughDataLayer);
  const seriesQueryIndex = findSeriesQuery(seriesCase.view, queries);

  const codingOutsideView = await findCodingOutsideView(context.rawClient, seriesCase.view);
  const dataLayer: number[] = [];
  const dataLayerKept: number[] = [];
  const dataLayerAfterOtherTarget: number[] = [];
  const rawAllQueries: number[] = [];
  const rawSeriesQuery: number[] = [];
  // Alternating the ways spreads any disturbance (another process, a
  // checkpoint) over all of them rather than over whichever ran last.
  for (let run = 0; run < repetitions.warmUps + repetitions.runs; run += 1) {
    forgetKeptStanceSeries(context.database);
    const dataLayerMilliseconds = await timeOnce(readThroughDataLayer);
    const keptMilliseconds = await timeOnce(readThroughDataLayer);
    // Saved as the app saves a coding's edit (the same score, so the corpus stays as it was): the settling triggers
    // rewrite that statement's value and speaker month toward the other target, and count the write there.
    await context.rawClient.query(`UPDATE "StanceCoding" SET score = score, version = version + 1 WHERE id = $1`, [codingOutsideView]);
    const afterOtherTargetMilliseconds = await timeOnce(readThroughDataLayer);
    const durations = await replayQueries(context.rawClient, queries);
    if (run < repetitions.warmUps) continue;
    dataLayer.push(dataLayerMilliseconds);
    dataLayerKept.push(keptMilliseconds);
    dataLayerAfterOtherTarget.push(afterOtherTargetMilliseconds);
    rawAllQueries.push(durations.reduce((sum, duration) => sum + duration, 0));
    rawSeriesQuery.push(durations[seriesQueryIndex]!);
  }
  const timings: SeriesCaseTimings = {
    seriesCase,
    codingCount: await countCodingsInView(context.rawClient, seriesCase.view),
    responseBytes: Buffer.byteLength(result),
    queries,
    seriesQueryIndex,
    dataLayer: summariseTimings(dataLayer),
    dataLayerKept: summariseTimings(dataLayerKept),
    dataLayerAfterOtherTarget: summariseTimings(dataLayerAfterOtherTarget),
    rawAllQueries: summariseTimings(rawAllQueries),
    rawSeriesQuery: summariseTimings(rawSeriesQuery),
  };
  log(
    `${seriesCase.name}: data layer ${timings.dataLayer.median.toFixed(1)} ms (read again, kept: ${timings.dataLayerKept.median.toFixed(1)} ms; ` +
      `after a coding toward another target: ${timings.dataLayerAfterOtherTarget.median.toFixed(1)} ms), ` +
      `its ${queries.length} queries through pg ` +
      `${timings.rawAllQueries.median.toFixed(1)} ms (the series aggregation ${timings.rawSeriesQuery.median.toFixed(1)} ms)`,
  );
  return timings;
}
