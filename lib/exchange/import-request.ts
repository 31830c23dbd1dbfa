import { z } from "zod";

/** The body of `POST /api/exchange`: the file's content, its format and the choice. */
export const exchangeImportSchema = z.object({
  format: z.enum(["csv", "jsonl"], { error: "must be csv or jsonl" }),
  content: z.string().max(50_000_000, "is too large for one import (50 MB at most); split the file"),
  skipInvalid: z.boolean().default(false),
});

/** The format a file's name says, as the export names its files; null for any other name. */
export function exchangeFormatOf(fileName: string): z.infer<typeof exchangeImportSchema>["format"] | null {
  if (/\.csv$/i.test(fileName)) return "csv";
  if (/\.(jsonl|ndjson)$/i.test(fileName)) return "jsonl";
  return null;
}

/**
 * The same import as the form holds it, before the file is read: the file, whose name gives the format, and the
 * route's own choice. The body built from it is then checked with `exchangeImportSchema` itself (the content's limit).
 */
export const exchangeImportFileSchema = exchangeImportSchema.pick({ skipInvalid: true }).extend({
  file: z
    .file({ error: "choose a .csv or .jsonl file to import" })
    .min(1, "is empty: choose a file exported from Stancewatch")
    .refine((file) => exchangeFormatOf(file.name) !== null, "must end in .csv or .jsonl, the two formats Stancewatch exports"),
});
