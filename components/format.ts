// Display formatting shared by pages and components. Every time is shown in
// UTC and says so: analysts compare statements made across many time zones.

import { isCalendarDay } from "@/lib/calendar";

const dateTimeOptions: Intl.DateTimeFormatOptions = {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
};

/** "28 Oct 2024, 14:03 UTC" from an ISO instant. */
export function formatDateTime(iso: string): string {
  return `${new Date(iso).toLocaleString("en-GB", dateTimeOptions)} UTC`;
}

/** "28 Oct 2024" from a calendar date written YYYY-MM-DD. */
export function formatDay(isoDate: string): string {
  return new Date(`${isoDate}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

/** "28 Oct 2024", or "Oct 2024" when only the month is known. */
export function formatSaidOn(isoDate: string, precision: "DAY" | "MONTH"): string {
  if (precision === "DAY") return formatDay(isoDate);
  return new Date(`${isoDate}T00:00:00Z`).toLocaleDateString("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
}

/**
 * What a date field holds, written as the app writes dates ("28 Oct 2024", or
 * "Oct 2024" when only the month counts), for the readout beside the browser's
 * date picker, which shows dates in the browser's own format. Null while the
 * field is empty or not a real calendar date.
 */
export function formatDateFieldValue(value: string, precision: "DAY" | "MONTH" = "DAY"): string | null {
  return isCalendarDay(value) ? formatSaidOn(value, precision) : null;
}

export function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** "StanceCoding" → "Stance coding": audit entries name records by model. */
export function describeEntity(entity: string): string {
  const words = entity.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The date and the UTC time apart, for table cells that stack them. */
export function splitDateTime(iso: string): { date: string; time: string } {
  const instant = new Date(iso);
  return {
    date: instant.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }),
    time: `${instant.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" })} UTC`,
  };
}
