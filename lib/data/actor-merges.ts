import "server-only";
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { requirePermission, type ActingUser } from "../auth/permissions";
import { getDatabase } from "../database/client";
import { ConflictError, DomainError, NotFoundError, ValidationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { idSchema, versionSchema } from "../validation";

type Transaction = Prisma.TransactionClient;

export const actorMergeSchema = z.object({
  /** The duplicate: it disappears into the other. */
  fromId: idSchema("choose the actor to merge"),
  fromVersion: versionSchema,
  /** The actor kept; its version is checked when given. */
  intoId: idSchema("choose the actor to keep"),
  intoVersion: versionSchema.optional(),
});
export type ActorMerge = z.infer<typeof actorMergeSchema>;

export const actorMergeUndoSchema = z.object({ auditEntryId: z.string().regex(/^\d{1,18}$/, "must name an audit entry") });

/** What a merge moved, kept in its audit entry so that it can be undone exactly. */
type MergeRecord = {
  fromId: string;
  intoId: string;
  fromSlug: string;
  intoSlug: string;
  statementIds: string[];
  codingIds: string[];
  adjudicationIds: string[];
  events: { id: string; actorIds: string[] }[];
  indicators: { id: string; rule: Prisma.JsonValue }[];
  representedByIds: string[];
  intoAliases: string[];
  /** Codings already marked for review before the merge: the merge itself marks none. */
  flaggedCodingIds: string[];
};

export type ActorMergeResult = {
  auditEntryId: string;
  into: { id: string; name: string };
  moved: { statements: number; codings: number; adjudications: number; events: number; indicators: number; speaksFor: number };
};

/** Replaces every string equal to `from` in a rule (actors are named by slug there) with `into`. */
function replaceSlug(value: Prisma.JsonValue, from: string, into: string): Prisma.JsonValue {
  if (value === from) return into;
  if (Array.isArray(value)) return value.map((item) => replaceSlug(item, from, into));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceSlug(item as Prisma.JsonValue, from, into)]));
  return value;
}

/** Moves a statement's speaker without marking its codings for review: a merge does not change who said it, only the name. */
async function moveSpeaker(tx: Transaction, statementIds: string[], speakerId: string, flagged: Set<string>) {
  if (statementIds.length === 0) return;
  await tx.statement.updateMany({ where: { id: { in: statementIds } }, data: { speakerId, version: { increment: 1 } } });
  await tx.stanceCoding.updateMany({
    where: { statementId: { in: statementIds }, id: { notIn: [...flagged] } },
    data: { statementChangedAt: null },
  });
}

async function findConflicts(tx: Transaction, fromId: string, intoId: string): Promise<string[]> {
  const conflicts: string[] = [];
  const fromStatements = await tx.statement.findMany({
    where: { speakerId: fromId },
    select: { id: true, sourceId: true, startOffset: true, endOffset: true, quote: true },
  });
  if (fromStatements.length > 0) {
    const same = await tx.statement.findMany({
      where: {
        speakerId: intoId,
        OR: fromStatements.map(({ sourceId, startOffset, endOffset }) => ({ sourceId, startOffset, endOffset })),
      },
      select: { quote: true },
    });
    for (const statement of same) conflicts.push(`both have the statement “${statement.quote.slice(0, 60)}” in the same source`);
  }
  // A stance toward oneself: a statement by one coded or adjudicated toward the other.
  const selfStances = await tx.stanceCoding.count({
    where: {
      deletedAt: null,
      OR: [
        { speakerId: fromId, targetId: intoId },
        { speakerId: intoId, targetId: fromId },
      ],
    },
  });
  if (selfStances > 0) conflicts.push(`${selfStances} coding(s) of one's statements toward the other would become a stance toward oneself`);
  const selfAdjudications = await tx.adjudication.count({
    where: {
      deletedAt: null,
      OR: [
        { targetId: intoId, statement: { speakerId: fromId } },
        { targetId: fromId, statement: { speakerId: intoId } },
      ],
    },
  });
  if (selfAdjudications > 0) conflicts.push(`${selfAdjudications} adjudication(s) would become a stance toward oneself`);
  // One live coding per coder, statement and target; one live adjudication per statement and target.
  const fromCodings = await tx.stanceCoding.findMany({
    where: { targetId: fromId, deletedAt: null },
    select: { statementId: true, coderId: true },
  });
  if (fromCodings.length > 0) {
    const doubled = await tx.stanceCoding.count({ where: { targetId: intoId, deletedAt: null, OR: fromCodings } });
    if (doubled > 0) conflicts.push(`${doubled} coder(s) coded the same statement toward both; delete one of each pair first`);
  }
  const fromAdjudications = await tx.adjudication.findMany({ where: { targetId: fromId, deletedAt: null }, select: { statementId: true } });
  if (fromAdjudications.length > 0) {
    const doubled = await tx.adjudication.count({ where: { targetId: intoId, deletedAt: null, OR: fromAdjudications } });
    if (doubled > 0) conflicts.push(`${doubled} statement(s) are adjudicated toward both; delete one of each pair first`);
  }
  return conflicts;
}

/**
 * Merges a duplicate actor into the one kept: its statements (and so its
 * codings' copied speaker), the codings and adjudications toward it, the
 * events naming it, the indicators naming it and those speaking for it all
 * follow; its name becomes an alias of the one kept and it is deleted. All in
 * one transaction, audited with what moved, so it can be undone exactly.
 */
export async function mergeActors(user: ActingUser, input: ActorMerge): Promise<ActorMergeResult> {
  requirePermission(user, "administer");
  if (input.fromId === input.intoId) throw new ValidationError({ intoId: "is the same actor; choose the one to keep" });
  return getDatabase().$transaction(
    async (tx) => {
      // Locked before their versions are compared (in id order, as every writer of two actors takes them): an
      // edit committing between the check and the merge would otherwise be merged over unseen.
      await tx.$queryRaw`SELECT id FROM "Actor" WHERE id IN (${input.fromId}, ${input.intoId}) ORDER BY id FOR UPDATE`;
      const [from, into] = await Promise.all([
        tx.actor.findFirst({ where: { id: input.fromId, deletedAt: null } }),
        tx.actor.findFirst({ where: { id: input.intoId, deletedAt: null } }),
      ]);
      if (!from) throw new NotFoundError("The actor to merge");
      if (!into) throw new ValidationError({ intoId: "names no known actor" });
      if (from.version !== input.fromVersion || (input.intoVersion !== undefined && into.version !== input.intoVersion))
        throw new ConflictError("One of the two actors was changed meanwhile. Reload the page and check both before merging.", null);
      if (into.speaksForId === from.id)
        throw new ValidationError({ intoId: `speaks for ${from.name}; change that first, or merge the other way round` });
      const conflicts = await findConflicts(tx, from.id, into.id);
      if (conflicts.length > 0)
        throw new DomainError(409, `These two cannot be merged yet: ${conflicts.join("; ")}. Nothing was changed.`, { conflicts });

      const statements = await tx.statement.findMany({ where: { speakerId: from.id }, select: { id: true } });
      const statementIds = statements.map((statement) => statement.id);
      const flaggedCodingIds = (
        await tx.stanceCoding.findMany({
          where: { statementId: { in: statementIds }, statementChangedAt: { not: null } },
          select: { id: true },
        })
      ).map((coding) => coding.id);
      const codingIds = (await tx.stanceCoding.findMany({ where: { targetId: from.id }, select: { id: true } })).map((row) => row.id);
      const adjudicationIds = (await tx.adjudication.findMany({ where: { targetId: from.id }, select: { id: true } })).map((row) => row.id);
      const events = await tx.event.findMany({ where: { actorIds: { has: from.id } }, select: { id: true, actorIds: true } });
      const indicators = (await tx.indicator.findMany({ select: { id: true, rule: true } })).filter((indicator) =>
        JSON.stringify(indicator.rule).includes(JSON.stringify(from.slug)),
      );
      const representedByIds = (await tx.actor.findMany({ where: { speaksForId: from.id }, select: { id: true } })).map((row) => row.id);

      await moveSpeaker(tx, statementIds, into.id, new Set(flaggedCodingIds));
      if (codingIds.length) await tx.stanceCoding.updateMany({ where: { id: { in: codingIds } }, data: { targetId: into.id } });
      if (adjudicationIds.length) await tx.adjudication.updateMany({ where: { id: { in: adjudicationIds } }, data: { targetId: into.id } });
      for (const event of events) {
        const actorIds = [...new Set(event.actorIds.map((id) => (id === from.id ? into.id : id)))];
        await tx.event.update({ where: { id: event.id }, data: { actorIds, version: { increment: 1 } } });
      }
      for (const indicator of indicators) {
        await tx.indicator.update({
          where: { id: indicator.id },
          data: { rule: replaceSlug(indicator.rule, from.slug, into.slug) as Prisma.InputJsonValue, version: { increment: 1 } },
        });
      }
      if (representedByIds.length)
        await tx.actor.updateMany({ where: { id: { in: representedByIds } }, data: { speaksForId: into.id, version: { increment: 1 } } });
      const aliases = [...new Set([...into.aliases, from.name, ...from.aliases])].filter((alias) => alias !== into.name);
      const intoAfter = await tx.actor.update({ where: { id: into.id }, data: { aliases, version: { increment: 1 } } });
      const fromAfter = await tx.actor.update({ where: { id: from.id }, data: { deletedAt: new Date(), version: { increment: 1 } } });

      const record: MergeRecord = {
        fromId: from.id,
        intoId: into.id,
        fromSlug: from.slug,
        intoSlug: into.slug,
        statementIds,
        codingIds,
        adjudicationIds,
        events,
        indicators,
        representedByIds,
        intoAliases: into.aliases,
        flaggedCodingIds,
      };
      await recordAudit(tx, { userId: user.id, action: "DELETE", entity: "Actor", entityId: from.id, before: from, after: fromAfter });
      await recordAudit(tx, { userId: user.id, action: "UPDATE", entity: "Actor", entityId: into.id, before: into, after: intoAfter });
      const auditEntryId = await recordAudit(tx, {
        userId: user.id,
        action: "UPDATE",
        entity: "ActorMerge",
        entityId: from.id,
        after: record,
      });
      return {
        auditEntryId: auditEntryId.toString(),
        into: { id: into.id, name: into.name },
        moved: {
          statements: statementIds.length,
          codings: codingIds.length,
          adjudications: adjudicationIds.length,
          events: events.length,
          indicators: indicators.length,
          speaksFor: representedByIds.length,
        },
      };
    },
    { maxWait: 20_000, timeout: 60_000 },
  );
}

/**
 * Undoes a merge from its audit entry: the merged actor comes back and what
 * moved moves back (records added to the kept actor since stay with it).
 * Only what the merge changed is changed back: an event's list gets the merged
 * actor back where the merge had put the kept one, an indicator's rule returns
 * only if nobody has edited it since (the result counts those left as they
 * are), and the kept actor loses only the aliases the merge gave it. Audited; a
 * merge is undone once.
 */
export async function undoActorMerge(
  user: ActingUser,
  auditEntryId: string,
): Promise<{ fromId: string; intoId: string; indicatorsLeftAsEdited: number }> {
  requirePermission(user, "administer");
  return getDatabase().$transaction(
    async (tx) => {
      const entry = await tx.auditEntry.findUnique({ where: { id: BigInt(auditEntryId) } });
      if (!entry || entry.entity !== "ActorMerge" || entry.action !== "UPDATE") throw new NotFoundError("This merge");
      const record = entry.after as unknown as MergeRecord;
      // Locked before the check: two administrators undoing at once would otherwise both find it not undone yet.
      await tx.$queryRaw`SELECT id FROM "Actor" WHERE id IN (${record.fromId}, ${record.intoId}) ORDER BY id FOR UPDATE`;
      const undone = await tx.auditEntry.count({
        where: { entity: "ActorMerge", entityId: entry.entityId, action: "RESTORE", id: { gt: entry.id } },
      });
      if (undone > 0) throw new DomainError(409, "This merge has already been undone.");
      const from = await tx.actor.findUnique({ where: { id: record.fromId } });
      const into = await tx.actor.findUnique({ where: { id: record.intoId } });
      if (!from || !into) throw new NotFoundError("One of the merged actors");
      // Statements corrected to another speaker since the merge stay as corrected.
      const statementIds = (
        await tx.statement.findMany({ where: { id: { in: record.statementIds }, speakerId: into.id }, select: { id: true } })
      ).map((statement) => statement.id);
      const flagged = (
        await tx.stanceCoding.findMany({
          where: { statementId: { in: statementIds }, statementChangedAt: { not: null } },
          select: { id: true },
        })
      ).map((coding) => coding.id);
      const fromAfter = await tx.actor.update({ where: { id: from.id }, data: { deletedAt: null, version: { increment: 1 } } });
      await moveSpeaker(tx, statementIds, from.id, new Set(flagged));
      await tx.stanceCoding.updateMany({ where: { id: { in: record.codingIds }, targetId: into.id }, data: { targetId: from.id } });
      await tx.adjudication.updateMany({ where: { id: { in: record.adjudicationIds }, targetId: into.id }, data: { targetId: from.id } });
      for (const before of record.events) {
        const [current] = await tx.$queryRaw<{ actorIds: string[] }[]>`
          SELECT "actorIds" FROM "Event" WHERE id = ${before.id} FOR UPDATE`;
        // Removed from the event since, the kept actor stays removed, and so does the merged one.
        if (!current || !current.actorIds.includes(into.id)) continue;
        const actorIds = before.actorIds.includes(into.id)
          ? [...current.actorIds, from.id]
          : current.actorIds.map((id) => (id === into.id ? from.id : id));
        await tx.event.update({ where: { id: before.id }, data: { actorIds, version: { increment: 1 } } });
      }
      let indicatorsLeftAsEdited = 0;
      for (const before of record.indicators) {
        const [current] = await tx.$queryRaw<{ rule: Prisma.JsonValue }[]>`
          SELECT rule FROM "Indicator" WHERE id = ${before.id} FOR UPDATE`;
        if (!current) continue;
        if (!isDeepStrictEqual(current.rule, replaceSlug(before.rule, record.fromSlug, record.intoSlug))) {
          indicatorsLeftAsEdited += 1;
          continue;
        }
        await tx.indicator.update({
          where: { id: before.id },
          data: { rule: before.rule as Prisma.InputJsonValue, version: { increment: 1 } },
        });
      }
      await tx.actor.updateMany({
        where: { id: { in: record.representedByIds }, speaksForId: into.id },
        data: { speaksForId: from.id, version: { increment: 1 } },
      });
      const given = new Set([from.name, ...from.aliases].filter((alias) => !record.intoAliases.includes(alias)));
      const intoAfter = await tx.actor.update({
        where: { id: into.id },
        data: { aliases: into.aliases.filter((alias) => !given.has(alias)), version: { increment: 1 } },
      });
      await recordAudit(tx, { userId: user.id, action: "RESTORE", entity: "Actor", entityId: from.id, before: from, after: fromAfter });
      await recordAudit(tx, { userId: user.id, action: "UPDATE", entity: "Actor", entityId: into.id, before: into, after: intoAfter });
      await recordAudit(tx, {
        userId: user.id,
        action: "RESTORE",
        entity: "ActorMerge",
        entityId: entry.entityId,
        after: { undoes: entry.id.toString(), indicatorsLeftAsEdited },
      });
      return { fromId: from.id, intoId: into.id, indicatorsLeftAsEdited };
    },
    { maxWait: 20_000, timeout: 60_000 },
  );
}
