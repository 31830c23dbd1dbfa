// How validated actors become database rows. The application's write path,
// the seed and the test factories all build rows through these, so all three
// compute the same fields the same way. Fields are picked one by one so that extra keys
// of a richer input (a seed entry's references) never reach Prisma.
import type { Prisma } from "../generated/prisma/client";
import type { ActorInput } from "./schemas";

export function actorRecord(input: ActorInput, speaksForId: string | null): Prisma.ActorUncheckedCreateInput {
  const { slug, name, kind, office, wikidataId, isTrackedTarget } = input;
  return { slug, name, kind, office, wikidataId, isTrackedTarget, speaksForId };
}
