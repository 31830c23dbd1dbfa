// The part of a stance series the browser needs: what the chart draws (its
// points, tooltips and means) and its data table lists. Pure, no I/O.
import type { ChartSeries, PointStatement, StancePoint, StanceSeries } from "./types";

function chartStatementOf(statement: PointStatement): PointStatement {
  const { id, quote, sourceId, sourceTitle, coders, basis } = statement;
  // A day-precision statement is drawn and labelled on its own date (`at`): its stored date and precision add nothing.
  if (statement.datePrecision !== "MONTH") return { id, quote, sourceId, sourceTitle, coders, basis };
  return { id, quote, sourceId, sourceTitle, coders, basis, saidOn: statement.saidOn, datePrecision: "MONTH" };
}

function chartPointOf(point: StancePoint): StancePoint {
  return { ...point, statement: point.statement && chartStatementOf(point.statement) };
}

/** A series as the page hands it to its chart and data table: the speaker's id and name, the points and the means. */
export function chartSeriesOf(series: StanceSeries): ChartSeries {
  return { speaker: { id: series.speaker.id, name: series.speaker.name }, points: series.points.map(chartPointOf), means: series.means };
}
