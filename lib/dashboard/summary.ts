// Words for the dashboard: each chart's text summary (its accessible name and
// the paragraph under it), the shifts' headlines, and the dates they use.
// Pure, no I/O: everything is derived from the series the server returned.
import { formatScore } from "../codings/scale";
import type {
  ActorOption,
  BucketMean,
  ChartEventMarker,
  DateWindow,
  StancePoint,
  StanceSeries,
  StanceSeriesResult,
  StanceShift,
} from "./types";
import type { TimeUnit } from "./view";

const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
export const longMonthNames = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function dateParts(date: string): { year: number; month: number; day: number } {
  const [year, month, day] = date.split("-").map(Number);
  return { year: year!, month: month!, day: day! };
}

/** "1 Oct 2024" (or "1 Oct") from YYYY-MM-DD, read as a calendar date so no time zone can shift it. */
export function formatDate(date: string, withYear = true): string {
  const { year, month, day } = dateParts(date);
  return `${day} ${monthNames[month - 1]}${withYear ? ` ${year}` : ""}`;
}

/** "1 Oct 2024 to 30 Nov 2024". */
export function formatWindow(window: DateWindow): string {
  return `${formatDate(window.from)} to ${formatDate(window.to)}`;
}

/** Years can be left out of dates inside a window that lies within one calendar year. */
export function windowWithinOneYear(window: DateWindow): boolean {
  return window.from.slice(0, 4) === window.to.slice(0, 4);
}

/** A time bucket by its first day: "21 Oct", "the week of 21 Oct", "October 2024". */
export function bucketName(start: string, unit: TimeUnit, withYear: boolean): string {
  if (unit === "day") return formatDate(start, withYear);
  if (unit === "week") return `the week of ${formatDate(start, withYear)}`;
  const { year, month } = dateParts(start);
  return `${longMonthNames[month - 1]}${withYear ? ` ${year}` : ""}`;
}

/** The bucket with its preposition: "on 21 Oct", "in the week of 21 Oct", "in October". */
export function bucketPhrase(start: string, unit: TimeUnit, withYear: boolean): string {
  return `${unit === "day" ? "on" : "in"} ${bucketName(start, unit, withYear)}`;
}

export function pluralise(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** A mean score as the dashboard shows it: signed, one decimal, with a true minus sign. */
export function formatMean(score: number): string {
  return formatScore(score, 1);
}

/** The statements behind a series' points, counting each merged point's statements. */
export function countStatements(points: readonly StancePoint[]): number {
  return points.reduce((sum, point) => sum + point.statementCount, 0);
}

/** The mean over the statements (a merged point weighs as many as it merges); null without any. */
export function meanOfPoints(points: readonly StancePoint[]): number | null {
  const count = countStatements(points);
  if (count === 0) return null;
  return points.reduce((sum, point) => sum + point.score * point.statementCount, 0) / count;
}

export type TargetPanel = {
  target: ActorOption;
  /** The speakers charted toward the target, in the server's order (most statements first). */
  series: StanceSeries[];
  /** Speakers with statements toward the target who are not charted. */
  omittedSpeakerCount: number;
};

/** One panel per target, in the result's target order; the flat series list grouped by target. */
export function panelsByTarget(result: StanceSeriesResult): TargetPanel[] {
  return result.targets.map((target) => ({
    target,
    series: result.series.filter((series) => series.target.id === target.id),
    omittedSpeakerCount: result.omittedSpeakers.find((omitted) => omitted.targetId === target.id)?.count ?? 0,
  }));
}

function describeTrend(means: readonly BucketMean[], unit: TimeUnit, withYear: boolean): string {
  const first = means[0];
  const last = means.at(-1);
  if (!first || !last) return "";
  if (means.length === 1) return `, all ${bucketPhrase(first.start, unit, withYear)}`;
  return `, from ${formatMean(first.score)} ${bucketPhrase(first.start, unit, withYear)} to ${formatMean(last.score)} ${bucketPhrase(last.start, unit, withYear)}`;
}

/**
 * A chart's text summary, e.g. "3 speakers, 14 statements from 1 Oct 2024 to
 * 30 Nov 2024. Ali Akbar Velayati: mean −1.2 (5 statements), from −0.5 in the
 * week of 21 Oct to −2.0 in the week of 28 Oct." Then the speakers left out
 * and the events marked, which a screen reader cannot otherwise reach.
 */
export function summariseTargetPanel(
  panel: TargetPanel,
  context: { window: DateWindow; unit: TimeUnit; events: readonly ChartEventMarker[] },
): string {
  const withYear = !windowWithinOneYear(context.window);
  const total = panel.series.reduce((sum, series) => sum + countStatements(series.points), 0);
  const sentences: string[] = [];
  if (total === 0) {
    sentences.push(`No statements toward ${panel.target.name} from ${formatWindow(context.window)} match the filters.`);
  } else {
    sentences.push(
      `${pluralise(panel.series.length, "speaker")}, ${pluralise(total, "statement")} toward ${panel.target.name} from ${formatWindow(context.window)}.`,
    );
    for (const series of panel.series) {
      const mean = meanOfPoints(series.points);
      if (mean === null) continue;
      const count = countStatements(series.points);
      sentences.push(
        `${series.speaker.name}: mean ${formatMean(mean)} (${pluralise(count, "statement")})${describeTrend(series.means, context.unit, withYear)}.`,
      );
    }
  }
  if (panel.omittedSpeakerCount > 0) sentences.push(`${pluralise(panel.omittedSpeakerCount, "more speaker")} not charted.`);
  if (context.events.length > 0) {
    const events = context.events.map((event) => `${event.title} (${formatDate(event.occurredOn, withYear)})`).join("; ");
    sentences.push(`${context.events.length === 1 ? "Event" : "Events"} marked: ${events}.`);
  }
  return sentences.join(" ");
}

/** "Ali Akbar Velayati toward Europe: +1.0 → −1.0 (−2.0)" and "between the week of 21 Oct and the week of 28 Oct". */
export function describeShift(shift: StanceShift, unit: TimeUnit, withYear: boolean): { headline: string; period: string } {
  return {
    headline: `${shift.speaker.name} toward ${shift.target.name}: ${formatMean(shift.before.score)} → ${formatMean(shift.after.score)} (${formatMean(shift.change)})`,
    period: `between ${bucketName(shift.before.start, unit, withYear)} and ${bucketName(shift.after.start, unit, withYear)}`,
  };
}

/**
 * The filters of a view in one line, for the caption of an exported chart:
 * a PNG pasted into a brief has to say what it shows without the page.
 */
export function describeViewFilters(
  view: {
    speakers: string[];
    speaksFor: string[];
    targets: string[];
    directQuotesOnly: boolean;
    minimumConfidence: string;
    adjudicatedOnly: boolean;
  },
  options: { speakers: ActorOption[]; represented: ActorOption[]; targets: ActorOption[] },
): string {
  const names = (slugs: string[], actors: ActorOption[]) =>
    actors
      .filter((actor) => slugs.includes(actor.slug))
      .map((actor) => actor.name)
      .join(", ");
  const parts: string[] = [];
  const speakers = names(view.speakers, options.speakers);
  if (speakers) parts.push(`speakers ${speakers}`);
  const represented = names(view.speaksFor, options.represented);
  if (represented) parts.push(`everyone speaking for ${represented}`);
  if (view.directQuotesOnly) parts.push("direct quotes only");
  if (view.minimumConfidence === "MEDIUM") parts.push("confidence medium or high");
  if (view.minimumConfidence === "HIGH") parts.push("high confidence only");
  if (view.adjudicatedOnly) parts.push("adjudicated statements only");
  return parts.length ? `Filters: ${parts.join("; ")}.` : "Filters: none (every speaker, every confidence).";
}

/** The lines under an exported chart: window and n, filters, where the data come from and when it was exported. */
export function exportCaption(options: {
  window: DateWindow;
  unit: string;
  statementCount: number;
  filters: string;
  exportedOn: string;
}): string[] {
  return [
    `${formatWindow(options.window)} · mean per ${options.unit} · n = ${options.statementCount} statement${options.statementCount === 1 ? "" : "s"}`,
    options.filters,
    `Source: Stancewatch codings of public statements, −3 (very hostile) to +3 (very conciliatory). Exported ${formatDate(options.exportedOn)}.`,
  ];
}
