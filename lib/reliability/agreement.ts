// Agreement measures built on Krippendorff's alpha, for codings as the app
// stores them: one value per coder per unit (a unit being, e.g., a
// statement × target pair).

import { type AlphaResult, type MeasurementLevel, type ReliabilityUnit, krippendorffAlpha } from "./krippendorff";

export interface Coding {
  unitId: string;
  coderId: string;
  value: number;
}

export interface PercentAgreement {
  /** Share (0..1) of pairable units whose values are all equal; null without pairable units. */
  proportion: number | null;
  agreeingUnits: number;
  /** Units with at least two values, as for alpha. */
  units: number;
}

export interface CoderPairAlpha extends AlphaResult {
  /** The two coders, in the order of their ids. */
  coders: readonly [string, string];
}

/**
 * Raw agreement, reported alongside alpha because it stays defined when alpha
 * is not (no variation) and is what readers intuitively expect; it ignores
 * chance agreement and the size of a disagreement, which is why alpha is the
 * measure to judge reliability by.
 */
export function percentAgreement(units: readonly ReliabilityUnit[]): PercentAgreement {
  const pairable = units.filter((unit) => unit.length >= 2);
  const agreeingUnits = pairable.filter((unit) => unit.every((value) => value === unit[0])).length;
  return { proportion: pairable.length === 0 ? null : agreeingUnits / pairable.length, agreeingUnits, units: pairable.length };
}

/**
 * The share of pairable units whose values lie within one point of each other
 * (highest − lowest ≤ 1). On a 7-point scale exact agreement is a hard bar; a
 * high share here with low exact agreement points to scale-reading noise
 * rather than coders seeing different stances.
 */
export function agreementWithinOnePoint(units: readonly ReliabilityUnit[]): PercentAgreement {
  const pairable = units.filter((unit) => unit.length >= 2);
  const agreeingUnits = pairable.filter((unit) => Math.max(...unit) - Math.min(...unit) <= 1).length;
  return { proportion: pairable.length === 0 ? null : agreeingUnits / pairable.length, agreeingUnits, units: pairable.length };
}

/** The values two coders gave the units both coded, as [first's, second's]. */
export function unitsCodedByBoth(codings: readonly Coding[], first: string, second: string): [number, number][] {
  return pairValues(groupByUnit(codings), first, second);
}

function pairValues(byUnit: ReadonlyMap<string, ReadonlyMap<string, number>>, first: string, second: string): [number, number][] {
  const units: [number, number][] = [];
  for (const byCoder of byUnit.values()) {
    const a = byCoder.get(first);
    const b = byCoder.get(second);
    if (a !== undefined && b !== undefined) units.push([a, b]);
  }
  return units;
}

/**
 * Counts of (first coder's score, second coder's score) over the units both
 * coded: rows are the first coder's scores in `scale` order, columns the
 * second's. Mass off the diagonal on one side shows one coder scoring
 * systematically higher.
 */
export function confusionMatrix(pairs: readonly (readonly [number, number])[], scale: readonly number[]): number[][] {
  const position = new Map(scale.map((value, index) => [value, index]));
  const matrix = scale.map(() => scale.map(() => 0));
  for (const [a, b] of pairs) {
    const row = position.get(a);
    const column = position.get(b);
    if (row === undefined || column === undefined) throw new RangeError(`A score outside the scale: ${a} or ${b}`);
    matrix[row]![column]! += 1;
  }
  return matrix;
}

export interface CoderDeviation {
  coderId: string;
  /** Units with a reference value that this coder coded. */
  units: number;
  /** Mean of (coder's value − reference): positive scores higher than the reference. */
  meanDeviation: number | null;
  /** Mean of |coder's value − reference|. */
  meanAbsoluteDeviation: number | null;
}

/**
 * Each coder's mean deviation from a unit's reference value: the adjudicated
 * value where there is one, otherwise the consensus, the median of every
 * coder's value on the unit (the coder's own included, so two coders split a
 * disagreement evenly rather than each being charged all of it). A unit coded
 * once and not adjudicated has no reference apart from the coder, so it is skipped.
 */
export function coderDeviations(codings: readonly Coding[], adjudicatedByUnit: ReadonlyMap<string, number>): CoderDeviation[] {
  const totals = new Map<string, { units: number; signed: number; absolute: number }>();
  for (const coderId of new Set(codings.map((coding) => coding.coderId))) totals.set(coderId, { units: 0, signed: 0, absolute: 0 });
  for (const [unitId, byCoder] of groupByUnit(codings)) {
    const values = [...byCoder.values()];
    const reference = adjudicatedByUnit.get(unitId) ?? (values.length >= 2 ? medianOf(values) : undefined);
    if (reference === undefined) continue;
    for (const [coderId, value] of byCoder) {
      const total = totals.get(coderId)!;
      total.units += 1;
      total.signed += value - reference;
      total.absolute += Math.abs(value - reference);
    }
  }
  return [...totals].map(([coderId, total]) => ({
    coderId,
    units: total.units,
    meanDeviation: total.units ? total.signed / total.units : null,
    meanAbsoluteDeviation: total.units ? total.absolute / total.units : null,
  }));
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Groups codings into units, one value per coder. A coder coding the same unit
 * twice is rejected rather than resolved: counting both would make that coder
 * agree with themselves, and picking one would hide a data error.
 */
export function unitsFromCodings(codings: readonly Coding[]): ReliabilityUnit[] {
  return [...groupByUnit(codings).values()].map((byCoder) => [...byCoder.values()]);
}

/**
 * Alpha for every pair of coders who appear in the codings, each computed only
 * over the units both of them coded. Pairs with no unit in common are kept
 * (alpha null, units 0) so that a missing overlap is visible, not silent.
 */
export function pairwiseAlpha(codings: readonly Coding[], level: MeasurementLevel): CoderPairAlpha[] {
  const byUnit = groupByUnit(codings);
  const coders = [...new Set(codings.map((coding) => coding.coderId))].sort();
  const pairs: CoderPairAlpha[] = [];
  for (const [i, first] of coders.entries()) {
    for (const second of coders.slice(i + 1)) {
      pairs.push({ coders: [first, second], ...krippendorffAlpha(pairValues(byUnit, first, second), level) });
    }
  }
  return pairs;
}

function groupByUnit(codings: readonly Coding[]): Map<string, Map<string, number>> {
  const byUnit = new Map<string, Map<string, number>>();
  for (const { unitId, coderId, value } of codings) {
    let byCoder = byUnit.get(unitId);
    if (byCoder === undefined) {
      byCoder = new Map();
      byUnit.set(unitId, byCoder);
    }
    if (byCoder.has(coderId)) throw new RangeError(`Coder ${coderId} coded unit ${unitId} more than once`);
    byCoder.set(coderId, value);
  }
  return byUnit;
}
