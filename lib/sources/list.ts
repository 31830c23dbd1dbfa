// The sources list's filters and sorts as URL parameters (lib/lists/parameters.ts). Pure.
import { z } from "zod";
import type { ListDefinition } from "../lists/parameters";
import { listFilterSchemas } from "../lists/parameters";

export const coverageStates = ["not-started", "has-statements", "nothing-to-code"] as const;
export type CoverageState = (typeof coverageStates)[number];
export const coverageStateLabels: Record<CoverageState, string> = {
  "not-started": "No statements yet",
  "has-statements": "Has statements",
  "nothing-to-code": "Reviewed, nothing to code",
};

export type SourceListFilters = { language: string; from: string; to: string; coverage: CoverageState };

export const sourceListDefinition: ListDefinition<SourceListFilters> = {
  sorts: {
    published: { field: "publishedOn", type: "date", label: "Date published", defaultDirection: "desc" },
    title: { field: "title", type: "string", label: "Title", defaultDirection: "asc" },
    added: { field: "createdAt", type: "date", label: "Date added", defaultDirection: "desc" },
  },
  defaultSort: "published",
  filters: {
    language: { parameter: "language", schema: z.string().regex(/^[a-z]{2,3}(?:-[A-Z]{2})?$/, "use a language code such as en or fa") },
    from: { parameter: "from", schema: listFilterSchemas.date },
    to: { parameter: "to", schema: listFilterSchemas.date },
    coverage: { parameter: "coverage", schema: z.enum(coverageStates, { error: `use one of ${coverageStates.join(", ")}` }) },
  },
};
