// A list's state as it lives in the URL (filters, sort, page size, cursor), as
// the dashboard's view does (lib/dashboard/view.ts): a link reproduces the
// page. One definition per list; shared by its page and its JSON route. Pure.
import { z } from "zod";
import { BadRequestError } from "../errors";
import { isoDateSchema, nulCharacterProblem } from "../validation";
import { decodeCursor, type Cursor, type Sort, type SortDirection, type SortOption } from "./keyset";

export const pageSizes = [25, 50, 100] as const;
export const defaultPageSize = 50;

export type FilterDefinition = { parameter: string; schema: z.ZodType };

export type ListDefinition<Filters extends Record<string, unknown>> = {
  sorts: Record<string, SortOption>;
  defaultSort: string;
  filters: { [Key in keyof Filters]: FilterDefinition };
};

export type ListQuery<Filters extends Record<string, unknown>> = {
  filters: Partial<Filters>;
  sort: Sort;
  sortOption: SortOption;
  cursor: Cursor | null;
  /** The cursor as it came, to rebuild links. */
  after: string | null;
  pageSize: number;
};

// Parameter names the lists reserve; filters use others.
const reserved = { sort: "sort", direction: "order", pageSize: "size", after: "after" } as const;

/** Common filter parameter schemas. */
export const listFilterSchemas = {
  date: isoDateSchema,
  score: z
    .string()
    .regex(/^[+-]?[0-3]$/, "use a score from −3 to +3")
    .transform(Number),
  yesNo: z.enum(["yes", "no"], { error: "use yes or no" }).transform((answer) => answer === "yes"),
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "is not an id"),
  slug: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "is not an actor's key (letters, digits and hyphens)")
    .max(100),
  text: z.string().trim().min(1).max(200, "use at most 200 characters"),
};

function first(value: string | string[] | undefined | null): string | undefined {
  if (Array.isArray(value)) return value[0];
  return value ?? undefined;
}

/**
 * Reads filters, sort, page size and cursor. Every problem is collected and
 * reported at once: a 400 naming each parameter and what to use instead.
 */
export function parseListQuery<Filters extends Record<string, unknown>>(
  definition: ListDefinition<Filters>,
  parameters: URLSearchParams | Record<string, string | string[] | undefined>,
): ListQuery<Filters> {
  const get = (name: string) => (parameters instanceof URLSearchParams ? (parameters.get(name) ?? undefined) : first(parameters[name]));
  const problems: string[] = [];
  const filters: Partial<Filters> = {};
  for (const [key, filter] of Object.entries(definition.filters) as [keyof Filters & string, FilterDefinition][]) {
    const raw = get(filter.parameter);
    if (raw === undefined || raw === "") continue;
    // PostgreSQL cannot hold or compare the NUL character: a text filter with one failed there, a 500.
    if (raw.includes("\u0000")) {
      problems.push(`${filter.parameter}: ${nulCharacterProblem}`);
      continue;
    }
    const result = filter.schema.safeParse(raw);
    if (result.success) filters[key] = result.data as Filters[typeof key];
    else problems.push(`${filter.parameter}: ${result.error.issues[0]?.message ?? "not valid"}`);
  }
  const sortKey = get(reserved.sort) || definition.defaultSort;
  // Own keys only: "valueOf" or "constructor" would otherwise find Object's own functions and pass for a sort.
  let sortOption = Object.hasOwn(definition.sorts, sortKey) ? definition.sorts[sortKey] : undefined;
  if (!sortOption) {
    problems.push(`${reserved.sort}: use one of ${Object.keys(definition.sorts).join(", ")}`);
    sortOption = definition.sorts[definition.defaultSort]!;
  }
  const directionText = get(reserved.direction);
  let direction: SortDirection = sortOption.defaultDirection;
  if (directionText === "asc" || directionText === "desc") direction = directionText;
  else if (directionText) problems.push(`${reserved.direction}: use asc or desc`);
  const sizeText = get(reserved.pageSize);
  let pageSize = defaultPageSize;
  if (sizeText) {
    if ((pageSizes as readonly number[]).includes(Number(sizeText)) && /^\d+$/.test(sizeText)) pageSize = Number(sizeText);
    else problems.push(`${reserved.pageSize}: use ${pageSizes.join(", ")}`);
  }
  if (problems.length) throw new BadRequestError(`Some of the list's settings are not valid. ${problems.join("; ")}.`);
  const sort = { key: Object.hasOwn(definition.sorts, sortKey) ? sortKey : definition.defaultSort, direction };
  const after = get(reserved.after) || null;
  const cursor = after ? decodeCursor(after, sort, sortOption) : null;
  return { filters, sort, sortOption, cursor, after, pageSize };
}

/** The URL parameters of a list state; `changes` overrides parts (null removes). Defaults are left out, so links stay short. */
export function listSearchParams<Filters extends Record<string, unknown>>(
  definition: ListDefinition<Filters>,
  query: { filters: Partial<Filters>; sort: Sort; pageSize: number; after?: string | null },
  raw: Partial<Record<keyof Filters, string>>,
  changes: { sort?: Sort; after?: string | null; pageSize?: number } = {},
): URLSearchParams {
  const parameters = new URLSearchParams();
  for (const [key, filter] of Object.entries(definition.filters) as [keyof Filters & string, FilterDefinition][]) {
    const value = raw[key];
    if (value) parameters.set(filter.parameter, value);
  }
  const sort = changes.sort ?? query.sort;
  const sortOption = definition.sorts[sort.key]!;
  if (sort.key !== definition.defaultSort) parameters.set(reserved.sort, sort.key);
  if (sort.direction !== sortOption.defaultDirection) parameters.set(reserved.direction, sort.direction);
  const pageSize = changes.pageSize ?? query.pageSize;
  if (pageSize !== defaultPageSize) parameters.set(reserved.pageSize, String(pageSize));
  const after = "after" in changes ? changes.after : query.after;
  if (after) parameters.set(reserved.after, after);
  return parameters;
}

/** The raw text of each filter as it came in the URL, to refill the filter form and rebuild links. */
export function rawFilterValues<Filters extends Record<string, unknown>>(
  definition: ListDefinition<Filters>,
  parameters: URLSearchParams | Record<string, string | string[] | undefined>,
): Partial<Record<keyof Filters, string>> {
  const raw: Partial<Record<keyof Filters, string>> = {};
  for (const [key, filter] of Object.entries(definition.filters) as [keyof Filters & string, FilterDefinition][]) {
    const value = parameters instanceof URLSearchParams ? parameters.get(filter.parameter) : first(parameters[filter.parameter]);
    if (value) raw[key] = value.slice(0, 200);
  }
  return raw;
}

export const listParameterNames = reserved;
