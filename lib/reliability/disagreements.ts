// Pure: which coded units need an adjudicator.

/** Codings of one statement toward one target differ by two points or more, or in sign. */
export function isDisagreement(scores: readonly number[]): boolean {
  if (scores.length < 2) return false;
  const highest = Math.max(...scores);
  const lowest = Math.min(...scores);
  return highest - lowest >= 2 || (highest > 0 && lowest < 0);
}

/** Codings one point apart and not of opposite sign: below the adjudication bar, but worth reading for how coders use the scale. */
export function isOnePointDisagreement(scores: readonly number[]): boolean {
  if (scores.length < 2) return false;
  return Math.max(...scores) - Math.min(...scores) === 1 && !isDisagreement(scores);
}
