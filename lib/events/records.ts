// How validated events become database rows. The application's write path,
// the seed and the test factories all build rows through these, so all three
// compute dates the same way. Fields are picked one by one so that extra keys
// of a richer input (a seed entry's references) never reach Prisma.
import type { Prisma } from "../generated/prisma/client";
import { dateFromIso } from "../validation";
import type { EventInput } from "./schemas";

export function eventRecord(input: EventInput): Prisma.EventUncheckedCreateInput {
  const { slug, title, kind, datePrecision, description } = input;
  return { slug, title, kind, datePrecision, description, occurredOn: dateFromIso(input.occurredOn) };
}
