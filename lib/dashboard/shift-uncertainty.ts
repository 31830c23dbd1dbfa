// How sure a change between two buckets' mean stances is. Pure, no I/O.
//
// A bucket's mean rests on a handful of statements; the change between two
// such means is reported with a Welch 95 % interval (each side's own
// variance, Welch–Satterthwaite degrees of freedom, Student's t), the usual
// interval for a difference of two small independent samples. It speaks to
// the sampling of statements only: a bucket whose statements all scored the
// same has no spread to estimate, so its interval cannot be computed from it
// and is reported as unknown rather than as zero width.

export interface BucketSample {
  mean: number;
  /** Sample standard deviation of the statement values; null with one statement. */
  standardDeviation: number | null;
  statementCount: number;
}

// Student's t, 97.5th percentile, by degrees of freedom (standard tables).
const tTable: [number, number][] = [
  [1, 12.706],
  [2, 4.303],
  [3, 3.182],
  [4, 2.776],
  [5, 2.571],
  [6, 2.447],
  [7, 2.365],
  [8, 2.306],
  [9, 2.262],
  [10, 2.228],
  [12, 2.179],
  [15, 2.131],
  [20, 2.086],
  [30, 2.042],
  [60, 2.0],
  [120, 1.98],
];

/** t(0.975, df), interpolated linearly in 1 / df between table rows (accurate to about 0.005); 1.960 as df grows without bound. */
export function tCritical975(degreesOfFreedom: number): number {
  if (!(degreesOfFreedom >= 1)) throw new RangeError(`Degrees of freedom must be at least 1; got ${degreesOfFreedom}`);
  const rows: [number, number][] = [...tTable, [Number.POSITIVE_INFINITY, 1.96]];
  for (let index = 0; index < rows.length - 1; index++) {
    const [lowDf, lowT] = rows[index]!;
    const [highDf, highT] = rows[index + 1]!;
    if (degreesOfFreedom <= highDf) {
      const position = (1 / lowDf - 1 / degreesOfFreedom) / (1 / lowDf - 1 / highDf);
      return lowT + (highT - lowT) * position;
    }
  }
  return 1.96;
}

/** The Welch 95 % interval of after.mean − before.mean; null when either side has fewer than two statements or neither varies. */
export function changeInterval(before: BucketSample, after: BucketSample): { lower: number; upper: number } | null {
  if (before.statementCount < 2 || after.statementCount < 2) return null;
  if (before.standardDeviation === null || after.standardDeviation === null) return null;
  const beforeVariance = before.standardDeviation ** 2 / before.statementCount;
  const afterVariance = after.standardDeviation ** 2 / after.statementCount;
  const variance = beforeVariance + afterVariance;
  if (variance === 0) return null;
  const degreesOfFreedom =
    variance ** 2 / (beforeVariance ** 2 / (before.statementCount - 1) + afterVariance ** 2 / (after.statementCount - 1));
  const halfWidth = tCritical975(degreesOfFreedom) * Math.sqrt(variance);
  const change = after.mean - before.mean;
  return { lower: change - halfWidth, upper: change + halfWidth };
}
