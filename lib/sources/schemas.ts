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

const languageCodeSchema = z
  .string()
  .refine(
    (code) => canonicalLanguageCode(code) === code,
    "use a known language code such as en, fa or ar (ISO 639, optionally with a region: fa-IR)",
  );

export const sourceCreationSchema = sourceSchema.extend({
  /** The text statements are cut from: the original, in `language`. */
  text: z
    .string()
    .trim()
    .min(20, "paste the full text of the document (at least a sentence)")
    .max(500_000, "is too long for one source (500,000 characters at most)"),
  /**
   * A translation for reading beside the original (docs/decisions/0032). Null or absent: none.
   * Empty text counts as none, so a form's blank box needs no special case.
   */
  translation: z
    .string()
    .trim()
    .max(500_000, "is too long (500,000 characters at most)")
    .nullable()
    .default(null)
    .transform((translation) => translation || null),
  /** The translation's language; with a translation and no language, English. */
  translationLanguage: languageCodeSchema.nullable().default(null),
});
/** A new source; the translation fields may be left out (none), as callers written before them do. */
export type SourceCreation = Omit<z.output<typeof sourceCreationSchema>, "translation" | "translationLanguage"> & {
  translation?: string | null;
  translationLanguage?: string | null;
};

/**
 * A source's translation fields as stored: both null, or the translation with
 * its language (English unless named). Problems by field, for a 422 or an
 * intake line; none when the translation fits.
 */
export function storedTranslation(input: Pick<SourceCreation, "language" | "translation" | "translationLanguage">): {
  translation: string | null;
  translationLanguage: string | null;
  problems: Record<string, string>;
} {
  const translationText = input.translation ?? null;
  if (translationText === null) {
    return (input.translationLanguage ?? null) === null
      ? { translation: null, translationLanguage: null, problems: {} }
      : {
          translation: null,
          translationLanguage: null,
          problems: { translationLanguage: "is given without a translation; add the translation or leave the language out" },
        };
  }
  const translationLanguage = input.translationLanguage ?? "en";
  if (translationLanguage === input.language)
    return {
      translation: null,
      translationLanguage: null,
      problems: {
        translationLanguage: `is the source's own language (${input.language}); a translation is into another language — set the source's language to the original's`,
      },
    };
  if (translationText.length < 20)
    return {
      translation: null,
      translationLanguage: null,
      problems: { translation: "is too short to be the document's translation (at least a sentence)" },
    };
  return { translation: translationText, translationLanguage, problems: {} };
}

export const sourceReviewSchema = z
  .object({ version: versionSchema, nothingToCode: z.boolean().optional(), blindCoding: z.boolean().optional() })
  .refine((update) => update.nothingToCode !== undefined || update.blindCoding !== undefined, "change nothingToCode or blindCoding");
