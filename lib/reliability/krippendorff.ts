// Krippendorff's alpha, computed through the coincidence matrix as in
// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability"
// (Annenberg School for Communication, University of Pennsylvania).
//
// Conventions:
// - A unit is the list of values its coders gave, in any order and from any
//   number of coders; a missing coding is simply absent. Units with fewer than
//   two values cannot form a pair, carry no information about agreement and are
//   left out entirely: they count neither towards n nor towards the marginals
//   the ordinal metric and the expected disagreement are built from.
// - alpha is null, not 0 or 1, when it is undefined: with no pairable unit
//   there is nothing to measure, and when every pairable value is the same the
//   expected disagreement D_e is 0, so D_o / D_e is 0 / 0. Reporting a number
//   there would claim either perfect or no reliability from data that shows
//   neither (a coding scheme nobody varies on is not tested by it).
// - The ordinal metric ranks only the values actually present, weighted by
//   their marginal frequencies, exactly as the paper does; so an unused point
//   of the scale does not widen the distance between its neighbours.

export type MeasurementLevel = "nominal" | "ordinal" | "interval";

/** The values the coders gave one unit (e.g. one statement × target). */
export type ReliabilityUnit = readonly number[];

export interface AlphaResult {
  /** 1 − D_o / D_e; null when undefined (no pairable unit, or D_e = 0). */
  alpha: number | null;
  /** Units with at least two values (the only ones that count). */
  units: number;
  /** n: the number of values in those units. */
  pairableValues: number;
}

export function krippendorffAlpha(units: readonly ReliabilityUnit[], level: MeasurementLevel): AlphaResult {
  const pairable = units.filter((unit) => unit.length >= 2);
  for (const unit of pairable) {
    for (const value of unit) {
      if (!Number.isFinite(value)) throw new RangeError(`Reliability values must be finite numbers; got ${value}`);
    }
  }

  // n_c: the marginal of value c in the coincidence matrix, which equals how
  // often c occurs among the pairable values.
  const marginals = countValues(pairable.flat());
  const n = pairable.reduce((sum, unit) => sum + unit.length, 0);
  if (n === 0) return { alpha: null, units: 0, pairableValues: 0 };

  const distance = squaredDistance(level, marginals);

  // Σ_c Σ_k o_ck δ²_ck, where unit u adds n_uc · (n_uk − [c = k]) / (m_u − 1) to o_ck.
  let observed = 0;
  for (const unit of pairable) {
    const counts = countValues(unit);
    let unitSum = 0;
    for (const [c, ncu] of counts) {
      for (const [k, nku] of counts) {
        if (c !== k) unitSum += ncu * nku * distance(c, k);
      }
    }
    observed += unitSum / (unit.length - 1);
  }

  // Σ_c Σ_k n_c n_k δ²_ck.
  let expected = 0;
  for (const [c, nc] of marginals) {
    for (const [k, nk] of marginals) {
      if (c !== k) expected += nc * nk * distance(c, k);
    }
  }

  // D_o = observed / n and D_e = expected / (n (n − 1)).
  const alpha = expected === 0 ? null : 1 - ((n - 1) * observed) / expected;
  return { alpha, units: pairable.length, pairableValues: n };
}

function countValues(values: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

export function squaredDistance(level: MeasurementLevel, marginals: ReadonlyMap<number, number>): (c: number, k: number) => number {
  switch (level) {
    case "nominal":
      return (c, k) => (c === k ? 0 : 1);
    case "interval":
      return (c, k) => (c - k) ** 2;
    case "ordinal": {
      // Cumulative marginal through each value, in rank order, so that
      // Σ_{g=c..k} n_g = through(k) − through(c) + n_c for c ≤ k.
      const through = new Map<number, number>();
      let running = 0;
      for (const value of [...marginals.keys()].sort((a, b) => a - b)) {
        running += marginals.get(value) ?? 0;
        through.set(value, running);
      }
      return (c, k) => {
        const [low, high] = c <= k ? [c, k] : [k, c];
        const nLow = marginals.get(low) ?? 0;
        const nHigh = marginals.get(high) ?? 0;
        const between = (through.get(high) ?? 0) - (through.get(low) ?? 0) + nLow;
        return (between - (nLow + nHigh) / 2) ** 2;
      };
    }
    default:
      // Unreachable for typed callers; guards values that arrive untyped (e.g. a query string).
      throw new RangeError(`Unknown measurement level: ${String(level)}`);
  }
}
