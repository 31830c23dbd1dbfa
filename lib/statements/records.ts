// How validated statements become database rows. The application's write path,
// the seed and the test factories all build rows through these, so all three
// compute offsets and dates the same way. Fields are picked one by one so that extra keys
// of a richer input (a seed entry's references) never reach Prisma.
import type { Prisma } from "../generated/prisma/client";
import { locateQuote } from "../sources/offsets";
import { dateFromIso } from "../validation";
import type { StatementInput } from "./schemas";

/** Locates the quote in the source text: offsets are never typed by hand. Throws QuoteNotFoundError. */
export function statementRecord(
  input: StatementInput,
  source: { id: string; text: string },
  speakerId: string,
  options: { occurrence?: number; createdById?: string | null } = {},
): Prisma.StatementUncheckedCreateInput {
  const span = locateQuote(source.text, input.quote, options.occurrence ?? 1);
  const { quote, saidOnPrecision, form, channel } = input;
  return {
    quote,
    saidOnPrecision,
    form,
    channel,
    ...span,
    saidOn: dateFromIso(input.saidOn),
    sourceId: source.id,
    speakerId,
    createdById: options.createdById ?? null,
  };
}
