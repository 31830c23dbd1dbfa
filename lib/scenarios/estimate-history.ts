// How a scenario's probability estimates evolved: the team's median over time
// and each analyst's own trail. Pure, no I/O.
//
// Dates are YYYY-MM-DD strings, which order correctly as plain strings, so no
// date arithmetic is needed here. An analyst may record more than one estimate
// on a day; the later one in the input's order stands (pass estimates in the
// order they were recorded), as in brier.ts.

export interface AnalystEstimate {
  analystId: string;
  analystName: string;
  /** YYYY-MM-DD. */
  estimatedOn: string;
  /** 0..1. */
  probability: number;
}

export interface TeamMedianPoint {
  /** YYYY-MM-DD: a date on which at least one analyst recorded an estimate. */
  on: string;
  /** Median of every analyst's latest estimate as of `on`. */
  median: number;
  /** Analysts who had estimated by `on`: those who had not are left out, not counted as 0 or 0.5. */
  analystCount: number;
}

export interface DatedProbability {
  estimatedOn: string;
  probability: number;
}

export interface AnalystEstimateHistory {
  analystId: string;
  analystName: string;
  /** Oldest first; estimates on the same day keep their input order. */
  estimates: DatedProbability[];
}

/** The middle value; for an even count, the mean of the middle two. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("The median of no values is undefined");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  if (sorted.length % 2 === 1) return upper;
  return ((sorted[middle - 1] as number) + upper) / 2;
}

/** Stable: estimates on the same day keep their relative input order, which decides which one stands. */
function sortByDate<Estimate extends { estimatedOn: string }>(estimates: readonly Estimate[]): Estimate[] {
  return [...estimates].sort((a, b) => (a.estimatedOn < b.estimatedOn ? -1 : a.estimatedOn > b.estimatedOn ? 1 : 0));
}

/**
 * A step series: one point per date on which anyone estimated, holding until
 * the next point. Between points nothing changed, so a chart should draw it
 * as steps, not interpolate.
 */
export function buildTeamMedianSeries(estimates: readonly AnalystEstimate[]): TeamMedianPoint[] {
  const standing = new Map<string, number>();
  const series: TeamMedianPoint[] = [];
  const sorted = sortByDate(estimates);
  for (let index = 0; index < sorted.length; index++) {
    const estimate = sorted[index] as AnalystEstimate;
    standing.set(estimate.analystId, estimate.probability);
    const next = sorted[index + 1];
    // Only once the day's last estimate is in: an earlier one the same day never stood at the end of it.
    if (next === undefined || next.estimatedOn !== estimate.estimatedOn) {
      const values = [...standing.values()];
      series.push({ on: estimate.estimatedOn, median: median(values), analystCount: values.length });
    }
  }
  return series;
}

/** Each analyst's estimates oldest first, analysts ordered by name (then id, so namesakes stay in a fixed order). */
export function groupEstimatesByAnalyst(estimates: readonly AnalystEstimate[]): AnalystEstimateHistory[] {
  const histories = new Map<string, AnalystEstimateHistory>();
  for (const estimate of sortByDate(estimates)) {
    let history = histories.get(estimate.analystId);
    if (history === undefined) {
      history = { analystId: estimate.analystId, analystName: estimate.analystName, estimates: [] };
      histories.set(estimate.analystId, history);
    }
    history.estimates.push({ estimatedOn: estimate.estimatedOn, probability: estimate.probability });
  }
  return [...histories.values()].sort(
    (a, b) => a.analystName.localeCompare(b.analystName, "en") || (a.analystId < b.analystId ? -1 : a.analystId > b.analystId ? 1 : 0),
  );
}
