// Where a statement whose date is known only to the month is drawn, and how
// it is labelled (docs/decisions/0014-date-precision-and-small-samples.md). Pure.

import { longMonthNames } from "./summary";

/**
 * The day a statement is charted on: its own day, or for a month-precision
 * statement (stored on the 1st) the middle of its month, so that it sits
 * among the month's events rather than before all of them.
 */
export function chartDateOf(saidOn: string, precision: "DAY" | "MONTH"): string {
  if (precision === "DAY") return saidOn;
  const [year, month] = saidOn.split("-").map(Number) as [number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${saidOn.slice(0, 8)}${String(Math.floor(daysInMonth / 2) + 1).padStart(2, "0")}`;
}

/**
 * The last day a dashboard view must reach to take a statement in: windows
 * count a month-precision statement from the last day of its month. The
 * queries apply the rule in SQL (`countedOnOfCoding`, lib/dashboard/stance-sql.ts);
 * this mirror only stretches a default window's end so that it holds them.
 */
export function lastCountedDayOf(saidOn: string, precision: "DAY" | "MONTH"): string {
  if (precision === "DAY") return saidOn;
  const [year, month] = saidOn.split("-").map(Number) as [number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${saidOn.slice(0, 8)}${String(daysInMonth).padStart(2, "0")}`;
}

/** "October 2024": a month-precision date as what it is. */
export function formatMonth(date: string): string {
  const [year, month] = date.split("-").map(Number) as [number, number];
  return `${longMonthNames[month - 1]} ${year}`;
}
