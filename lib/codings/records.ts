// How validated codings become database rows. The application's write path,
// the seed and the test factories all build rows through these, so all three
// compute the denormalised keys the same way. Fields are picked one by one so that extra keys
// of a richer input (a seed entry's references) never reach Prisma.
import type { Prisma } from "../generated/prisma/client";
import type { StanceCodingInput } from "./schemas";

export function stanceCodingRecord(
  input: StanceCodingInput,
  statement: { id: string; speakerId: string; saidOn: Date },
  targetId: string,
  coderId: string,
): Prisma.StanceCodingUncheckedCreateInput {
  const { score, isConditional, confidence, rationale } = input;
  return {
    score,
    isConditional,
    confidence,
    rationale,
    statementId: statement.id,
    speakerId: statement.speakerId,
    saidOn: statement.saidOn,
    targetId,
    coderId,
  };
}
