// The history list's filters as URL parameters (lib/lists/parameters.ts). Pure.
import { z } from "zod";
import type { ListDefinition } from "../lists/parameters";
import { listFilterSchemas } from "../lists/parameters";
import { historyRecordKinds } from "./presentation";

export const historyViews = ["changes", "sign-ins"] as const;
export type HistoryView = (typeof historyViews)[number];

export type HistoryListFilters = { show: HistoryView; kind: string; person: string; from: string; to: string };

export const historyListDefinition: ListDefinition<HistoryListFilters> = {
  sorts: { time: { field: "at", type: "date", label: "Time", defaultDirection: "desc" } },
  defaultSort: "time",
  filters: {
    show: { parameter: "show", schema: z.enum(historyViews, { error: "use changes or sign-ins" }) },
    kind: {
      parameter: "kind",
      schema: z.string().refine((kind) => kind in historyRecordKinds, `use one of ${Object.keys(historyRecordKinds).join(", ")}`),
    },
    person: { parameter: "person", schema: listFilterSchemas.id },
    from: { parameter: "from", schema: listFilterSchemas.date },
    to: { parameter: "to", schema: listFilterSchemas.date },
  },
};
