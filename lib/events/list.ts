// The events list's filters and sorts as URL parameters (lib/lists/parameters.ts). Pure.
import { z } from "zod";
import { EventKind } from "../generated/prisma/enums";
import type { ListDefinition } from "../lists/parameters";
import { listFilterSchemas } from "../lists/parameters";

export type EventListFilters = { kind: EventKind; actor: string; source: string; from: string; to: string; text: string };

export const eventListDefinition: ListDefinition<EventListFilters> = {
  sorts: {
    occurred: { field: "occurredOn", type: "date", label: "Date it happened", defaultDirection: "desc" },
    title: { field: "title", type: "string", label: "Title", defaultDirection: "asc" },
  },
  defaultSort: "occurred",
  filters: {
    kind: { parameter: "kind", schema: z.enum(EventKind, { error: `use one of ${Object.keys(EventKind).join(", ")}` }) },
    actor: { parameter: "actor", schema: listFilterSchemas.slug },
    source: { parameter: "source", schema: listFilterSchemas.id },
    from: { parameter: "from", schema: listFilterSchemas.date },
    to: { parameter: "to", schema: listFilterSchemas.date },
    text: { parameter: "q", schema: listFilterSchemas.text },
  },
};
