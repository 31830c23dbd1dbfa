import "server-only";
import { recordAudit } from "../audit/record-audit";
import { requirePermission, type ActingUser } from "../auth/permissions";
import { getDatabase } from "../database/client";
import { BadRequestError, ConflictError, NotFoundError, ValidationError } from "../errors";
import { eventListDefinition, type EventListFilters } from "../events/list";
import type { EventCreation, EventUpdate } from "../events/schemas";
import { keysetOrderBy, readAfterCursor, toPage, type Page } from "../lists/keyset";
import { parseListQuery, type ListQuery } from "../lists/parameters";
import { foldedContainsPattern } from "../search/folded-pattern";
import type { Prisma } from "../generated/prisma/client";
import type { DatePrecision, EventKind, PloverEventType } from "../generated/prisma/enums";
import { slugify } from "../sources/spans";
import { dateFromIso, isoFromDate } from "../validation";
import { claimFreeSlug } from "./free-slug";

type Transaction = Prisma.TransactionClient;

export type EventView = {
  id: string;
  slug: string;
  version: number;
  title: string;
  kind: EventKind;
  ploverType: PloverEventType | null;
  occurredOn: string;
  datePrecision: DatePrecision;
  description: string;
  actors: { id: string; name: string }[];
  sources: { id: string; title: string }[];
  updatedAt: string;
};

type EventRow = Prisma.EventGetPayload<object>;

async function toViews(db: Transaction, rows: EventRow[]): Promise<EventView[]> {
  const actorIds = [...new Set(rows.flatMap((row) => row.actorIds))];
  const sourceIds = [...new Set(rows.flatMap((row) => row.sourceIds))];
  const [actors, sources] = await Promise.all([
    actorIds.length ? db.actor.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : [],
    sourceIds.length ? db.source.findMany({ where: { id: { in: sourceIds }, deletedAt: null }, select: { id: true, title: true } }) : [],
  ]);
  const actorsById = new Map(actors.map((actor) => [actor.id, actor]));
  const sourcesById = new Map(sources.map((source) => [source.id, source]));
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    version: row.version,
    title: row.title,
    kind: row.kind,
    ploverType: row.ploverType,
    occurredOn: isoFromDate(row.occurredOn),
    datePrecision: row.datePrecision,
    description: row.description,
    actors: row.actorIds.flatMap((id) => (actorsById.has(id) ? [actorsById.get(id)!] : [])),
    sources: row.sourceIds.flatMap((id) => (sourcesById.has(id) ? [sourcesById.get(id)!] : [])),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

async function toView(db: Transaction, row: EventRow): Promise<EventView> {
  return (await toViews(db, [row]))[0]!;
}

/**
 * One page of live events, filtered and sorted as the list's URL says, after
 * the cursor (keyset paging, docs/decisions/0016). The full list below serves
 * the charts and pickers.
 */
export async function listEventsPage(
  user: ActingUser,
  query: ListQuery<EventListFilters> = parseListQuery(eventListDefinition, new URLSearchParams()),
): Promise<Page<EventView>> {
  requirePermission(user, "read");
  const db = getDatabase();
  const { filters } = query;
  if (filters.from && filters.to && filters.from > filters.to)
    throw new BadRequestError("The list's “from” date is after its “to” date: swap them.");
  const conditions: Prisma.EventWhereInput[] = [{ deletedAt: null }];
  if (filters.actor) {
    const actor = await db.actor.findUnique({ where: { slug: filters.actor }, select: { id: true } });
    if (!actor) throw new BadRequestError(`actor: no actor has the key “${filters.actor}”. Choose one from the list.`);
    conditions.push({ actorIds: { has: actor.id } });
  }
  if (filters.kind) conditions.push({ kind: filters.kind });
  if (filters.source) conditions.push({ sourceIds: { has: filters.source } });
  if (filters.from) conditions.push({ occurredOn: { gte: dateFromIso(filters.from) } });
  if (filters.to) conditions.push({ occurredOn: { lte: dateFromIso(filters.to) } });
  if (filters.text) {
    // Folded as the search folds (case, accents, Arabic-script letter variants), as the actors list's filter is.
    const matching = await db.$queryRaw<{ id: string }[]>`
      WITH typed AS (SELECT ${foldedContainsPattern(filters.text)} AS pattern)
      SELECT e.id FROM "Event" e, typed
      WHERE e."deletedAt" IS NULL
        AND ("search_fold"(e.title) LIKE typed.pattern OR "search_fold"(e.description) LIKE typed.pattern)`;
    conditions.push({ id: { in: matching.map((row) => row.id) } });
  }
  const fetched = await readAfterCursor(query.sortOption, query.cursor, query.pageSize + 1, (after, take) =>
    db.event.findMany({
      where: { AND: [...conditions, after as Prisma.EventWhereInput] },
      orderBy: keysetOrderBy(query.sortOption, query.sort) as Prisma.EventOrderByWithRelationInput[],
      take,
    }),
  );
  const page = toPage(
    fetched,
    query.pageSize,
    query.sort,
    query.sortOption,
    (row) => row[query.sortOption.field as "occurredOn" | "title"],
  );
  return { rows: await toViews(db, page.rows), nextCursor: page.nextCursor };
}

/** Live events, newest first. Charts read the same table, so a new or corrected event shows on them at once. */
export async function listEvents(user: ActingUser): Promise<EventView[]> {
  requirePermission(user, "read");
  const db = getDatabase();
  const rows = await db.event.findMany({ where: { deletedAt: null }, orderBy: [{ occurredOn: "desc" }, { title: "asc" }] });
  return toViews(db, rows);
}

export async function getEvent(user: ActingUser, id: string): Promise<EventView> {
  requirePermission(user, "read");
  const db = getDatabase();
  const row = await db.event.findFirst({ where: { id, deletedAt: null } });
  if (!row) throw new NotFoundError("This event");
  return toView(db, row);
}

/** Every actor and source an event names must exist (and be live): 422 naming the field otherwise. */
async function checkReferences(tx: Transaction, input: { actorIds?: string[]; sourceIds?: string[] }, errors: Record<string, string>) {
  if (input.actorIds?.length) {
    const found = await tx.actor.count({ where: { id: { in: input.actorIds }, deletedAt: null } });
    if (found !== new Set(input.actorIds).size) errors.actorIds = "names an actor that does not exist";
  }
  if (input.sourceIds?.length) {
    const found = await tx.source.count({ where: { id: { in: input.sourceIds }, deletedAt: null } });
    if (found !== new Set(input.sourceIds).size) errors.sourceIds = "names a source that does not exist";
  }
}

const unique = (ids: string[] | undefined) => (ids ? [...new Set(ids)] : ids);

export async function createEvent(user: ActingUser, input: EventCreation): Promise<EventView> {
  requirePermission(user, "edit");
  return getDatabase().$transaction(async (tx) => {
    const errors: Record<string, string> = {};
    await checkReferences(tx, input, errors);
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    // A stable, readable key (seeds and exchange files refer to events by it): the title and date, made unique if need be.
    const base = `${slugify(input.title)}-${input.occurredOn}`.slice(0, 120);
    const slug = await claimFreeSlug(tx, "Event", base);
    const row = await tx.event.create({
      data: {
        slug,
        title: input.title,
        kind: input.kind,
        ploverType: input.ploverType,
        occurredOn: dateFromIso(input.occurredOn),
        datePrecision: input.datePrecision,
        description: input.description,
        actorIds: unique(input.actorIds),
        sourceIds: unique(input.sourceIds),
      },
    });
    await recordAudit(tx, { userId: user.id, action: "CREATE", entity: "Event", entityId: row.id, after: row });
    return toView(tx, row);
  });
}

// Waiting for a connection or a row lock is normal under contention.
const editTransaction = { maxWait: 20_000, timeout: 20_000 };

export async function updateEvent(user: ActingUser, id: string, input: EventUpdate): Promise<EventView> {
  requirePermission(user, "edit");
  return getDatabase().$transaction(async (tx) => {
    const before = await tx.event.findFirst({ where: { id, deletedAt: null } });
    if (!before) throw new NotFoundError("This event");
    const errors: Record<string, string> = {};
    await checkReferences(tx, input, errors);
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    // The form sends the sources it shows, which leaves out deleted ones: those stay named, to return with a restore.
    const deletedSources =
      input.sourceIds === undefined
        ? []
        : await tx.source.findMany({ where: { id: { in: before.sourceIds }, deletedAt: { not: null } }, select: { id: true } });
    const sourceIds = input.sourceIds && unique([...input.sourceIds, ...deletedSources.map((source) => source.id)]);
    const { count } = await tx.event.updateMany({
      where: { id, version: input.version, deletedAt: null },
      data: {
        title: input.title,
        kind: input.kind,
        ploverType: input.ploverType,
        occurredOn: input.occurredOn === undefined ? undefined : dateFromIso(input.occurredOn),
        datePrecision: input.datePrecision,
        description: input.description,
        actorIds: unique(input.actorIds),
        sourceIds,
        version: { increment: 1 },
      },
    });
    if (count === 0) {
      const current = await tx.event.findUniqueOrThrow({ where: { id } });
      throw new ConflictError(
        `Someone saved a newer version of this event (version ${current.version}) after you opened version ${input.version}. Compare the two and re-apply your change.`,
        await toView(tx, current),
      );
    }
    const after = await tx.event.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, { userId: user.id, action: "UPDATE", entity: "Event", entityId: id, before, after });
    return toView(tx, after);
  }, editTransaction);
}

/** Soft deletion: the event leaves the charts and lists; an admin restores it from History. */
export async function deleteEvent(user: ActingUser, id: string, version: number): Promise<void> {
  requirePermission(user, "edit");
  await getDatabase().$transaction(async (tx) => {
    const before = await tx.event.findFirst({ where: { id, deletedAt: null } });
    if (!before) throw new NotFoundError("This event");
    const { count } = await tx.event.updateMany({
      where: { id, version, deletedAt: null },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    if (count === 0) {
      const current = await tx.event.findUniqueOrThrow({ where: { id } });
      throw new ConflictError(
        `This event changed (now version ${current.version}) since you opened version ${version}; review it before deleting.`,
        await toView(tx, current),
      );
    }
    const after = await tx.event.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, { userId: user.id, action: "DELETE", entity: "Event", entityId: id, before, after });
  }, editTransaction);
}
