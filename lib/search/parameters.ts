// The search's URL parameters (the page and the JSON route share them). Pure.
import { BadRequestError } from "../errors";
import { maximumQueryLength } from "./text";

export const searchKinds = ["statements", "sources", "actors"] as const;
export type SearchKind = (typeof searchKinds)[number];

export type SearchParameters = { query: string; kinds: SearchKind[]; limit: number | undefined; offset: number };

/** Paging one kind of result: `from` is how many come before the page, a multiple of the page size up to the search's depth. */
export const searchPageDepth = 500;

/** Reads q, kind and limit; a bad value is a 400 with a sentence saying what to send instead. */
export function parseSearchParameters(parameters: URLSearchParams): SearchParameters {
  const query = parameters.get("q") ?? "";
  if (query.length > maximumQueryLength)
    throw new BadRequestError(`Search for at most ${maximumQueryLength} characters; shorten the query.`);
  const kind = parameters.get("kind");
  let kinds: SearchKind[] = [...searchKinds];
  if (kind !== null && kind !== "") {
    if (!(searchKinds as readonly string[]).includes(kind))
      throw new BadRequestError(`The kind “${kind.slice(0, 40)}” is not one of ${searchKinds.join(", ")}.`);
    kinds = [kind as SearchKind];
  }
  const limitText = parameters.get("limit");
  let limit: number | undefined;
  if (limitText !== null && limitText !== "") {
    if (!/^\d{1,3}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 50)
      throw new BadRequestError("The limit must be a whole number from 1 to 50.");
    limit = Number(limitText);
  }
  const fromText = parameters.get("from");
  let offset = 0;
  if (fromText !== null && fromText !== "") {
    if (kind === null || kind === "") throw new BadRequestError("Paging needs one kind of result: add kind=statements, sources or actors.");
    if (!/^\d{1,4}$/.test(fromText) || Number(fromText) >= searchPageDepth)
      throw new BadRequestError(`“from” must be a whole number below ${searchPageDepth}: search pages go ${searchPageDepth} results deep.`);
    offset = Number(fromText);
  }
  return { query, kinds, limit, offset };
}
