// The window and unit a stance chart uses when the view leaves them open. Pure.
import { shiftIsoDate } from "../calendar";

/**
 * The window a chart shows: the statements' dates, padded so that the events
 * leading up to them are visible. Null when there are no statements.
 */
export function chooseTimeWindow(statementDates: string[], padding = { before: 45, after: 14 }): { from: string; to: string } | null {
  if (statementDates.length === 0) return null;
  const sorted = [...statementDates].sort();
  return { from: shiftIsoDate(sorted[0]!, -padding.before), to: shiftIsoDate(sorted[sorted.length - 1]!, padding.after) };
}

/**
 * The window when there are no statements to choose from: the last 90 days up
 * to today. (Padding today as if it were a statement's date showed a window
 * ending two weeks in the future.)
 */
export function windowWithoutData(today: string): { from: string; to: string } {
  return { from: shiftIsoDate(today, -90), to: today };
}

/** Weekly ticks crowd a window longer than about four months; months read better there. */
export function chooseTimeUnit(window: { from: string; to: string }): "day" | "week" | "month" {
  const days = (Date.parse(window.to) - Date.parse(window.from)) / 86_400_000;
  if (days <= 21) return "day";
  return days <= 120 ? "week" : "month";
}
