import type { Confidence } from "../generated/prisma/enums";

// The words and limits a coding's forms and tables show, apart from schemas.ts (zod) so that the pages that only draw
// them need not load zod; the schemas take their limits from here.

export const confidenceLabels: Record<Confidence, string> = { LOW: "Low", MEDIUM: "Medium", HIGH: "High" };

/** The longest rationale a coder or an adjudicator may write, in characters. */
export const maximumRationaleLength = 2000;
