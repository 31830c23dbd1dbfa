import "server-only";
import type { ActorCreation, ActorUpdate } from "../actors/schemas";
import { recordAudit } from "../audit/record-audit";
import { requirePermission, type ActingUser } from "../auth/permissions";
import { getDatabase } from "../database/client";
import { isUniqueViolation } from "../database/constraint-errors";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import type { ActorKind } from "../generated/prisma/enums";
import type { Prisma } from "../generated/prisma/client";
import { actorListDefinition, type ActorListFilters } from "../actors/list";
import { keysetOrderBy, readAfterCursor, toPage, type Page } from "../lists/keyset";
import { parseListQuery, type ListQuery } from "../lists/parameters";
import { foldedContainsPattern } from "../search/folded-pattern";

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
  createdAt: string;
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
  createdAt: true,
  speaksFor: { select: { id: true, name: true } },
  // Kept by triggers on the statements (prisma/sql/coverage-counts.sql): a column, not a count over every statement.
  liveStatementCount: true,
} as const;

type ActorRow = Prisma.ActorGetPayload<{ select: typeof actorSelect }>;

function toView({ liveStatementCount, ...actor }: ActorRow): ActorView {
  return { ...actor, createdAt: actor.createdAt.toISOString(), statementCount: liveStatementCount };
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

/**
 * One page of live actors, filtered and sorted as the list's URL says, after
 * the cursor (keyset paging, docs/decisions/0016). The text filter looks in
 * names, keys, offices and aliases, case-insensitively, in any script.
 */
export async function listActorsPage(
  user: ActingUser,
  query: ListQuery<ActorListFilters> = parseListQuery(actorListDefinition, new URLSearchParams()),
): Promise<Page<ActorView>> {
  requirePermission(user, "read");
  const db = getDatabase();
  const { filters } = query;
  const conditions: Prisma.ActorWhereInput[] = [{ deletedAt: null }];
  if (filters.kind) conditions.push({ kind: filters.kind });
  if (filters.tracked !== undefined) conditions.push({ isTrackedTarget: filters.tracked });
  if (filters.text) {
    // Folded as the search folds, so "pezeshkian" finds "Pezeshkiān" and "كتاب" finds "کتاب". Aliases are an array,
    // which Prisma cannot match a part of, so the text filter is one SQL query.
    const matching = await db.$queryRaw<{ id: string }[]>`
      WITH typed AS (SELECT ${foldedContainsPattern(filters.text)} AS pattern)
      SELECT a.id FROM "Actor" a, typed
      WHERE a."deletedAt" IS NULL
        AND ("search_fold"(a.name) LIKE typed.pattern OR "search_fold"(a.slug) LIKE typed.pattern
             OR "search_fold"(coalesce(a.office, '')) LIKE typed.pattern
             OR EXISTS (SELECT 1 FROM unnest(a.aliases) AS alias WHERE "search_fold"(alias) LIKE typed.pattern))`;
    conditions.push({ id: { in: matching.map((row) => row.id) } });
  }
  const fetched = await readAfterCursor(query.sortOption, query.cursor, query.pageSize + 1, (after, take) =>
    db.actor.findMany({
      where: { AND: [...conditions, after as Prisma.ActorWhereInput] },
      select: actorSelect,
      orderBy: keysetOrderBy(query.sortOption, query.sort) as Prisma.ActorOrderByWithRelationInput[],
      take,
    }),
  );
  const page = toPage(fetched, query.pageSize, query.sort, query.sortOption, (row) => row[query.sortOption.field as "name" | "createdAt"]);
  return { rows: page.rows.map(toView), nextCursor: page.nextCursor };
}

/** Every live actor as the actor forms offer and check them (speaks for, taken keys and Wikidata ids): no counts, so it stays cheap. */
export async function listActorChoices(
  user: ActingUser,
): Promise<{ id: string; name: string; slug: string; wikidataId: string | null; office: string | null }[]> {
  requirePermission(user, "read");
  return getDatabase().actor.findMany({
    where: { deletedAt: null },
    select: { id: true, name: true, slug: true, wikidataId: true, office: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
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
