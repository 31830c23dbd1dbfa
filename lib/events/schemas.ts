import { z } from "zod";
import { DatePrecision, EventKind } from "../generated/prisma/enums";
import { isoDateSchema, requiredTextSchema, slugSchema } from "../validation";

export const eventSchema = z.object({
  slug: slugSchema,
  title: requiredTextSchema(200),
  kind: z.enum(EventKind),
  occurredOn: isoDateSchema,
  datePrecision: z.enum(DatePrecision).default("DAY"),
  description: requiredTextSchema(4000),
});
export type EventInput = z.infer<typeof eventSchema>;
