import { z } from "zod";
import { scoreSchema } from "../codings/schemas";
import { maximumScore, minimumScore } from "../codings/scale";
import { requiredTextSchema } from "../validation";

// PostgreSQL refuses the NUL character in text and in JSON: refuse it here with a
// sentence, rather than let the database fail on it.
const withoutNul = <Schema extends z.ZodString>(schema: Schema) =>
  schema.refine((text) => !text.includes("\u0000"), "must not contain a NUL character (\\0)");
const guideText = (maximum: number, whenEmpty?: string) => withoutNul(requiredTextSchema(maximum, whenEmpty));

/** How many points the scale has: one meaning each, from −3 to +3. */
export const scalePoints = maximumScore - minimumScore + 1;

const meaningsSchema = z
  .array(guideText(2000, "must say what this point of the scale means"))
  .length(scalePoints, `must give one meaning for each of the ${scalePoints} points, from ${minimumScore} to +${maximumScore}`);

/** A worked example as stored: the statement's quote and speaker are copied when the version is published. */
export const codebookExampleSchema = z.object({
  statementId: z.string().min(1),
  quote: z.string(),
  speakerName: z.string(),
  score: scoreSchema,
  explanation: guideText(2000, "must explain why the example gets its score"),
});

/** A codebook version's content, as stored in CodebookVersion.content. */
export const codebookContentSchema = z.object({
  summary: guideText(4000),
  /** Index 0 is −3, index 6 is +3. */
  scaleMeanings: meaningsSchema,
  conditionalRule: guideText(4000, "must say how to code a conditional statement"),
  sarcasmRule: guideText(4000, "must say how to code a sarcastic or ironic statement"),
  examples: z.array(codebookExampleSchema).max(50, "may hold at most 50 examples"),
});
export type CodebookContent = z.infer<typeof codebookContentSchema>;

/** What an admin sends to publish a version: examples name a statement by its id or by the start of its quote. */
export const codebookPublicationSchema = codebookContentSchema.extend({
  /** The version the editor started from (0 when there was none): a newer one published meanwhile is a conflict. */
  basedOn: z.number({ error: "is required: the version you started editing from" }).int().min(0),
  examples: z
    .array(
      z.object({
        statement: withoutNul(z.string().trim().min(1, "must name a statement: its id or the start of its quote").max(4000, "is too long")),
        score: scoreSchema,
        explanation: codebookExampleSchema.shape.explanation,
      }),
    )
    .max(50, "may hold at most 50 examples"),
});
export type CodebookPublication = z.infer<typeof codebookPublicationSchema>;

/** The reliability filter: all codings, those made before any codebook, or under one version. */
export type CodebookFilter = { codebookVersion?: number | null };

/** `?codebook=` in an address: "before" → null, a version number → that number, anything else → all codings. */
export function codebookFilterFromParameter(value: string | undefined): CodebookFilter {
  if (value === "before") return { codebookVersion: null };
  if (value && /^[1-9]\d{0,5}$/.test(value)) return { codebookVersion: Number(value) };
  return {};
}
