// The probability history chart's span and its words (the canvas's accessible
// name and the sentence under it). Pure: derived from what the server sent.
import type { ChartEventMarker } from "@/lib/dashboard/types";
import type { AnalystEstimateHistory, TeamMedianPoint } from "@/lib/scenarios/estimate-history";
import { formatDay } from "../format";
import { formatProbability } from "./scenario-format";

export type ProbabilityHistory = { analysts: AnalystEstimateHistory[]; teamMedian: TeamMedianPoint[] };

function latest(dates: readonly string[]): string | undefined {
  return dates.reduce<string | undefined>((found, date) => (found === undefined || date > found ? date : found), undefined);
}

function earliest(dates: readonly string[]): string | undefined {
  return dates.reduce<string | undefined>((found, date) => (found === undefined || date < found ? date : found), undefined);
}

/**
 * Until when the latest estimates stand on the chart: the resolution date
 * once resolved; while open, today or the horizon, whichever comes first
 * (an estimate says nothing past the horizon); never before the last estimate.
 */
export function estimatesStandUntil(
  history: ProbabilityHistory,
  scenario: { horizonOn: string; resolvedOn: string | null },
  today: string,
): string | undefined {
  const lastEstimate = latest(history.teamMedian.map((point) => point.on));
  if (lastEstimate === undefined) return undefined;
  const end = scenario.resolvedOn ?? (today < scenario.horizonOn ? today : scenario.horizonOn);
  return end > lastEstimate ? end : lastEstimate;
}

/** The chart's dates: every estimate and event, and the date the estimates stand until. */
export function probabilityChartSpan(
  history: ProbabilityHistory,
  events: readonly ChartEventMarker[],
  standUntil: string | undefined,
): { from: string; to: string } | null {
  const dates = [
    ...history.teamMedian.map((point) => point.on),
    ...events.map((event) => event.occurredOn),
    ...(standUntil === undefined ? [] : [standUntil]),
  ];
  const from = earliest(dates);
  const to = latest(dates);
  return from === undefined || to === undefined ? null : { from, to };
}

function pluralise(count: number, singular: string, plural: string): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/**
 * One paragraph a screen reader can take in: the team median's first and
 * latest value, each analyst's latest estimate, and the events marked.
 */
export function describeProbabilityHistory(history: ProbabilityHistory, events: readonly ChartEventMarker[]): string {
  const first = history.teamMedian[0];
  const last = history.teamMedian.at(-1);
  if (first === undefined || last === undefined) return "No estimates have been recorded yet.";
  const sentences: string[] = [];
  if (first === last) {
    sentences.push(
      `Team median ${formatProbability(last.median)} on ${formatDay(last.on)}, from ${pluralise(last.analystCount, "analyst", "analysts")}.`,
    );
  } else {
    sentences.push(
      `Team median ${formatProbability(first.median)} on ${formatDay(first.on)}, ${formatProbability(last.median)} by ${formatDay(last.on)}, from ${pluralise(last.analystCount, "analyst", "analysts")}.`,
    );
  }
  for (const analyst of history.analysts) {
    const newest = analyst.estimates.at(-1);
    if (newest === undefined) continue;
    sentences.push(
      `${analyst.analystName}: ${pluralise(analyst.estimates.length, "estimate", "estimates")}, latest ${formatProbability(newest.probability)} on ${formatDay(newest.estimatedOn)}.`,
    );
  }
  if (events.length > 0) {
    const named = events.map((event) => `${event.title} (${formatDay(event.occurredOn)})`).join("; ");
    sentences.push(`${events.length === 1 ? "Event marked" : `${events.length} events marked`}: ${named}.`);
  }
  return sentences.join(" ");
}
