import { z } from "zod";
import { ActorKind, Channel, DatePrecision, StatementForm } from "../generated/prisma/enums";
import { idSchema, isoDateSchema, requiredTextSchema, storedIntegerSchema, versionSchema } from "../validation";

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
    // The passage of the source's translation, chosen by hand; absent: the aligned one (docs/decisions/0032).
    translationStart: storedIntegerSchema().nonnegative().nullable().default(null),
    translationEnd: storedIntegerSchema().nonnegative().nullable().default(null),
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
/** A new statement; the translation passage may be left out (then it is aligned), as callers written before it do. */
export type StatementCreation = Omit<z.output<typeof statementCreationSchema>, "translationStart" | "translationEnd"> & {
  translationStart?: number | null;
  translationEnd?: number | null;
};

/** "I read this statement; it holds no stance toward the tracked targets." */
export const statementReviewSchema = z.object({ statementId: idSchema("name the statement") });

/**
 * A correction of a statement: only the fields sent change. The span is given
 * as offsets into the stored source text (the quote is re-cut there), or as
 * the words themselves, which must appear verbatim in the text; sending both
 * checks that the offsets hold exactly those words.
 */
export const statementUpdateSchema = z
  .object({
    version: versionSchema,
    speakerId: idSchema("must name an actor").optional(),
    saidOn: isoDateSchema.optional(),
    saidOnPrecision: z.enum(DatePrecision).optional(),
    form: z.enum(StatementForm).optional(),
    channel: z.enum(Channel).optional(),
    startOffset: storedIntegerSchema().nonnegative().optional(),
    endOffset: storedIntegerSchema().nonnegative().optional(),
    quote: z.string().max(5000, "must be at most 5000 characters").optional(),
    // The translation passage chosen by hand. Absent while the span changes: re-aligned to the new span.
    translationStart: storedIntegerSchema().nonnegative().optional(),
    translationEnd: storedIntegerSchema().nonnegative().optional(),
  })
  .refine((input) => (input.startOffset === undefined) === (input.endOffset === undefined), {
    message: "give both the start and the end of the span, or neither",
    path: ["endOffset"],
  })
  .refine((input) => input.startOffset === undefined || input.endOffset! > input.startOffset, {
    message: "the span is empty: it must end after it starts",
    path: ["endOffset"],
  })
  .refine((input) => input.quote === undefined || input.quote.trim().length > 0, { message: "must not be empty", path: ["quote"] });
export type StatementUpdate = z.infer<typeof statementUpdateSchema>;

/**
 * A statement cannot have been said after its source was published. A date
 * known only to the month is stored as the month's first day and allows any
 * day of that month, so "October 2024" fits a source of 15 October 2024.
 */
export function isSaidAfterPublication(saidOn: string, precision: DatePrecision, publishedOn: string): boolean {
  if (precision === "MONTH") return saidOn.slice(0, 7) > publishedOn.slice(0, 7);
  return saidOn > publishedOn;
}
