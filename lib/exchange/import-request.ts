import { z } from "zod";

export const exchangeImportSchema = z.object({
  format: z.enum(["csv", "jsonl"], { error: "must be csv or jsonl" }),
  content: z.string().max(50_000_000, "is too large for one import (50 MB at most); split the file"),
  skipInvalid: z.boolean().default(false),
});
