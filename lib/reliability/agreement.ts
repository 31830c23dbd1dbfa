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
      const units: number[][] = [];
      for (const byCoder of byUnit.values()) {
        const a = byCoder.get(first);
        const b = byCoder.get(second);
        if (a !== undefined && b !== undefined) units.push([a, b]);
      }
      pairs.push({ coders: [first, second], ...krippendorffAlpha(units, level) });
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
