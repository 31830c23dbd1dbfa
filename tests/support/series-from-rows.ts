// The reference for the chart JSON that PostgreSQL shapes (buildStanceSeriesJsonQuery): how the data layer
// built the series from the row query in JavaScript until docs/decisions/0043 (lib/data/dashboard.ts at
// 7330a04), with ties in a series' points broken as the SQL breaks them. Tests compare the two on random data.
import { chartDateOf } from "@/lib/dashboard/date-precision";
import type { SeriesQueryRow } from "@/lib/dashboard/stance-sql";
import type { ActorOption, BucketMean, DateWindow, StancePoint, StanceSeries, StanceSeriesResult } from "@/lib/dashboard/types";

export function seriesFromRows(
  rows: SeriesQueryRow[],
  targets: ActorOption[],
  window: DateWindow,
): Pick<StanceSeriesResult, "series" | "omittedSpeakers" | "downsampled"> {
  const targetsById = new Map(targets.map((target) => [target.id, target]));
  const seriesByKey = new Map<string, StanceSeries>();
  const ranks = new Map<StanceSeries, number>();
  const omitted = new Map<string, number>();
  let downsampled = false;

  for (const row of rows.filter((candidate) => candidate.kind === "series")) {
    if (row.rank === null) {
      omitted.set(row.targetId, (omitted.get(row.targetId) ?? 0) + 1);
      continue;
    }
    const series: StanceSeries = {
      speaker: { id: row.speakerId, slug: row.speakerSlug!, name: row.speakerName! },
      target: targetsById.get(row.targetId)!,
      statementCount: row.statementCount,
      codingCount: row.codingCount,
      points: [],
      means: [],
    };
    seriesByKey.set(`${row.speakerId}:${row.targetId}`, series);
    ranks.set(series, row.rank);
  }
  for (const row of rows) {
    const series = seriesByKey.get(`${row.speakerId}:${row.targetId}`);
    if (!series || row.kind === "series") continue;
    if (row.merged) downsampled = true;
    if (row.kind === "mean") {
      const mean: BucketMean = { start: row.at!, score: row.score!, statementCount: row.statementCount };
      series.means.push(mean);
      continue;
    }
    const datePrecision = row.datePrecision === "MONTH" ? "MONTH" : "DAY";
    const chartDate = chartDateOf(row.at!, datePrecision);
    const point: StancePoint = {
      at: row.statementId ? (chartDate > window.from ? chartDate : window.from) : row.at!,
      score: row.score!,
      statementCount: row.statementCount,
      minimumScore: row.minimumScore!,
      maximumScore: row.maximumScore!,
      statement: row.statementId
        ? {
            id: row.statementId,
            quote: row.quote!,
            sourceId: row.sourceId!,
            sourceTitle: row.sourceTitle!,
            coders: row.coders ?? [],
            basis: row.adjudicated ? "adjudicated" : "mean",
            saidOn: row.at!,
            datePrecision,
          }
        : null,
    };
    series.points.push(point);
  }

  const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const targetOrder = new Map(targets.map((target, index) => [target.id, index]));
  const series = [...seriesByKey.values()]
    .sort((a, b) => targetOrder.get(a.target.id)! - targetOrder.get(b.target.id)! || ranks.get(a)! - ranks.get(b)!)
    .map((entry) => ({
      ...entry,
      points: entry.points.sort(
        (a, b) =>
          compareText(a.at, b.at) ||
          a.score - b.score ||
          compareText(a.statement?.saidOn ?? a.at, b.statement?.saidOn ?? b.at) ||
          compareText(a.statement?.id ?? "\uffff", b.statement?.id ?? "\uffff"),
      ),
      means: entry.means.sort((a, b) => compareText(a.start, b.start)),
    }));
  return {
    series,
    omittedSpeakers: [...omitted.entries()].sort(([a], [b]) => compareText(a, b)).map(([targetId, count]) => ({ targetId, count })),
    downsampled,
  };
}
