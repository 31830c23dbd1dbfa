import { z } from "zod";

/** The import's one choice, as the form holds it. */
export const bundleImportOptionsSchema = z.object({
  skipConflicts: z.boolean({ error: "say whether conflicting lines are skipped" }),
});

/** The same choice in the import's address (`POST /api/exchange/bundle?skipConflicts=true`): the body is the file itself. */
export const bundleImportQuerySchema = z.object({
  skipConflicts: z.enum(["true", "false"], { error: "must be true or false" }).default("false"),
});

/** The address a bundle is posted to. */
export function bundleImportUrl(options: z.infer<typeof bundleImportOptionsSchema>): string {
  return `/api/exchange/bundle?skipConflicts=${options.skipConflicts ? "true" : "false"}`;
}
