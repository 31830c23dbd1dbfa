import { describe, expect, it } from "vitest";
import { assignmentDrawSchema } from "@/lib/assignments/schemas";
import { codebookPublicationSchema } from "@/lib/codebook/schemas";

const publication = {
  basedOn: 1,
  summary: "Code what is said.",
  scaleMeanings: ["a", "b", "c", "d", "e", "f", "g"],
  conditionalRule: "c",
  sarcasmRule: "s",
  examples: [{ statement: "stmt", score: 1, explanation: "why" }],
};

const errorPaths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.success ? [] : result.error!.issues.map((issue) => issue.path.join("."));

describe("the codebook and assignment schemas", () => {
  it("accept a complete publication", () => {
    expect(codebookPublicationSchema.safeParse(publication).success).toBe(true);
  });

  it("refuse the NUL character PostgreSQL cannot store, naming the field", () => {
    expect(errorPaths(codebookPublicationSchema.safeParse({ ...publication, summary: "a\u0000b" }))).toEqual(["summary"]);
    expect(
      errorPaths(codebookPublicationSchema.safeParse({ ...publication, examples: [{ ...publication.examples[0], statement: "x\u0000" }] })),
    ).toEqual(["examples.0.statement"]);
    expect(errorPaths(assignmentDrawSchema.safeParse({ sourceId: "s", coderIds: ["a"], share: 1, overlap: 0, seed: "\u0000" }))).toEqual([
      "seed",
    ]);
  });

  it("need a meaning for each of the seven points and a score on the scale", () => {
    expect(errorPaths(codebookPublicationSchema.safeParse({ ...publication, scaleMeanings: ["a"] }))).toEqual(["scaleMeanings"]);
    expect(
      errorPaths(codebookPublicationSchema.safeParse({ ...publication, examples: [{ ...publication.examples[0], score: 4 }] })),
    ).toEqual(["examples.0.score"]);
  });

  it("refuse an overlap without two coders, shares out of range and a coder named twice", () => {
    const draw = { sourceId: "s", coderIds: ["a", "b"], share: 1, overlap: 0.2 };
    expect(assignmentDrawSchema.safeParse(draw).success).toBe(true);
    expect(errorPaths(assignmentDrawSchema.safeParse({ ...draw, coderIds: ["a"] }))).toEqual(["coderIds"]);
    expect(errorPaths(assignmentDrawSchema.safeParse({ ...draw, coderIds: ["a", "a"] }))).toContain("coderIds");
    expect(errorPaths(assignmentDrawSchema.safeParse({ ...draw, share: 0 }))).toEqual(["share"]);
    expect(errorPaths(assignmentDrawSchema.safeParse({ ...draw, overlap: 1.01 }))).toEqual(["overlap"]);
    expect(errorPaths(assignmentDrawSchema.safeParse({ ...draw, share: Number.NaN }))).toEqual(["share"]);
  });
});
