// A bootstrap confidence interval for Krippendorff's alpha, following Hayes &
// Krippendorff (2007), "Answering the call for a standard reliability measure
// for coding data", Communication Methods and Measures 1(1): 77–89 (the
// algorithm of their KALPHA macro). Pure, no I/O, and reproducible: the random
// numbers come from a seeded generator, so the same data and seed always give
// the same interval.
//
// The algorithm resamples pairs of values, not units. Alpha is
// 1 − D_o / D_e, and D_o = (1/n) Σ_u [2 Σ_{pairs in u} δ²] / (m_u − 1): each
// unit's m_u(m_u − 1)/2 pairs contribute their disagreement with weight
// 2 / (n (m_u − 1)). A replicate replaces every unit's pairs by as many pairs
// drawn from the coincidence matrix (a pair (c, k) with probability o_ck / n),
// keeps D_e fixed, and recomputes alpha. Hayes & Krippendorff floor replicates
// at −1, alpha's smallest meaningful value; so do we. The 95 % interval is the
// 2.5th and 97.5th percentiles of the replicates.

import type { MeasurementLevel, ReliabilityUnit } from "./krippendorff";
import { krippendorffAlpha, squaredDistance } from "./krippendorff";

export interface AlphaInterval {
  /** Alpha on the data itself. */
  alpha: number;
  /** 2.5th and 97.5th percentiles of the replicates. */
  lower: number;
  upper: number;
  /** Mean of the replicates: should sit close to alpha (the resampling is unbiased for D_o). */
  bootstrapMean: number;
  replicates: number;
}

/** mulberry32: a small, fast 32-bit generator, plenty for resampling; returns [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Walker's alias method (Vose's construction): after O(k) set-up, each draw
 * from k weighted cells costs one random number and one comparison, which
 * keeps thousands of replicates over thousands of pairs fast.
 */
function buildAliasTable(probabilities: readonly number[]): { threshold: Float64Array; alias: Int32Array } {
  const count = probabilities.length;
  const total = probabilities.reduce((sum, probability) => sum + probability, 0);
  const scaled = Float64Array.from(probabilities, (probability) => (probability * count) / total);
  const threshold = new Float64Array(count);
  const alias = new Int32Array(count);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((value, index) => (value < 1 ? small : large).push(index));
  while (small.length > 0 && large.length > 0) {
    const less = small.pop()!;
    const more = large.pop()!;
    threshold[less] = scaled[less]!;
    alias[less] = more;
    scaled[more] = scaled[more]! + scaled[less]! - 1;
    (scaled[more]! < 1 ? small : large).push(more);
  }
  // What is left is 1 up to rounding: always the cell itself.
  for (const index of [...small, ...large]) {
    threshold[index] = 1;
    alias[index] = index;
  }
  return { threshold, alias };
}

/** The value at quantile q (0..1) of sorted values, interpolating linearly between ranks. */
function quantile(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/**
 * The bootstrap 95 % interval of alpha; null when alpha itself is undefined
 * (no pairable unit, or no variation).
 */
export function bootstrapAlpha(
  units: readonly ReliabilityUnit[],
  level: MeasurementLevel,
  options: { replicates?: number; seed?: number; maximumDraws?: number } = {},
): AlphaInterval | null {
  const random = seededRandom(options.seed ?? 20070101);
  const pairable = units.filter((unit) => unit.length >= 2);
  const { alpha } = krippendorffAlpha(pairable, level);
  if (alpha === null) return null;
  // The work is replicates × pairs. On a large corpus the interval is narrow and needs fewer replicates to
  // place it, so the count shrinks (never below 200) to keep a page view within a few million draws.
  const pairCount = pairable.reduce((sum, unit) => sum + (unit.length * (unit.length - 1)) / 2, 0);
  const replicates =
    options.replicates ?? Math.max(200, Math.min(2000, Math.floor((options.maximumDraws ?? 4_000_000) / Math.max(1, pairCount))));

  // The coincidence matrix over the distinct values, as cells with a probability and a squared distance.
  const values = [...new Set(pairable.flat())].sort((a, b) => a - b);
  const index = new Map(values.map((value, position) => [value, position]));
  const size = values.length;
  const coincidences = new Float64Array(size * size);
  let n = 0;
  for (const unit of pairable) {
    n += unit.length;
    const weight = 1 / (unit.length - 1);
    for (let i = 0; i < unit.length; i++) {
      for (let j = 0; j < unit.length; j++) {
        if (i !== j) coincidences[index.get(unit[i]!)! * size + index.get(unit[j]!)!]! += weight;
      }
    }
  }
  const marginals = new Map(
    values.map((value, position) => {
      let total = 0;
      for (let k = 0; k < size; k++) total += coincidences[position * size + k]!;
      return [value, total];
    }),
  );
  const distance = squaredDistance(level, marginals);

  // Only cells with coincidences can be drawn, each with probability o_ck / n.
  const cellProbabilities: number[] = [];
  const cellDistances: number[] = [];
  let expectedSum = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      const delta = distance(values[c]!, values[k]!);
      expectedSum += marginals.get(values[c]!)! * marginals.get(values[k]!)! * delta;
      const o = coincidences[c * size + k]!;
      if (o > 0) {
        cellProbabilities.push(o / n);
        cellDistances.push(delta);
      }
    }
  }
  const cellDelta = Float64Array.from(cellDistances);
  const { threshold, alias } = buildAliasTable(cellProbabilities);
  const cellCount = cellDelta.length;
  // D_e = Σ n_c n_k δ² / (n (n − 1)).
  const expectedDisagreement = expectedSum / (n * (n - 1));

  // Units with the same number of values share a weight, so each group is one run of draws.
  const pairsByUnitSize = new Map<number, number>();
  for (const unit of pairable) {
    const m = unit.length;
    pairsByUnitSize.set(m, (pairsByUnitSize.get(m) ?? 0) + (m * (m - 1)) / 2);
  }
  const groups = [...pairsByUnitSize].map(([m, pairs]) => ({ pairs, weight: 2 / (n * (m - 1)) }));

  const draws = new Float64Array(replicates);
  for (let replicate = 0; replicate < replicates; replicate++) {
    let observed = 0;
    for (const group of groups) {
      let sum = 0;
      for (let pair = 0; pair < group.pairs; pair++) {
        // One uniform number picks a column of the alias table and, with its fraction, the cell or its alias.
        const scaled = random() * cellCount;
        const column = Math.floor(scaled);
        sum += cellDelta[scaled - column < threshold[column]! ? column : alias[column]!]!;
      }
      observed += sum * group.weight;
    }
    draws[replicate] = Math.max(-1, 1 - observed / expectedDisagreement);
  }
  let total = 0;
  for (const draw of draws) total += draw;
  draws.sort();
  return { alpha, lower: quantile(draws, 0.025), upper: quantile(draws, 0.975), bootstrapMean: total / replicates, replicates };
}
