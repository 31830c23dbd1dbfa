import { z } from "zod";
import { Confidence } from "../generated/prisma/enums";
import { idSchema, requiredTextSchema, versionSchema } from "../validation";
import { maximumRationaleLength } from "./labels";
import { maximumScore, minimumScore } from "./scale";

export const scoreSchema = z
  .number()
  .int("must be a whole number")
  .min(minimumScore, `must be at least ${minimumScore} (very hostile)`)
  .max(maximumScore, `must be at most +${maximumScore} (very conciliatory)`);

export const stanceCodingSchema = z.object({
  score: scoreSchema,
  isConditional: z.boolean().default(false),
  confidence: z.enum(Confidence).default("MEDIUM"),
  rationale: requiredTextSchema(maximumRationaleLength),
});
export type StanceCodingInput = z.infer<typeof stanceCodingSchema>;

export const stanceCodingUpdateSchema = stanceCodingSchema.extend({ version: versionSchema });
export type StanceCodingUpdate = z.infer<typeof stanceCodingUpdateSchema>;

export const stanceCodingCreationSchema = stanceCodingSchema.extend({ statementId: idSchema(), targetId: idSchema() });
export type StanceCodingCreation = z.infer<typeof stanceCodingCreationSchema>;

export const adjudicationSchema = z.object({
  statementId: idSchema(),
  targetId: idSchema(),
  score: scoreSchema,
  rationale: requiredTextSchema(maximumRationaleLength, "say why this is the final value; it is required"),
  /** The version of the final value being revised, or null when none was recorded: two adjudicators never overwrite each other unseen. */
  version: z.number().int().positive().nullable(),
});
export type AdjudicationInput = z.infer<typeof adjudicationSchema>;
