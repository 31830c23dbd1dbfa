import type { DatePrecision } from "./generated/prisma/enums";

// Apart from lib/validation.ts (zod and its schemas) because every form's date field shows these: a page with a form need not load zod to draw it.

/** How precisely a date is known (statements, codings, events): the day, or only the month (the date is then its first day). */
export const datePrecisionLabels: Record<DatePrecision, string> = { DAY: "Exact day", MONTH: "Month only" };
