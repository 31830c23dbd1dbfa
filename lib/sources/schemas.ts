import { z } from "zod";
import { canonicalLanguageCode } from "./languages";
import { isoDateSchema, requiredTextSchema, versionSchema } from "../validation";

export const sourceSchema = z.object({
  title: requiredTextSchema(500),
  publisher: requiredTextSchema(200),
  url: z
    .url({ protocol: /^https?$/, error: "use a full http(s) address" })
    .max(2000, "must be at most 2000 characters")
    .nullable()
    .default(null),
  publishedOn: isoDateSchema,
  language: z
    .string()
    .refine(
      (code) => canonicalLanguageCode(code) === code,
      "use a known language code such as en, fa or ar (ISO 639, optionally with a region: fa-IR)",
    )
    .default("en"),
});
export type SourceInput = z.infer<typeof sourceSchema>;

export const sourceCreationSchema = sourceSchema.extend({
  text: z
    .string()
    .trim()
    .min(20, "paste the full text of the document (at least a sentence)")
    .max(500_000, "is too long for one source (500,000 characters at most)"),
});
export type SourceCreation = z.infer<typeof sourceCreationSchema>;

export const sourceReviewSchema = z
  .object({ version: versionSchema, nothingToCode: z.boolean().optional(), blindCoding: z.boolean().optional() })
  .refine((update) => update.nothingToCode !== undefined || update.blindCoding !== undefined, "change nothingToCode or blindCoding");
