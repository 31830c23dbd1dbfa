import { z } from "zod";
import { ActorKind, Channel, DatePrecision, StatementForm } from "../generated/prisma/enums";
import { idSchema, isoDateSchema, requiredTextSchema, storedIntegerSchema } from "../validation";

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

/** A statement is created from a span of its source's text: the quote is cut from the text, never typed. */
export const statementCreationSchema = statementSchema
  .omit({ quote: true })
  .extend({
    sourceId: idSchema(),
    startOffset: storedIntegerSchema().nonnegative(),
    endOffset: storedIntegerSchema().positive(),
    speakerId: idSchema().nullable().default(null),
    newSpeaker: z
      .object({
        name: requiredTextSchema(200),
        kind: z.enum(ActorKind),
        office: requiredTextSchema(300).nullable().default(null),
        speaksForId: idSchema().nullable().default(null),
      })
      .nullable()
      .default(null),
  })
  .refine((input) => input.endOffset > input.startOffset, { message: "must come after the start of the selection", path: ["endOffset"] })
  .refine((input) => (input.speakerId === null) !== (input.newSpeaker === null), {
    message: "choose a known speaker or create one, not both",
    path: ["speakerId"],
  });
export type StatementCreation = z.infer<typeof statementCreationSchema>;

/** "I read this statement; it holds no stance toward the tracked targets." */
export const statementReviewSchema = z.object({ statementId: idSchema("name the statement") });
