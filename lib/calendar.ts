// The calendar every date in Stancewatch lives in: YYYY-MM-DD days, UTC. Pure, and apart from lib/validation.ts
// so that pure modules can shift dates without loading zod.

/**
 * The first and last days Stancewatch holds: four-digit years, and no year 0, which the ISO format allows and
 * PostgreSQL does not have (it counts 1 BC, then AD 1).
 */
export const earliestDay = "0001-01-01";
export const latestDay = "9999-12-31";

/**
 * UTC midnight of a YYYY-MM-DD day that exists (no 31 February), in milliseconds, or null. Parsed as an ISO
 * timestamp, never rebuilt with Date.UTC, which reads the years 0 to 99 as 1900 to 1999.
 */
export function timeOfIsoDay(date: string): number | null {
  const time = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  return Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== date ? null : time;
}

/** Whether `text` is a real YYYY-MM-DD day that Stancewatch can hold: from 0001-01-01, no 31 February. */
export function isCalendarDay(text: string): boolean {
  return timeOfIsoDay(text) !== null && text >= earliestDay;
}

const earliestTime = Date.parse(`${earliestDay}T00:00:00Z`);
const latestTime = Date.parse(`${latestDay}T00:00:00Z`);

/**
 * A YYYY-MM-DD date moved by `days`, stopping at the first or last day Stancewatch holds: a window padded or
 * stretched past either end ends there, where the plain sum would be a year 0 or a five-digit year, which
 * neither the ISO format's four digits nor PostgreSQL accepts.
 */
export function shiftIsoDate(date: string, days: number): string {
  const shifted = new Date(`${date}T00:00:00Z`);
  shifted.setUTCDate(shifted.getUTCDate() + days);
  return new Date(Math.min(latestTime, Math.max(earliestTime, shifted.getTime()))).toISOString().slice(0, 10);
}
