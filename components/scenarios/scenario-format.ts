// Words and numbers for the scenario pages. Pure, shared by server pages and
// client leaves alike.
import { formatScore } from "@/lib/codings/scale";
import type { DiagnosticityLabel } from "@/lib/scenarios/ach";
import type { EvidenceStanceChange, IndicatorEffectValue } from "@/lib/scenarios/types";

/** The glyph carries the direction too, so the effect never rests on colour alone. */
export const indicatorEffectGlyphs: Record<IndicatorEffectValue, string> = { SUPPORTS: "▲", UNDERMINES: "▼" };

export const diagnosticityLabels: Record<DiagnosticityLabel, string> = { high: "High", medium: "Medium", low: "Low", none: "None" };

/** A non-breaking space keeps "70" and "%" on one line. */
const percentSign = "\u00a0%";

/** 0.7 → "70 %", 0.725 → "72.5 %": one decimal only where the estimate has one. */
export function formatProbability(probability: number): string {
  const percent = Math.round(probability * 1000) / 10;
  return `${percent.toFixed(Number.isInteger(percent) ? 0 : 1)}${percentSign}`;
}

/** Brier scores are compared in the second and third decimal. */
export function formatBrier(brier: number): string {
  return brier.toFixed(3);
}

/** The range every Brier score shown is on (Brier 1950, Good Judgment Open): say it wherever one is shown. */
export const brierScaleLabel = "Brier (0–2)";

/** Log scores are in bits: 1 is what 50 % earns. */
export function formatLogScore(score: number): string {
  return score.toFixed(2);
}

/** −0.038 beats the team median, +0.012 trails it; a true minus sign, and a plus so the sign is never implied. */
export function formatRelativeBrier(difference: number): string {
  const rounded = Number(difference.toFixed(3));
  if (rounded === 0) return "0.000";
  return `${rounded < 0 ? "\u2212" : "+"}${Math.abs(rounded).toFixed(3)}`;
}

/** Inconsistency scores are sums of 0.5, 1 and 2: at most one decimal. */
export function formatInconsistency(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}

/** 1 → "1st", 2 → "2nd", 11 → "11th", 22 → "22nd". */
export function ordinal(value: number): string {
  const lastTwo = value % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${value}th`;
  const suffix = ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[value % 10] ?? "th";
  return `${value}${suffix}`;
}

/** "the least inconsistent of 3", "2nd least inconsistent of 3". */
export function describeInconsistencyRank(rank: number, of: number): string {
  if (of <= 1) return "the only scenario in its set";
  if (rank === 1) return `the least inconsistent of ${of}`;
  return `${ordinal(rank)} least inconsistent of ${of}`;
}

/**
 * The scenarios ACH points to: the lowest weighted inconsistency among those
 * with any rated evidence (all of them when tied). None before anything is
 * rated, since a score of 0 on no evidence says nothing.
 */
export function leastInconsistentScenarioIds(
  scenarios: readonly { id: string; weightedInconsistency: number; ratedEvidenceCount: number }[],
): Set<string> {
  const rated = scenarios.filter((scenario) => scenario.ratedEvidenceCount > 0);
  if (rated.length === 0) return new Set();
  const lowest = Math.min(...rated.map((scenario) => scenario.weightedInconsistency));
  return new Set(rated.filter((scenario) => scenario.weightedInconsistency === lowest).map((scenario) => scenario.id));
}

/** "toward the United States +1 → −2"; a coding removed or added reads "not coded". */
export function describeStanceChange(change: EvidenceStanceChange): string {
  const value = (score: number | null) => (score === null ? "not coded" : formatScore(score, Number.isInteger(score) ? 0 : 1));
  return `toward ${change.targetName} ${value(change.before)} → ${value(change.after)}`;
}

/** An indicator's value in words: a signed mean with one decimal, or a count of statements. */
export function formatIndicatorValue(kind: "MEAN_STANCE" | "STATEMENT_COUNT", value: number | null): string {
  if (kind === "STATEMENT_COUNT") {
    const count = value ?? 0;
    return `${count} ${count === 1 ? "statement" : "statements"}`;
  }
  return value === null ? "No data" : `Mean ${formatScore(value, 1)}`;
}

/** A percentage typed by hand ("72.5", "72,5 %") as a probability; null when it is not a number from 0 to 100. */
export function parsePercentage(text: string): number | null {
  const trimmed = text.trim().replace(",", ".").replace(/\s*%$/, "");
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  const percent = Number(trimmed);
  if (percent > 100) return null;
  // Rounded to a tenth of a percent, so 7.1 % does not arrive as 0.07100000000000001.
  return Math.round(percent * 10) / 1000;
}
