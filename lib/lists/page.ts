// What a list page needs from its URL, in one call: the parsed query (or the
// sentence saying what is wrong with it), the page of rows, the values to
// refill the filter form with, and the first and next page links.
import { DomainError } from "../errors";
import type { Page, Sort, SortDirection, SortValueType } from "./keyset";
import { defaultPageSize, listSearchParams, parseListQuery, rawFilterValues, type ListDefinition, type ListQuery } from "./parameters";

export type ListPageState<Filters extends Record<string, unknown>, Row> = {
  query: ListQuery<Filters> | null;
  page: Page<Row> | null;
  /** Why the URL could not be read (shown on the page; the JSON route answers 400). */
  problem: string | null;
  /** Filter values by URL parameter, as typed. */
  values: Record<string, string | undefined>;
  filtered: boolean;
  sort: Sort;
  pageSize: number;
  firstHref: string | null;
  nextHref: string | null;
  /** Per sort key, the link a column header sorts by (first page, filters kept) and whether the list is sorted so now. */
  sortLinks: Record<string, SortLink>;
};

/** What a sortable column header needs: where clicking it goes, and the direction the list is sorted by it now (null: not by it). */
export type SortLink = { href: string; direction: SortDirection | null };

export async function loadListPage<Filters extends Record<string, unknown>, Row>(
  definition: ListDefinition<Filters>,
  parameters: Record<string, string | string[] | undefined>,
  path: string,
  load: (query: ListQuery<Filters>) => Promise<Page<Row>>,
): Promise<ListPageState<Filters, Row>> {
  const raw = rawFilterValues(definition, parameters);
  const values = Object.fromEntries(
    Object.entries(definition.filters).map(([key, filter]) => [filter.parameter, raw[key as keyof Filters]]),
  );
  const href = (search: URLSearchParams) => (search.size ? `${path}?${search.toString()}` : path);
  let query: ListQuery<Filters> | null = null;
  let page: Page<Row> | null = null;
  let problem: string | null = null;
  try {
    query = parseListQuery(definition, parameters);
    page = await load(query);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problem = error.message;
  }
  const defaultSort = definition.sorts[definition.defaultSort]!;
  const sort = query?.sort ?? { key: definition.defaultSort, direction: defaultSort.defaultDirection };
  const pageSize = query?.pageSize ?? defaultPageSize;
  // A header link sorts by its column in the column's natural direction, or flips it when the list is already sorted by it;
  // it starts from the first page, since a cursor belongs to one sort order.
  const sortLinks = Object.fromEntries(
    Object.entries(definition.sorts).map(([key, option]) => {
      const active = sort.key === key;
      const direction: SortDirection = active ? (sort.direction === "asc" ? "desc" : "asc") : option.defaultDirection;
      const search = listSearchParams(definition, { filters: {}, sort, pageSize }, raw, { sort: { key, direction }, after: null });
      return [key, { href: href(search), direction: active ? sort.direction : null }];
    }),
  );
  return {
    query,
    page,
    problem,
    values,
    filtered: Object.keys(raw).length > 0,
    sort,
    pageSize,
    sortLinks,
    firstHref: query?.cursor ? href(listSearchParams(definition, query, raw, { after: null })) : null,
    nextHref: query && page?.nextCursor ? href(listSearchParams(definition, query, raw, { after: page.nextCursor })) : null,
  };
}

/** The sort choices of a list, for its controls. */
export function sortChoices(definition: ListDefinition<Record<string, unknown>>): { key: string; label: string; type: SortValueType }[] {
  return Object.entries(definition.sorts).map(([key, option]) => ({ key, label: option.label, type: option.type }));
}
