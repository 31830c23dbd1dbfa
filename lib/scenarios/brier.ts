// Scoring probability estimates on resolved scenarios with the Brier score.
// Pure, no I/O.
//
// One forecast is scored as Brier (1950) and Good Judgment Open score it: the
// squared error summed over both outcomes, (p − o)² + ((1 − p) − (1 − o))²
// = 2(p − o)², so 0 is perfect, 2 as wrong as possible, and 0.5 is what a
// permanent 50% earns. (Many texts use the one-outcome form, 0–1; every
// figure Stancewatch shows is on the 0–2 scale and says so.) An analyst's estimates on a scenario are scored
// the way forecasting platforms such as Good Judgment Open score a question:
// the estimate standing on each day, from the analyst's first estimate to the
// resolution date inclusive, is scored, and the daily scores are averaged.
// Scoring days rather than estimates means an analyst who was right early and
// held gets more credit than one who got there on the eve of resolution, and
// updating often earns nothing by itself.
//
// Conventions:
// - Dates are YYYY-MM-DD calendar days, counted in UTC so that no time zone
//   or daylight-saving change can add or lose a day.
// - Estimates dated after the resolution date are ignored: they were made
//   with the answer known (or at least after the question closed).
// - The resolution day is scored like any other: the estimate standing on it
//   was still a forecast when it was made.
// - Several estimates on one day: the last in array order stands for the day
//   and the earlier ones are never scored, so pass them in recording order.

import { timeOfIsoDay } from "../calendar";
import { median } from "./estimate-history";

export type ScenarioStatus = "OPEN" | "RESOLVED_YES" | "RESOLVED_NO" | "WITHDRAWN";

/** What happened: 1 the scenario came about, 0 it did not. */
export type Outcome = 0 | 1;

export interface Estimate {
  /** YYYY-MM-DD. */
  estimatedOn: string;
  /** 0..1. */
  probability: number;
}

export interface AnalystScore {
  /** Mean daily Brier score, 0 (perfect) .. 2. */
  brier: number;
  /** Days from the first estimate to the resolution date, both included. */
  daysScored: number;
  /** Estimates made on or before the resolution date, superseded same-day ones included. */
  estimateCount: number;
}

export interface AnalystTeamEntry {
  analystId: string;
  /** Null when the analyst made no estimate on or before the resolution date. */
  score: AnalystScore | null;
}

export interface TeamScore {
  /** In the input map's order. */
  analysts: AnalystTeamEntry[];
  /** The team's daily median forecast, scored like one analyst; null when nobody estimated in time. */
  team: { brier: number; daysScored: number } | null;
  /** Plain mean of the scored analysts' Brier scores; null when nobody was scored. */
  meanAnalystBrier: number | null;
}

/** Withdrawn scenarios are not scored: the question stopped making sense, so no answer is right or wrong. */
export function outcomeOf(status: ScenarioStatus): Outcome | null {
  switch (status) {
    case "RESOLVED_YES":
      return 1;
    case "RESOLVED_NO":
      return 0;
    case "OPEN":
    case "WITHDRAWN":
      return null;
  }
}

/** Brier's two-outcome score, 0..2: (p − o)² for "yes" plus the same for "no". */
export function brierScore(probability: number, outcome: Outcome): number {
  if (!(probability >= 0 && probability <= 1)) throw new RangeError(`A probability is between 0 and 1; got ${probability}`);
  return (probability - outcome) ** 2 + (1 - probability - (1 - outcome)) ** 2;
}

/**
 * The probability a certain forecast is scored at by the log score. A forecast
 * of 0 % on what then happened would score infinity and swamp every average,
 * so it is scored as 0.1 % (a loss of log2(1000) ≈ 9.97 bits).
 */
export const logScoreFloor = 0.001;

/**
 * The logarithmic score as a loss in bits: −log2 of the probability given to
 * what happened. 0 is perfect, 1 is what 50 % earns, and certainty that proves
 * wrong costs log2(1 / logScoreFloor). Lower is better, like the Brier score.
 */
export function logScore(probability: number, outcome: Outcome): number {
  if (!(probability >= 0 && probability <= 1)) throw new RangeError(`A probability is between 0 and 1; got ${probability}`);
  const given = outcome === 1 ? probability : 1 - probability;
  // log2(1 / p) rather than −log2(p), which would give −0 for a perfect forecast.
  return Math.log2(1 / Math.min(1, Math.max(logScoreFloor, given)));
}

const millisecondsPerDay = 86_400_000;

/** Days since 1970-01-01 (UTC) of a YYYY-MM-DD date; refuses dates that do not exist, such as 2023-02-29. */
export function dayNumberOf(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`A date is written YYYY-MM-DD; got "${date}"`);
  const milliseconds = timeOfIsoDay(date);
  if (milliseconds === null) throw new RangeError(`No such date: ${date}`);
  return milliseconds / millisecondsPerDay;
}

export interface Step {
  day: number;
  probability: number;
}

/** The probability standing from each day on which the analyst estimated: one step per day, the day's last estimate. */
export function stepsUntil(estimates: readonly Estimate[], resolutionDay: number): Step[] {
  const byDay = new Map<number, number>();
  for (const estimate of estimates) {
    const day = dayNumberOf(estimate.estimatedOn);
    if (day <= resolutionDay) byDay.set(day, estimate.probability);
  }
  return [...byDay].map(([day, probability]) => ({ day, probability })).sort((a, b) => a.day - b.day);
}

function countEstimatesUntil(estimates: readonly Estimate[], resolutionDay: number): number {
  return estimates.filter((estimate) => dayNumberOf(estimate.estimatedOn) <= resolutionDay).length;
}

/** Each step scores for every day until the next step (or through the resolution day). */
function scoreSteps(steps: readonly Step[], resolutionDay: number, outcome: Outcome): { brier: number; daysScored: number } | null {
  const first = steps[0];
  if (first === undefined) return null;
  let total = 0;
  steps.forEach((step, index) => {
    const nextDay = steps[index + 1]?.day ?? resolutionDay + 1;
    total += (nextDay - step.day) * brierScore(step.probability, outcome);
  });
  const daysScored = resolutionDay + 1 - first.day;
  return { brier: total / daysScored, daysScored };
}

/** One analyst's time-averaged Brier score on one resolved scenario; null without an estimate by the resolution date. */
export function scoreAnalystEstimates(estimates: readonly Estimate[], resolvedOn: string, outcome: Outcome): AnalystScore | null {
  const resolutionDay = dayNumberOf(resolvedOn);
  const scored = scoreSteps(stepsUntil(estimates, resolutionDay), resolutionDay, outcome);
  if (scored === null) return null;
  return { ...scored, estimateCount: countEstimatesUntil(estimates, resolutionDay) };
}

/**
 * A team's scores on one resolved scenario, two ways, because they answer
 * different questions:
 * - `team` scores the team's collective forecast: on each day, the median of
 *   the estimates standing that day, over the analysts who had estimated by
 *   then (an analyst yet to estimate is left out, not counted as 50%). The
 *   median rather than the mean, so that one analyst at an extreme cannot
 *   drag the team's number; from the first day anyone estimated to the
 *   resolution date inclusive, like an analyst's score.
 * - `meanAnalystBrier` is how accurate the team's members were on average,
 *   each analyst counting once however long they were estimating. It is
 *   usually worse than `team`: individual errors partly cancel in the median.
 */
export function scoreTeam(estimatesByAnalyst: ReadonlyMap<string, readonly Estimate[]>, resolvedOn: string, outcome: Outcome): TeamScore {
  const resolutionDay = dayNumberOf(resolvedOn);
  const stepsByAnalyst = [...estimatesByAnalyst].map(([analystId, estimates]) => ({
    analystId,
    estimates,
    steps: stepsUntil(estimates, resolutionDay),
  }));

  const analysts = stepsByAnalyst.map(({ analystId, estimates, steps }): AnalystTeamEntry => {
    const scored = scoreSteps(steps, resolutionDay, outcome);
    return { analystId, score: scored && { ...scored, estimateCount: countEstimatesUntil(estimates, resolutionDay) } };
  });

  // The median can only change on a day when someone estimated, so it is a step series over those days.
  const changeDays = [...new Set(stepsByAnalyst.flatMap(({ steps }) => steps.map((step) => step.day)))].sort((a, b) => a - b);
  const medianSteps = changeDays.map((day): Step => {
    const standing = stepsByAnalyst.flatMap(({ steps }) => {
      const latest = steps.findLast((step) => step.day <= day);
      return latest === undefined ? [] : [latest.probability];
    });
    return { day, probability: median(standing) };
  });

  const scores = analysts.flatMap(({ score }) => (score === null ? [] : [score.brier]));
  return {
    analysts,
    team: scoreSteps(medianSteps, resolutionDay, outcome),
    meanAnalystBrier: scores.length === 0 ? null : scores.reduce((sum, score) => sum + score, 0) / scores.length,
  };
}
