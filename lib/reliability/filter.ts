// Which codings the reliability figures rest on, as it lives in the address
// (/reliability?codebook=2&sample=planned). Pure.
import { codebookFilterFromParameter, type CodebookFilter } from "../codebook/schemas";

/**
 * `sample: "planned"` keeps only the planned double-coded sample: statements a
 * live assignment draw marked as overlap, coded by the coders it assigned them
 * to. A third coder who happened to code such a statement is left out, so the
 * figure rests on the sample as it was planned (docs/decisions/0029).
 */
export type ReliabilityFilter = CodebookFilter & { sample?: "planned" };

export function reliabilityFilterFromParameters(parameters: { codebook?: string; sample?: string }): ReliabilityFilter {
  return { ...codebookFilterFromParameter(parameters.codebook), ...(parameters.sample === "planned" ? { sample: "planned" } : {}) };
}

/** The reliability page's address for a filter, so each set of links keeps the other's choice. */
export function reliabilityHref(filter: ReliabilityFilter): string {
  const parameters = new URLSearchParams();
  if (filter.codebookVersion === null) parameters.set("codebook", "before");
  else if (filter.codebookVersion !== undefined) parameters.set("codebook", String(filter.codebookVersion));
  if (filter.sample === "planned") parameters.set("sample", "planned");
  const query = parameters.toString();
  return query ? `/reliability?${query}` : "/reliability";
}
