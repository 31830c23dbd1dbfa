// Indicators (signposts): rules over stance codings that say a scenario is
// becoming more or less likely, e.g. "Iran's officials have turned
// conciliatory toward the United States". Pure, no I/O: the rules, their
// validation, their wording and the logic of whether one is triggered; the
// values they are checked against are computed elsewhere, in SQL.
//
// Window semantics, which that SQL follows: "over the last N days as of date
// D" means statements said on the calendar dates D−N+1 .. D inclusive, so a
// window of 1 day is D alone and a window of 7 days ending on a Sunday starts
// on the Monday. `windowStart` computes D−N+1. Dates are calendar days in UTC.
// A statement known only to the month counts from the last day of its month,
// the first day it had certainly been said (docs/decisions/0014).
//
// Speakers: an actor alone, or with `includeRepresentatives` the actor and
// every actor who speaks for it (Iran and its leader, ministers, spokesmen...).
//
// Values, over each statement's value toward the target (its adjudicated
// score, else the mean of its coders' scores, as the dashboard charts it):
// - MEAN_STANCE: the mean of those values in the window; null when there were
//   none, which is "no data", not 0 (neutral).
// - STATEMENT_COUNT: how many of those statements meet the score condition
//   (see `isCountedStatement`); 0 when there were none.
//
// A rule that is always true or can never be met is refused: an indicator
// that cannot change tells the analyst nothing.

import { z } from "zod";
import { shiftIsoDate, timeOfIsoDay } from "../calendar";
import { formatScore, maximumScore, minimumScore } from "../codings/scale";
import { slugSchema } from "../validation";

export const comparisons = ["AT_LEAST", "AT_MOST"] as const;
export type Comparison = (typeof comparisons)[number];

export const maximumWindowDays = 3650;

const comparisonSchema = z.enum(comparisons, { error: "choose at least or at most" });

const speakersSchema = z.object({
  actorSlug: slugSchema,
  includeRepresentatives: z.boolean({ error: "say whether those who speak for the actor are included" }),
});

const windowDaysSchema = z
  .number({ error: "the window is a number of days" })
  .int("the window is a whole number of days")
  .min(1, "the window must be at least one day")
  .max(maximumWindowDays, `the window can be at most ${maximumWindowDays} days (ten years)`);

/** Enough decimals to show the threshold exactly (up to three), at least one: "+1.0", "−0.25". */
function formatThreshold(threshold: number): string {
  const decimals = (String(threshold).split(".")[1] ?? "").length;
  return formatScore(threshold, Math.min(Math.max(decimals, 1), 3));
}

/** Why a condition on a value confined to the stance scale indicates nothing, or null if it can go either way. */
function describeScaleThresholdProblem(comparison: Comparison, threshold: number, text: string, subject: string): string | null {
  const bounds = `${subject} is always between ${formatScore(minimumScore)} and ${formatScore(maximumScore)}`;
  const condition = `“${comparison === "AT_LEAST" ? "at least" : "at most"} ${text}”`;
  const alwaysTrue = `${bounds}: ${condition} is always true, so it indicates nothing`;
  const impossible = `${bounds}, so ${condition} is impossible`;
  if (comparison === "AT_LEAST") {
    if (threshold > maximumScore) return impossible;
    if (threshold <= minimumScore) return alwaysTrue;
  } else {
    if (threshold < minimumScore) return impossible;
    if (threshold >= maximumScore) return alwaysTrue;
  }
  return null;
}

const meanStanceRuleSchema = z
  .object({
    kind: z.literal("MEAN_STANCE"),
    speakers: speakersSchema,
    targetSlug: slugSchema,
    windowDays: windowDaysSchema,
    comparison: comparisonSchema,
    threshold: z.number({ error: "the threshold is a number" }),
  })
  .superRefine((rule, context) => {
    const problem = describeScaleThresholdProblem(rule.comparison, rule.threshold, formatThreshold(rule.threshold), "a mean stance");
    if (problem !== null) context.addIssue({ code: "custom", path: ["threshold"], message: problem });
  });

const statementCountRuleSchema = z
  .object({
    kind: z.literal("STATEMENT_COUNT"),
    speakers: speakersSchema,
    targetSlug: slugSchema,
    windowDays: windowDaysSchema,
    scoreComparison: comparisonSchema,
    scoreThreshold: z.number({ error: "the score is a number" }).int("a score is a whole number from −3 to +3"),
    comparison: comparisonSchema,
    threshold: z
      .number({ error: "the number of statements is a number" })
      .int("count whole statements")
      .min(0, "a count cannot be negative")
      .max(1_000_000, "count at most 1,000,000 statements"),
  })
  .superRefine((rule, context) => {
    const scoreProblem = describeScaleThresholdProblem(
      rule.scoreComparison,
      rule.scoreThreshold,
      formatScore(rule.scoreThreshold),
      "a score",
    );
    if (scoreProblem !== null) context.addIssue({ code: "custom", path: ["scoreThreshold"], message: scoreProblem });
    if (rule.comparison === "AT_LEAST" && rule.threshold === 0) {
      context.addIssue({
        code: "custom",
        path: ["threshold"],
        message: "“at least 0 statements” is always true, so it indicates nothing: ask for at least 1",
      });
    }
  });

export const indicatorRuleSchema = z.discriminatedUnion("kind", [meanStanceRuleSchema, statementCountRuleSchema]);
export type IndicatorRule = z.infer<typeof indicatorRuleSchema>;
export type MeanStanceRule = Extract<IndicatorRule, { kind: "MEAN_STANCE" }>;
export type StatementCountRule = Extract<IndicatorRule, { kind: "STATEMENT_COUNT" }>;

export interface IndicatorNames {
  /** The speaking actor's name, e.g. "Iran"; the rule adds "and those who speak for it" itself. */
  speakers: string;
  /** The target's name, e.g. "the United States". */
  target: string;
}

function compare(value: number, comparison: Comparison, threshold: number): boolean {
  return comparison === "AT_LEAST" ? value >= threshold : value <= threshold;
}

function pluralise(count: number, singular: string, plural: string): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** One English sentence, for lists of indicators and their history. */
export function describeIndicatorRule(rule: IndicatorRule, names: IndicatorNames): string {
  const speakers = rule.speakers.includeRepresentatives ? `${names.speakers} and those who speak for it` : names.speakers;
  if (rule.kind === "MEAN_STANCE") {
    const window = rule.windowDays === 1 ? "over the last day" : `over the last ${rule.windowDays} days`;
    const comparison = rule.comparison === "AT_LEAST" ? "at least" : "at most";
    return `Mean stance of ${speakers} toward ${names.target} ${window} is ${comparison} ${formatThreshold(rule.threshold)}`;
  }
  const statements = pluralise(rule.threshold, "statement", "statements");
  const count =
    rule.comparison === "AT_LEAST" ? `At least ${statements}` : rule.threshold === 0 ? "No statements" : `At most ${statements}`;
  const score = `scoring ${formatScore(rule.scoreThreshold)} or ${rule.scoreComparison === "AT_LEAST" ? "higher" : "lower"}`;
  return `${count} by ${speakers} toward ${names.target} ${score} within ${pluralise(rule.windowDays, "day", "days")}`;
}

/** Whether a coded statement's score is one a STATEMENT_COUNT rule counts: the threshold itself counts. */
export function isCountedStatement(rule: StatementCountRule, score: number): boolean {
  return compare(score, rule.scoreComparison, rule.scoreThreshold);
}

/**
 * Null when there is no value ("no data": a mean over a window without
 * statements), which callers show as such and treat as not triggered.
 * A value exactly at the threshold meets it, for at least and at most alike.
 */
export function isTriggered(rule: IndicatorRule, value: number | null): boolean | null {
  if (value === null) return null;
  return compare(value, rule.comparison, rule.threshold);
}

export interface IndicatorValueOn {
  /** YYYY-MM-DD. */
  on: string;
  value: number | null;
}

export interface IndicatorChange {
  on: string;
  /** The state from `on`: true when it became triggered, false when it stopped being. */
  triggered: boolean;
}

/**
 * The most recent entry whose triggered state differs from the entry before
 * it; null if the state never changed within the history. No data counts as
 * not triggered, so a mean losing its last statement is a change only if the
 * indicator had been triggered. History sorted by date, oldest first.
 */
export function lastChange(history: readonly IndicatorValueOn[], rule: IndicatorRule): IndicatorChange | null {
  let change: IndicatorChange | null = null;
  let previous: { on: string; triggered: boolean } | undefined;
  for (const { on, value } of history) {
    if (previous !== undefined && on <= previous.on) {
      throw new RangeError(`The history must be in ascending date order, one value per date; ${on} follows ${previous.on}`);
    }
    const triggered = isTriggered(rule, value) === true;
    if (previous !== undefined && triggered !== previous.triggered) change = { on, triggered };
    previous = { on, triggered };
  }
  return change;
}

/** The first day of an N-day window ending on (and including) `asOf`: asOf − N + 1, both YYYY-MM-DD, never before 0001-01-01. */
export function windowStart(asOf: string, windowDays: number): string {
  if (!Number.isInteger(windowDays) || windowDays < 1)
    throw new RangeError(`A window is a whole number of days, at least one; got ${windowDays}`);
  if (timeOfIsoDay(asOf) === null) throw new RangeError(`Not a YYYY-MM-DD date: "${asOf}"`);
  return shiftIsoDate(asOf, -(windowDays - 1));
}
