// The actors list's filters and sorts as URL parameters (lib/lists/parameters.ts). Pure.
import { z } from "zod";
import { ActorKind } from "../generated/prisma/enums";
import type { ListDefinition } from "../lists/parameters";
import { listFilterSchemas } from "../lists/parameters";

export type ActorListFilters = { kind: ActorKind; tracked: boolean; text: string };

export const actorListDefinition: ListDefinition<ActorListFilters> = {
  sorts: {
    name: { field: "name", type: "string", label: "Name", defaultDirection: "asc" },
    added: { field: "createdAt", type: "date", label: "Date added", defaultDirection: "desc" },
  },
  defaultSort: "name",
  filters: {
    kind: { parameter: "kind", schema: z.enum(ActorKind, { error: `use one of ${Object.keys(ActorKind).join(", ")}` }) },
    tracked: { parameter: "tracked", schema: listFilterSchemas.yesNo },
    text: { parameter: "q", schema: listFilterSchemas.text },
  },
};
