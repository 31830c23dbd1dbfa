import "server-only";
import type { ActorCreation, ActorUpdate } from "../actors/schemas";
import { recordAudit } from "../audit/record-audit";
import { requirePermission, type ActingUser } from "../auth/permissions";
import { getDatabase } from "../database/client";
import { isUniqueViolation } from "../database/constraint-errors";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import type { ActorKind } from "../generated/prisma/enums";
import type { Prisma } from "../generated/prisma/client";

export type ActorView = {
  id: string;
  slug: string;
  name: string;
  kind: ActorKind;
  office: string | null;
  speaksFor: { id: string; name: string } | null;
  wikidataId: string | null;
  isTrackedTarget: boolean;
  aliases: string[];
  version: number;
  statementCount: number;
};

const actorSelect = {
  id: true,
  slug: true,
  name: true,
  kind: true,
  office: true,
  wikidataId: true,
  isTrackedTarget: true,
  aliases: true,
  version: true,
  speaksFor: { select: { id: true, name: true } },
  _count: { select: { statements: { where: { deletedAt: null } } } },
} as const;

type ActorRow = Prisma.ActorGetPayload<{ select: typeof actorSelect }>;

function toView({ _count, ...actor }: ActorRow): ActorView {
  return { ...actor, statementCount: _count.statements };
}

export async function listActors(user: ActingUser): Promise<ActorView[]> {
  requirePermission(user, "read");
  const rows = await getDatabase().actor.findMany({
    where: { deletedAt: null },
    select: actorSelect,
    orderBy: [{ isTrackedTarget: "desc" }, { name: "asc" }],
  });
  return rows.map(toView);
}

type Transaction = Prisma.TransactionClient;

async function requireSpeaksFor(tx: Transaction, actorId: string | null, speaksForId: string | null | undefined) {
  if (!speaksForId) return;
  if (speaksForId === actorId) throw new ValidationError({ speaksForId: "cannot be the actor itself" });
  const parent = await tx.actor.findFirst({ where: { id: speaksForId, deletedAt: null }, select: { id: true } });
  if (!parent) throw new ValidationError({ speaksForId: "names no known actor" });
}

function duplicateMessage(error: unknown): never {
  if (isUniqueViolation(error)) throw new ValidationError({ slug: "or Wikidata id is already used by another actor" });
  throw error;
}

/** Actors and targets are the shared vocabulary of every coding: administrators manage them. */
export async function createActor(user: ActingUser, input: ActorCreation): Promise<ActorView> {
  requirePermission(user, "administer");
  return getDatabase()
    .$transaction(async (tx) => {
      await requireSpeaksFor(tx, null, input.speaksForId);
      const row = await tx.actor.create({ data: input });
      await recordAudit(tx, { userId: user.id, action: "CREATE", entity: "Actor", entityId: row.id, after: row });
      return toView(await tx.actor.findUniqueOrThrow({ where: { id: row.id }, select: actorSelect }));
    })
    .catch(duplicateMessage);
}

export async function updateActor(user: ActingUser, id: string, update: ActorUpdate): Promise<ActorView> {
  requirePermission(user, "administer");
  const { version, ...changes } = update;
  return getDatabase()
    .$transaction(async (tx) => {
      const before = await tx.actor.findFirst({ where: { id, deletedAt: null } });
      if (!before) throw new NotFoundError("This actor");
      await requireSpeaksFor(tx, id, changes.speaksForId);
      if (changes.aliases) changes.aliases = [...new Set(changes.aliases)].filter((alias) => alias !== (changes.name ?? before.name));
      const { count } = await tx.actor.updateMany({
        where: { id, version, deletedAt: null },
        data: { ...changes, version: { increment: 1 } },
      });
      if (count === 0) {
        const current = await tx.actor.findUniqueOrThrow({ where: { id }, select: actorSelect });
        throw new ConflictError(
          `This actor was changed by someone else (now version ${current.version}). Review it and try again.`,
          toView(current),
        );
      }
      const after = await tx.actor.findUniqueOrThrow({ where: { id } });
      await recordAudit(tx, { userId: user.id, action: "UPDATE", entity: "Actor", entityId: id, before, after });
      return toView(await tx.actor.findUniqueOrThrow({ where: { id }, select: actorSelect }));
    })
    .catch(duplicateMessage);
}
