import { z } from "zod";
import { earliestDay } from "./calendar";

// Field schemas shared by several domains' schema modules.

// Every string a request carries has a maximum, so that no value is too large
// for a database index (PostgreSQL refuses a btree entry over about 2.7 kB, a
// 500 otherwise), and every whole number one that fits the column (int4).

/** The largest value of a PostgreSQL integer (int4) column. */
export const largestStoredInteger = 2_147_483_647;

/** Lower-case words joined by hyphens: stable keys for seeds, imports and URLs. */
export const slugSchema = z
  .string()
  .max(100, "must be at most 100 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lower-case letters and digits, words joined by hyphens");

/** The id of a record (a cuid); `emptyMessage` says what to choose when it is missing. */
export const idSchema = (emptyMessage?: string) => z.string().min(1, emptyMessage).max(100, "is too long to name a record");

/** A whole number that fits an integer column. */
export const storedIntegerSchema = () => z.number().int().max(largestStoredInteger, `must be at most ${largestStoredInteger}`);

/** A calendar date as YYYY-MM-DD that exists (no 31 February, no year 0). */
export const isoDateSchema = z.iso
  .date("use a real date written YYYY-MM-DD")
  .refine((date) => date >= earliestDay, `use a date from ${earliestDay} on: there was no year 0`);

/** `whenEmpty`: the instruction for an empty field, where "must not be empty" says too little (e.g. what a rationale should hold). */
export const requiredTextSchema = (maximum: number, whenEmpty = "must not be empty") =>
  z.string().trim().min(1, whenEmpty).max(maximum, `must be at most ${maximum} characters`);

/** Turns a validated YYYY-MM-DD into the UTC midnight Prisma stores in a DATE column. */
export function dateFromIso(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

export function isoFromDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** One readable line per problem, e.g. `codings.0.score: must be at most 3`. */
export function describeZodError(error: z.ZodError): string[] {
  return error.issues.map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message));
}

/** An edit carries the version it started from, so a stale edit is refused rather than silently overwriting. */
export const versionSchema = z
  .number({ error: "is required: the version you started editing from" })
  .int()
  .positive()
  .max(largestStoredInteger, "is not a version of this record");

export const deletionSchema = z.object({ version: versionSchema });

/** What a request is told when text it sent holds the NUL character, which PostgreSQL can neither store nor compare. */
export const nulCharacterProblem = "must not contain the NUL character (\\u0000)";

/** The path (e.g. `codings.2.rationale`) of the first string or key in a JSON value that holds a NUL character, or null. */
export function findTextWithNul(value: unknown): string | null {
  // Iterative, so that a deeply nested body cannot exhaust the stack.
  const pending: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (pending.length > 0) {
    const { value: current, path } = pending.pop()!;
    if (typeof current === "string") {
      if (current.includes("\u0000")) return path.join(".") || "body";
    } else if (typeof current === "object" && current !== null) {
      for (const [key, inner] of Object.entries(current)) {
        if (key.includes("\u0000")) return [...path, key.replaceAll("\u0000", "\\u0000")].join(".");
        pending.push({ value: inner, path: [...path, key] });
      }
    }
  }
  return null;
}
