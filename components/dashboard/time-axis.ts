// The chart's time axis, computed in UTC. Dates are calendar dates stored as
// UTC midnights; Chart.js's time scale would place and label them in the
// reader's time zone (a date adapter reads local time), shifting points a day
// west of Greenwich. A linear axis with these ticks keeps every date where it
// belongs, and leaves the date adapter out of the page's JavaScript.

export const dayInMilliseconds = 86_400_000;

/** UTC midnight of a YYYY-MM-DD date, as the chart's x value. */
export function utcTimestamp(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export type TickStep = { unit: "day" | "week" | "month" | "year"; count: number };

// From finest to coarsest; the finest that fits the axis's width is used.
const tickSteps: readonly TickStep[] = [
  { unit: "day", count: 1 },
  { unit: "day", count: 2 },
  { unit: "week", count: 1 },
  { unit: "week", count: 2 },
  { unit: "month", count: 1 },
  { unit: "month", count: 2 },
  { unit: "month", count: 3 },
  { unit: "month", count: 6 },
  { unit: "year", count: 1 },
  { unit: "year", count: 2 },
  { unit: "year", count: 5 },
  { unit: "year", count: 10 },
  { unit: "year", count: 25 },
  { unit: "year", count: 50 },
  { unit: "year", count: 100 },
  { unit: "year", count: 250 },
  { unit: "year", count: 500 },
  { unit: "year", count: 1000 },
  { unit: "year", count: 2500 },
  { unit: "year", count: 5000 },
];

// 1 January 1970 was a Thursday: day number d is a Monday when (d + 3) is a multiple of 7.
const mondayOffset = 3;

// Not Date.UTC, which reads the years 0 to 99 as 1900 to 1999: a chart of 0001-01-01 to 9999-12-31 has ticks there.
function firstOfMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 1);
  return date.getTime();
}

function ticksFor(step: TickStep, from: number, to: number, limit: number): number[] | null {
  const ticks: number[] = [];
  const push = (value: number) => {
    if (value >= from && value <= to) ticks.push(value);
    return ticks.length <= limit;
  };
  if (step.unit === "day" || step.unit === "week") {
    const period = step.unit === "day" ? step.count : 7 * step.count;
    const firstDay = Math.ceil(from / dayInMilliseconds);
    const offset = step.unit === "day" ? 0 : mondayOffset;
    // The first day number on the step's grid: every period-th Monday (or day), counted from the epoch.
    let day = firstDay + (((-(firstDay + offset) % period) + period) % period);
    for (; day * dayInMilliseconds <= to; day += period) if (!push(day * dayInMilliseconds)) return null;
    return ticks;
  }
  const start = new Date(from);
  const months = step.unit === "month" ? step.count : 12 * step.count;
  let monthIndex = start.getUTCFullYear() * 12 + start.getUTCMonth();
  monthIndex += (months - (monthIndex % months)) % months;
  for (; ; monthIndex += months) {
    const value = firstOfMonth(Math.floor(monthIndex / 12), monthIndex % 12);
    if (value > to) break;
    if (!push(value)) return null;
  }
  return ticks;
}

/**
 * Tick positions between from and to (timestamps): the finest step whose
 * ticks number at most maximumTicks, aligned to calendar boundaries (days,
 * Mondays, first days of months or of years) so the labels read naturally.
 */
export function timeTicks(from: number, to: number, maximumTicks: number): { step: TickStep; ticks: number[] } {
  const limit = Math.max(2, Math.floor(maximumTicks));
  for (const step of tickSteps) {
    const ticks = ticksFor(step, from, to, limit);
    if (ticks && ticks.length <= limit) return { step, ticks };
  }
  const step = tickSteps.at(-1)!;
  return { step, ticks: ticksFor(step, from, to, Number.POSITIVE_INFINITY) ?? [] };
}

/** The kind of step between ticks, read back from their spacing (Chart.js hands the label callback only the values). */
export function stepOfTicks(values: readonly number[]): TickStep["unit"] {
  if (values.length < 2) return "day";
  const spacing = values[1]! - values[0]!;
  if (spacing >= 365 * dayInMilliseconds) return "year";
  if (spacing >= 28 * dayInMilliseconds) return "month";
  return "day";
}

const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * A tick's label, as lines: "21 Oct", "Oct", or "2024". The year is added on a
 * second line at the first tick and wherever it changes, so a long axis names
 * each year once rather than on every tick.
 */
export function tickLabel(value: number, previous: number | null, unit: TickStep["unit"]): string[] {
  const date = new Date(value);
  const year = date.getUTCFullYear();
  if (unit === "year") return [String(year)];
  const yearChanged = previous === null || new Date(previous).getUTCFullYear() !== year;
  const text = unit === "month" ? monthNames[date.getUTCMonth()]! : `${date.getUTCDate()} ${monthNames[date.getUTCMonth()]}`;
  return yearChanged ? [text, String(year)] : [text];
}

/** "28 Oct 2024" for a tooltip, from a timestamp. */
export function formatTimestamp(value: number): string {
  const date = new Date(value);
  return `${date.getUTCDate()} ${monthNames[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

type AxisWithTicks = { width: number; ticks: { value: number }[] };

/** A Chart.js x scale over [from, to] (UTC timestamps) with these ticks and labels; the same on every time chart. */
export function utcTimeScale(range: { from: number; to: number }) {
  return {
    type: "linear" as const,
    min: range.from,
    max: range.to,
    afterBuildTicks: (axis: AxisWithTicks) => {
      const { ticks } = timeTicks(range.from, range.to, axis.width / 80);
      axis.ticks = ticks.map((value) => ({ value }));
    },
    ticks: {
      maxRotation: 0,
      autoSkip: false,
      font: { size: 11 },
      callback: (value: number | string, index: number, ticks: { value: number }[]) =>
        tickLabel(Number(value), index > 0 ? ticks[index - 1]!.value : null, stepOfTicks(ticks.map((tick) => tick.value))),
    },
    grid: { color: "#eef0f3" },
  };
}
