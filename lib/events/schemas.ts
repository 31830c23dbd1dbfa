import { z } from "zod";
import { DatePrecision, EventKind, PloverEventType } from "../generated/prisma/enums";
import { idSchema, isoDateSchema, requiredTextSchema, slugSchema, versionSchema } from "../validation";

export const eventSchema = z.object({
  slug: slugSchema,
  title: requiredTextSchema(200),
  kind: z.enum(EventKind),
  occurredOn: isoDateSchema,
  datePrecision: z.enum(DatePrecision).default("DAY"),
  description: requiredTextSchema(4000),
});
export type EventInput = z.infer<typeof eventSchema>;

const idListSchema = z.array(idSchema()).max(100, "may name at most 100");

/** An event made in the app: the slug is derived from the title and date. */
export const eventCreationSchema = z.object({
  title: requiredTextSchema(200),
  kind: z.enum(EventKind),
  ploverType: z.enum(PloverEventType).nullable().default(null),
  // An event without a date cannot be placed on a chart.
  occurredOn: z.string({ error: "is required: the date the event happened, YYYY-MM-DD" }).pipe(isoDateSchema),
  datePrecision: z.enum(DatePrecision).default("DAY"),
  description: requiredTextSchema(4000),
  actorIds: idListSchema.default([]),
  sourceIds: idListSchema.default([]),
});
export type EventCreation = z.infer<typeof eventCreationSchema>;

/** A correction: only the fields sent change; the version is the one the editor started from. */
export const eventUpdateSchema = z.object({
  version: versionSchema,
  title: requiredTextSchema(200).optional(),
  kind: z.enum(EventKind).optional(),
  ploverType: z.enum(PloverEventType).nullable().optional(),
  occurredOn: z.string({ error: "is required: the date the event happened, YYYY-MM-DD" }).pipe(isoDateSchema).optional(),
  datePrecision: z.enum(DatePrecision).optional(),
  description: requiredTextSchema(4000).optional(),
  actorIds: idListSchema.optional(),
  sourceIds: idListSchema.optional(),
});
export type EventUpdate = z.infer<typeof eventUpdateSchema>;
