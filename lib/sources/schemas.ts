import { z } from "zod";
import { isoDateSchema, requiredTextSchema } from "../validation";

export const sourceSchema = z.object({
  title: requiredTextSchema(500),
  publisher: requiredTextSchema(200),
  url: z
    .url({ protocol: /^https?$/, error: "use a full http(s) address" })
    .nullable()
    .default(null),
  publishedOn: isoDateSchema,
  language: z
    .string()
    .regex(/^[a-z]{2,3}(?:-[A-Z]{2})?$/, "use a language code such as en or fa")
    .default("en"),
});
export type SourceInput = z.infer<typeof sourceSchema>;
