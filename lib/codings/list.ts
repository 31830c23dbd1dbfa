// The codings list's filters and sorts as URL parameters (lib/lists/parameters.ts). Pure.
import type { ListDefinition } from "../lists/parameters";
import { listFilterSchemas } from "../lists/parameters";

export type CodingListFilters = {
  speaker: string;
  target: string;
  coder: string;
  source: string;
  from: string;
  to: string;
  minimumScore: number;
  maximumScore: number;
  adjudicated: boolean;
};

export const codingListDefinition: ListDefinition<CodingListFilters> = {
  sorts: {
    said: { field: "saidOn", type: "date", label: "Date said", defaultDirection: "desc" },
    score: { field: "score", type: "number", label: "Score", defaultDirection: "desc" },
    coded: { field: "createdAt", type: "date", label: "Date coded", defaultDirection: "desc" },
  },
  defaultSort: "said",
  filters: {
    speaker: { parameter: "speaker", schema: listFilterSchemas.slug },
    target: { parameter: "target", schema: listFilterSchemas.slug },
    coder: { parameter: "coder", schema: listFilterSchemas.id },
    source: { parameter: "source", schema: listFilterSchemas.id },
    from: { parameter: "from", schema: listFilterSchemas.date },
    to: { parameter: "to", schema: listFilterSchemas.date },
    minimumScore: { parameter: "min", schema: listFilterSchemas.score },
    maximumScore: { parameter: "max", schema: listFilterSchemas.score },
    adjudicated: { parameter: "adjudicated", schema: listFilterSchemas.yesNo },
  },
};
