// The stance scale: ordinal, speaker toward target.

export const minimumScore = -3;
export const maximumScore = 3;

const scoreLabels: Record<number, string> = {
  [-3]: "Very hostile",
  [-2]: "Hostile",
  [-1]: "Somewhat hostile",
  0: "Neutral or mixed",
  1: "Somewhat conciliatory",
  2: "Conciliatory",
  3: "Very conciliatory",
};

export function describeScore(score: number): string {
  const label = scoreLabels[score];
  if (label === undefined) throw new RangeError(`A stance score is a whole number from ${minimumScore} to ${maximumScore}; got ${score}`);
  return label;
}

/** "+2" / "0" / "−1": the sign always shown, with a true minus sign. */
export function formatScore(score: number, fractionDigits = 0): string {
  const text = Math.abs(score).toFixed(fractionDigits);
  if (Number(text) === 0) return text;
  return score > 0 ? `+${text}` : `−${text}`;
}
