// Keyset (cursor) paging for every list: a page is "the next N rows after this
// one in this order", never "skip M rows", so a later page costs what the first
// does (see docs/decisions/0016-list-paging.md). Pure: builds Prisma where and
// orderBy clauses and encodes cursors. No I/O.
import { earliestDay } from "../calendar";
import { BadRequestError } from "../errors";
import { largestStoredInteger } from "../validation";

export type SortDirection = "asc" | "desc";
export type SortValueType = "string" | "date" | "number";

/** One way to sort a list: by a top-level, non-null column, with the id as the tie-breaker. */
export type SortOption = { field: string; type: SortValueType; label: string; defaultDirection: SortDirection };

export type Sort = { key: string; direction: SortDirection };

/** Where the previous page ended: the sort it was read in, and the last row's sort value and id. */
export type Cursor = { sort: string; direction: SortDirection; value: string | number; id: string };

const cursorProblem = "This page link is not valid (it may be from an older version of the list): go back to the first page.";

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.direction, cursor.value, cursor.id]), "utf8").toString("base64url");
}

/**
 * A date cursor's value exactly as cursorValue writes it (toISOString), within the calendar the database holds.
 * Date.parse alone took "1" (2001), "Tue, 1 Jan 0000" or year −271821, which PostgreSQL then refused: a 500.
 */
function isCursorInstant(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) || value < earliestDay) return false;
  const instant = new Date(value);
  return !Number.isNaN(instant.getTime()) && instant.toISOString() === value;
}

/**
 * Reads a cursor from a URL; any tampering, or a cursor of another sort order,
 * is a 400 with a sentence rather than a wrong page.
 */
export function decodeCursor(text: string, sort: Sort, option: SortOption): Cursor {
  if (text.length > 1000 || !/^[A-Za-z0-9_-]+$/.test(text)) throw new BadRequestError(cursorProblem);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw new BadRequestError(cursorProblem);
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw new BadRequestError(cursorProblem);
  const [sortKey, direction, value, id] = parsed as unknown[];
  if (sortKey !== sort.key || direction !== sort.direction)
    throw new BadRequestError("This page link belongs to another sort order: go back to the first page.");
  // PostgreSQL's text holds no NUL character: one in a cursor failed there rather than here.
  if (typeof id !== "string" || id.length === 0 || id.length > 100 || id.includes("\u0000")) throw new BadRequestError(cursorProblem);
  // A number is a whole number that fits an integer column, as the one number sort (a coding's score) is: a
  // fraction or 2^31 reached PostgreSQL and failed there.
  const valid =
    option.type === "number"
      ? typeof value === "number" && Number.isSafeInteger(value) && Math.abs(value) <= largestStoredInteger
      : option.type === "date"
        ? typeof value === "string" && isCursorInstant(value)
        : typeof value === "string" && value.length <= 10_000 && !value.includes("\u0000");
  if (!valid) throw new BadRequestError(cursorProblem);
  return { sort: sort.key, direction: sort.direction, value: value as string | number, id };
}

function databaseValue(option: SortOption, value: string | number): unknown {
  return option.type === "date" ? new Date(value as string) : value;
}

/**
 * The rows after the cursor, read as two exact index ranges rather than one
 * "value past the cursor's, or equal with a later id" condition: Prisma cannot
 * write the row comparison (value, id) < (v, i), and the OR form makes
 * PostgreSQL walk and discard the whole run of equal values before the cursor
 * (a score shared by a hundred thousand codings). First the rest of the
 * cursor's run of equal values, by id; then, if the page is not full, the rows
 * past that value. `fetch` runs the list's own query with the extra condition.
 */
export async function readAfterCursor<Row>(
  option: SortOption,
  cursor: Cursor | null,
  take: number,
  fetch: (where: Record<string, unknown>, take: number) => Promise<Row[]>,
  /** The id as the database compares it (a BigInt for autoincrement keys). */
  idValue: (id: string) => unknown = (id) => id,
): Promise<Row[]> {
  if (!cursor) return fetch({}, take);
  const past = cursor.direction === "asc" ? "gt" : "lt";
  const value = databaseValue(option, cursor.value);
  const sameValue = await fetch({ [option.field]: value, id: { [past]: idValue(cursor.id) } }, take);
  if (sameValue.length >= take) return sameValue;
  const beyond = await fetch({ [option.field]: { [past]: value } }, take - sameValue.length);
  return [...sameValue, ...beyond];
}

export function keysetOrderBy(option: SortOption, sort: Sort): Record<string, SortDirection>[] {
  return [{ [option.field]: sort.direction }, { id: sort.direction }];
}

function cursorValue(option: SortOption, value: unknown): string | number {
  if (option.type === "date") return (value as Date).toISOString();
  if (option.type === "number") return Number(value);
  return String(value);
}

export type Page<Row> = { rows: Row[]; nextCursor: string | null };

/** Cuts the one extra row fetched (`pageSize + 1`) and turns the last kept row into the next page's cursor. */
export function toPage<Row extends { id: string }>(
  fetched: Row[],
  pageSize: number,
  sort: Sort,
  option: SortOption,
  sortValue: (row: Row) => unknown,
): Page<Row> {
  const rows = fetched.slice(0, pageSize);
  const last = rows[rows.length - 1];
  const nextCursor =
    fetched.length > pageSize && last
      ? encodeCursor({ sort: sort.key, direction: sort.direction, value: cursorValue(option, sortValue(last)), id: last.id })
      : null;
  return { rows, nextCursor };
}
