import { z } from "zod";

const shareSchema = (what: string, minimum: number) =>
  z
    .number({ error: `must be a number: ${what}` })
    .min(minimum, minimum > 0 ? `must be more than 0 %: ${what}` : `must be 0 % or more: ${what}`)
    .max(1, `must be at most 100 %: ${what}`);

export const assignmentDrawSchema = z
  .object({
    sourceId: z.string().min(1, "must name a source"),
    coderIds: z
      .array(z.string().min(1))
      .min(1, "must name at least one coder")
      .max(50, "may name at most 50 coders")
      .refine((ids) => new Set(ids).size === ids.length, "names a coder twice"),
    // A share of zero would assign nothing: refuse it rather than record an empty draw.
    share: shareSchema("the share of the source's statements to assign", 0.0001),
    overlap: shareSchema("the share of assigned statements coded twice", 0),
    // Optional: the server draws one when absent; either way it is stored, so the draw can be re-derived.
    seed: z
      .string()
      .trim()
      .max(100, "must be at most 100 characters")
      .refine((seed) => !seed.includes("\u0000"), "must not contain a NUL character (\\0)")
      .optional(),
  })
  .refine((draw) => draw.overlap === 0 || draw.coderIds.length >= 2, {
    path: ["coderIds"],
    message: "must name at least two coders for a double-coded overlap",
  });
export type AssignmentDrawInput = z.infer<typeof assignmentDrawSchema>;
