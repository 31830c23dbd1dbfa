// The geometry of an indicator's sparkline: an SVG path through its daily
// values, with days that have no value (a mean over a window without
// statements) left as gaps rather than drawn as 0, which would read as a
// neutral stance. Pure, no I/O.

export interface SparklineBox {
  width: number;
  height: number;
  /** Kept clear on every side, so a line along the edge and its round caps stay inside. */
  padding: number;
  /** The values at the bottom and top edges; values outside are drawn at the edge. */
  minimum: number;
  maximum: number;
}

/** Two decimals are finer than a pixel and keep the markup short. */
function round(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** The x coordinate of the index-th of `count` days: evenly spread, a lone day in the middle. */
export function sparklineX(index: number, count: number, box: SparklineBox): number {
  if (count <= 1) return box.width / 2;
  return box.padding + (index * (box.width - 2 * box.padding)) / (count - 1);
}

/** The y coordinate of a value: the minimum at the bottom, the maximum at the top (SVG's y grows downward). */
export function sparklineY(value: number, box: SparklineBox): number {
  const span = box.maximum - box.minimum;
  const clamped = Math.min(box.maximum, Math.max(box.minimum, value));
  // A flat domain has no scale; its values sit in the middle.
  const share = span > 0 ? (clamped - box.minimum) / span : 0.5;
  return box.height - box.padding - share * (box.height - 2 * box.padding);
}

/**
 * The path's `d` attribute, oldest value on the left. Each run of days with
 * values is its own subpath (a new "M" after every gap); a run of one day is
 * a zero-length segment, which a round line cap draws as a dot. Empty when no
 * day has a value.
 */
export function sparklinePath(history: readonly { value: number | null }[], box: SparklineBox): string {
  const commands: string[] = [];
  let inRun = false;
  history.forEach(({ value }, index) => {
    if (value === null) {
      inRun = false;
      return;
    }
    const x = round(sparklineX(index, history.length, box));
    const y = round(sparklineY(value, box));
    const next = history[index + 1];
    const isLoneDay = !inRun && (next === undefined || next.value === null);
    if (isLoneDay) commands.push(`M${x} ${y}h0`);
    else commands.push(`${inRun ? "L" : "M"}${x} ${y}`);
    inRun = true;
  });
  return commands.join("");
}

/**
 * The value range to draw: the whole stance scale for a mean (so sparklines
 * compare at a glance), and for a count from 0 to whichever is larger, the
 * highest count or the threshold, so the threshold line is always in view.
 */
export function sparklineDomain(
  kind: "MEAN_STANCE" | "STATEMENT_COUNT",
  history: readonly { value: number | null }[],
  threshold: number,
): { minimum: number; maximum: number } {
  if (kind === "MEAN_STANCE") return { minimum: -3, maximum: 3 };
  const highest = Math.max(threshold, ...history.map(({ value }) => value ?? 0));
  return { minimum: 0, maximum: Math.max(1, Math.ceil(highest * 1.15)) };
}
