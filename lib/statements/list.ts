// The statements list's filters and sorts as URL parameters (lib/lists/parameters.ts). Pure.
import { z } from "zod";
import type { ListDefinition } from "../lists/parameters";
import { listFilterSchemas } from "../lists/parameters";

const statementForms = ["DIRECT_QUOTE", "PARAPHRASE"] as const;
const channels = ["INTERVIEW", "PRESS_CONFERENCE", "OFFICIAL_STATEMENT", "REPORTED_BY_OTHERS"] as const;

export type StatementListFilters = {
  speaker: string;
  source: string;
  from: string;
  to: string;
  form: (typeof statementForms)[number];
  channel: (typeof channels)[number];
  /** Has at least one live coding by anyone (coverage: which statements still need a first coding). */
  coded: boolean;
};

export const statementListDefinition: ListDefinition<StatementListFilters> = {
  sorts: {
    said: { field: "saidOn", type: "date", label: "Date said", defaultDirection: "desc" },
    added: { field: "createdAt", type: "date", label: "Date added", defaultDirection: "desc" },
  },
  defaultSort: "said",
  filters: {
    speaker: { parameter: "speaker", schema: listFilterSchemas.slug },
    source: { parameter: "source", schema: listFilterSchemas.id },
    from: { parameter: "from", schema: listFilterSchemas.date },
    to: { parameter: "to", schema: listFilterSchemas.date },
    form: { parameter: "form", schema: z.enum(statementForms, { error: `use ${statementForms.join(" or ")}` }) },
    channel: { parameter: "channel", schema: z.enum(channels, { error: `use one of ${channels.join(", ")}` }) },
    coded: { parameter: "coded", schema: listFilterSchemas.yesNo },
  },
};
