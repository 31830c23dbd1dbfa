import "server-only";
import { recordAudit } from "../audit/record-audit";
import { requirePermission, type ActingUser } from "../auth/permissions";
import { getDatabase } from "../database/client";
import { isUniqueViolation } from "../database/constraint-errors";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { slugify, trimSpan } from "../sources/spans";
import type { StatementCreation } from "../statements/schemas";
import { dateFromIso } from "../validation";

type Transaction = Prisma.TransactionClient;

/** A new speaker created inline while making a statement gets a slug of its own, made unique if need be. */
async function createSpeaker(
  tx: Transaction,
  user: NonNullable<ActingUser>,
  speaker: NonNullable<StatementCreation["newSpeaker"]>,
): Promise<string> {
  if (speaker.speaksForId && !(await tx.actor.findFirst({ where: { id: speaker.speaksForId, deletedAt: null }, select: { id: true } }))) {
    throw new ValidationError({ "newSpeaker.speaksForId": "names no known actor" });
  }
  const base = slugify(speaker.name);
  const taken = new Set(
    (await tx.actor.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((actor) => actor.slug),
  );
  let slug = base;
  for (let suffix = 2; taken.has(slug); suffix += 1) slug = `${base}-${suffix}`;
  const actor = await tx.actor.create({
    data: { slug, name: speaker.name, kind: speaker.kind, office: speaker.office, speaksForId: speaker.speaksForId },
  });
  await recordAudit(tx, { userId: user.id, action: "CREATE", entity: "Actor", entityId: actor.id, after: actor });
  return actor.id;
}

/**
 * Creates a statement from a span of its source: the quote is cut from the
 * stored text at the given offsets (trimmed of surrounding white space), so
 * it always matches the source exactly.
 */
export async function createStatement(
  user: ActingUser,
  input: StatementCreation,
): Promise<{ id: string; quote: string; startOffset: number; endOffset: number }> {
  requirePermission(user, "edit");
  try {
    return await getDatabase().$transaction(async (tx) => {
      const source = await tx.source.findFirst({ where: { id: input.sourceId, deletedAt: null }, select: { id: true, text: true } });
      if (!source) throw new NotFoundError("This source");
      if (input.endOffset > source.text.length)
        throw new ValidationError({ endOffset: `is beyond the end of the source text (${source.text.length} characters)` });
      const span = trimSpan(source.text, { startOffset: input.startOffset, endOffset: input.endOffset });
      if (span.endOffset === span.startOffset)
        throw new ValidationError({ quote: "the selection holds only white space; select the words that were said" });
      let speakerId = input.speakerId;
      if (speakerId) {
        if (!(await tx.actor.findFirst({ where: { id: speakerId, deletedAt: null }, select: { id: true } })))
          throw new ValidationError({ speakerId: "names no known actor" });
      } else {
        speakerId = await createSpeaker(tx, user!, input.newSpeaker!);
      }
      const statement = await tx.statement.create({
        data: {
          sourceId: source.id,
          speakerId,
          quote: source.text.slice(span.startOffset, span.endOffset),
          ...span,
          saidOn: dateFromIso(input.saidOn),
          saidOnPrecision: input.saidOnPrecision,
          form: input.form,
          channel: input.channel,
          createdById: user!.id,
        },
      });
      await recordAudit(tx, { userId: user!.id, action: "CREATE", entity: "Statement", entityId: statement.id, after: statement });
      return { id: statement.id, quote: statement.quote, startOffset: statement.startOffset, endOffset: statement.endOffset };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError("This speaker already has a statement with exactly this quote in this source.", null);
    throw error;
  }
}
