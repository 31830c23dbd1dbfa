import { z } from "zod";
import { sourceCreationSchema, sourceSchema } from "../sources/schemas";

/** Limits of one upload, stated in the README. */
export const intakeLimits = {
  /** Bytes of one file (a JSON Lines file of 10,000 articles of 5 KB fits). */
  fileBytes: 64 * 1024 * 1024,
  /** Bytes of one upload, all files together. */
  uploadBytes: 100 * 1024 * 1024,
  /** Bytes of one HTML page, uploaded or fetched: longer pages are not articles. */
  htmlBytes: 5 * 1024 * 1024,
  files: 1000,
  sources: 20_000,
  urls: 50,
} as const;

/** What the user chooses beside the files: defaults for what a format may lack, and how to treat bad items and near duplicates. */
export const intakeOptionsSchema = z.object({
  skipInvalid: z.boolean().default(false),
  nearDuplicates: z.enum(["ask", "keep", "skip"], { error: "must be ask, keep or skip" }).default("ask"),
  /**
   * Per flagged item (keyed by where it is: "articles.jsonl line 3"), keep or skip; overrides `nearDuplicates`.
   * With "ask", every near duplicate needs a choice here, or nothing is imported and the unchosen are listed again.
   */
  nearDuplicateChoices: z
    .record(z.string().max(2000), z.enum(["keep", "skip"], { error: "must be keep or skip" }))
    .refine((choices) => Object.keys(choices).length <= intakeLimits.sources, `at most ${intakeLimits.sources} choices`)
    .default({}),
  defaults: z
    .object({
      publisher: sourceSchema.shape.publisher.optional(),
      publishedOn: sourceSchema.shape.publishedOn.optional(),
      language: z.string().trim().optional(),
    })
    .default({}),
  urls: z
    .array(z.url({ protocol: /^https?$/, error: "use full http(s) addresses, one a line" }))
    .max(intakeLimits.urls, `at most ${intakeLimits.urls} addresses at once`)
    .default([]),
});
export type IntakeOptions = z.infer<typeof intakeOptionsSchema>;

/**
 * One source from a file. Unknown keys are refused rather than dropped, so a
 * misspelt field is noticed. An original with its translation may also come as
 * originalText + originalLanguage beside text (lib/intake/parse.ts).
 */
export const intakeSourceSchema = sourceCreationSchema.strict();
