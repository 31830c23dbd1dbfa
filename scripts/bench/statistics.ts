// Summaries of repeated timings. Percentiles are nearest-rank: every figure
// reported is a time that was actually measured.

export type TimingSummary = { count: number; median: number; p90: number; p99: number; minimum: number; maximum: number };

function nearestRank(sorted: number[], percentile: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((percentile / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summariseTimings(milliseconds: number[]): TimingSummary {
  if (milliseconds.length === 0) throw new Error("No timings to summarise.");
  const sorted = [...milliseconds].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return {
    count: sorted.length,
    median: sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2,
    p90: nearestRank(sorted, 90),
    p99: nearestRank(sorted, 99),
    minimum: sorted[0]!,
    maximum: sorted.at(-1)!,
  };
}

/** Milliseconds taken by `work`, measured with the monotonic clock. */
export async function timeOnce(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/**
 * The sentence a section adds about its load averages (with its leading space): a warning when any of them was
 * above half the processor count, nothing otherwise. The one-minute average counts the last minute's work, the
 * benchmark's own earlier steps included, so it says other work ran, not whose.
 */
export function describeLoad(loadAverages: number[], processors: number): string {
  return Math.max(...loadAverages) > processors / 2
    ? " The load average was above half the processor count: other work ran, so the wall-clock figures are noisy."
    : "";
}
