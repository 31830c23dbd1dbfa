import { z } from "zod";
import { Channel, DatePrecision, StatementForm } from "../generated/prisma/enums";
import { isoDateSchema, requiredTextSchema } from "../validation";

export const statementSchema = z.object({
  quote: requiredTextSchema(5000),
  saidOn: isoDateSchema,
  saidOnPrecision: z.enum(DatePrecision),
  form: z.enum(StatementForm),
  channel: z.enum(Channel),
});
export type StatementInput = z.infer<typeof statementSchema>;

export const statementFormLabels: Record<StatementForm, string> = {
  DIRECT_QUOTE: "Direct quote",
  PARAPHRASE: "Paraphrase",
};

export const channelLabels: Record<Channel, string> = {
  INTERVIEW: "Interview",
  PRESS_CONFERENCE: "Press conference",
  OFFICIAL_STATEMENT: "Official statement",
  REPORTED_BY_OTHERS: "Reported by others",
};
