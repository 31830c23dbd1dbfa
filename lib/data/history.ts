import "server-only";
import { z } from "zod";
import { describeChanges, type FieldChange } from "../audit/diff";
import { recordAudit, type AuditedEntity } from "../audit/record-audit";
import { requirePermission, type ActingUser } from "../auth/permissions";
import { formatScore } from "../codings/scale";
import { getDatabase } from "../database/client";
import { isUniqueViolation } from "../database/constraint-errors";
import { BadRequestError, ConflictError, DomainError, NotFoundError } from "../errors";
import { fieldLabel, formatAuditValue, referencedIds, type ReferenceNames } from "../audit/presentation";
import { historyListDefinition, type HistoryListFilters } from "../audit/history-list";
import { keysetOrderBy, readAfterCursor, toPage, type Page } from "../lists/keyset";
import { parseListQuery, type ListQuery } from "../lists/parameters";
import { dateFromIso } from "../validation";
import { Prisma } from "../generated/prisma/client";
import type { AuditAction } from "../generated/prisma/enums";
import { withoutText } from "../sources/records";
import { shareLockStatementAndSource } from "./live-records";

type Transaction = Prisma.TransactionClient;
type StoredRecord = { id: string; version: number; deletedAt: Date | null; [field: string]: unknown };
type Delegate = {
  findUnique(args: { where: { id: string } }): Promise<StoredRecord | null>;
  findMany(args: object): Promise<StoredRecord[]>;
  update(args: { where: { id: string }; data: Record<string, unknown> }): Promise<StoredRecord>;
};

type RestoreSpecification = {
  delegate(tx: Transaction): Delegate;
  /** Fields an earlier version may bring back; keys and bookkeeping are never rewritten. */
  fields: string[];
  dateFields: string[];
  label(record: Record<string, unknown>): string;
  /** The record as its audit entries hold it, when not whole (a source: its text's length, not its text). */
  audited?(record: Record<string, unknown>): Record<string, unknown>;
  /**
   * For a record that hangs from a statement: what it is called in messages, and its statement (null: none, as for
   * evidence on an event). Restored while the statement's source is deleted, it would stay out of reach.
   */
  statement?: { noun: string; id(record: Record<string, unknown>): unknown };
  /** For a record that hangs from a source alone (an assignment draw): its source, which must be live to restore it. */
  source?: { noun: string; id(record: Record<string, unknown>): unknown };
  /** A record that is never edited, only made and withdrawn, has no version to count. */
  unversioned?: true;
};

const text = (value: unknown) => (typeof value === "string" ? value : "");
const shorten = (value: string) => (value.length > 90 ? `${value.slice(0, 89)}…` : value);

// Soft-deletable records whose earlier versions an admin can restore. A
// coding's speaker and date follow its statement (composite foreign key), so
// they are not restored from the coding's own history.
const restorable: Partial<Record<AuditedEntity, RestoreSpecification>> = {
  StanceCoding: {
    delegate: (tx) => tx.stanceCoding as unknown as Delegate,
    fields: ["score", "isConditional", "confidence", "rationale"],
    dateFields: [],
    label: (record) => `Coding ${formatScore(Number(record.score))}: ${shorten(text(record.rationale))}`,
    statement: { noun: "coding", id: (record) => record.statementId },
  },
  // Only its deletion changes: restoring an undone "no stance" takes the statement out of the coder's queue again.
  StatementReview: {
    delegate: (tx) => tx.statementReview as unknown as Delegate,
    fields: [],
    dateFields: [],
    label: () => "No-stance review",
    statement: { noun: "no-stance review", id: (record) => record.statementId },
  },
  Statement: {
    delegate: (tx) => tx.statement as unknown as Delegate,
    fields: ["speakerId", "quote", "startOffset", "endOffset", "saidOn", "saidOnPrecision", "form", "channel"],
    dateFields: ["saidOn"],
    label: (record) => `Statement “${shorten(text(record.quote))}”`,
    statement: { noun: "statement", id: (record) => record.id },
  },
  Source: {
    delegate: (tx) => tx.source as unknown as Delegate,
    fields: ["title", "publisher", "url", "publishedOn", "language"],
    dateFields: ["publishedOn"],
    label: (record) => `Source “${shorten(text(record.title))}”`,
    audited: (record) => withoutText(record as { text: string; translation: string | null }),
  },
  Actor: {
    delegate: (tx) => tx.actor as unknown as Delegate,
    fields: ["name", "kind", "office", "speaksForId", "wikidataId", "isTrackedTarget"],
    dateFields: [],
    label: (record) => `Actor ${text(record.name)}`,
  },
  Event: {
    delegate: (tx) => tx.event as unknown as Delegate,
    fields: ["title", "kind", "ploverType", "occurredOn", "datePrecision", "description", "actorIds", "sourceIds"],
    dateFields: ["occurredOn"],
    label: (record) => `Event “${shorten(text(record.title))}”`,
  },
  ScenarioSet: {
    delegate: (tx) => tx.scenarioSet as unknown as Delegate,
    fields: ["title", "description"],
    dateFields: [],
    label: (record) => `Scenario set “${shorten(text(record.title))}”`,
  },
  Scenario: {
    delegate: (tx) => tx.scenario as unknown as Delegate,
    fields: ["title", "description", "resolutionCriteria", "horizonOn", "status", "resolvedOn"],
    dateFields: ["horizonOn", "resolvedOn"],
    label: (record) => `Scenario “${shorten(text(record.title))}”`,
  },
  ScenarioEstimate: {
    delegate: (tx) => tx.scenarioEstimate as unknown as Delegate,
    fields: ["probability", "rationale", "estimatedOn"],
    dateFields: ["estimatedOn"],
    label: (record) => `Estimate ${Math.round(Number(record.probability) * 100)}%: ${shorten(text(record.rationale))}`,
  },
  Indicator: {
    delegate: (tx) => tx.indicator as unknown as Delegate,
    fields: ["title", "rule", "effect"],
    dateFields: [],
    label: (record) => `Indicator “${shorten(text(record.title))}”`,
  },
  // A withdrawn draw comes back as it was drawn: the same statements, coders and double-coded sample, its queue
  // entries with it; only its withdrawal changes. One live draw per source, so another drawn since must go first.
  AssignmentDraw: {
    delegate: (tx) => tx.assignmentDraw as unknown as Delegate,
    fields: [],
    dateFields: [],
    label: (record) =>
      `Assignment draw for ${Array.isArray(record.coderIds) ? record.coderIds.length : 0} coders (seed ${text(record.seed)})`,
    source: { noun: "assignment draw", id: (record) => record.sourceId },
    unversioned: true,
  },
  Evidence: {
    delegate: (tx) => tx.evidence as unknown as Delegate,
    fields: ["credibility", "note"],
    dateFields: [],
    label: (record) => `Evidence${text(record.note) ? ` “${shorten(text(record.note))}”` : ""}`,
    statement: { noun: "evidence row", id: (record) => record.statementId },
  },
};

const versionedActions: AuditAction[] = ["CREATE", "UPDATE", "DELETE", "RESTORE"];

/** The state of the record an entry holds: after a change, or just before a deletion. */
function versionHeldBy(entry: { action: AuditAction; before: unknown; after: unknown }): Record<string, unknown> | null {
  if (!versionedActions.includes(entry.action)) return null;
  const snapshot = entry.action === "DELETE" ? entry.before : entry.after;
  return snapshot && typeof snapshot === "object" ? (snapshot as Record<string, unknown>) : null;
}

/** One changed field as the forms show it: its label and both values in words (null: none). */
export type ChangeView = FieldChange & { label: string; beforeText: string | null; afterText: string | null };

export type AuditEntryView = {
  id: string;
  at: string;
  action: AuditAction;
  userName: string | null;
  entity: string;
  entityId: string;
  /** What the record is, in words ("Statement “…”"), from the version the entry holds; null when unknown. */
  label: string | null;
  changes: ChangeView[];
  restorable: boolean;
};

function labelOf(entry: { entity: string; entityId: string; before: unknown; after: unknown }, names: ReferenceNames): string | null {
  const snapshot = (entry.after ?? entry.before) as Record<string, unknown> | null;
  if (!snapshot || typeof snapshot !== "object") return names.get(entry.entityId) ?? null;
  const name = (field: string) => (typeof snapshot[field] === "string" ? names.get(snapshot[field]) : undefined);
  switch (entry.entity) {
    case "User":
      return typeof snapshot.name === "string"
        ? `${snapshot.name}`
        : (names.get(entry.entityId) ?? (typeof snapshot.email === "string" ? `${snapshot.email}` : null));
    case "Adjudication":
      return `Adjudication of ${name("statementId") ?? "a statement"} toward ${name("targetId") ?? "a target"}${typeof snapshot.score === "number" ? `: ${formatScore(snapshot.score)}` : ""}`;
    case "StatementReview":
      return `${name("coderId") ?? "A coder"} found nothing to code in ${name("statementId") ?? "a statement"}`;
    case "ActorMerge":
      if (typeof snapshot.fromSlug === "string") return `Merge of ${snapshot.fromSlug} into ${String(snapshot.intoSlug)}`;
      // An indicator edited since the merge keeps its edit, naming the kept actor: someone should look at it.
      return typeof snapshot.indicatorsLeftAsEdited === "number" && snapshot.indicatorsLeftAsEdited > 0
        ? `Merge undone; ${snapshot.indicatorsLeftAsEdited} indicator${snapshot.indicatorsLeftAsEdited === 1 ? "" : "s"} edited since the merge left as edited`
        : "Merge undone";
    case "CodingImport":
      if (Array.isArray(snapshot.codingIds))
        return `Import of ${snapshot.codingIds.length} coding${snapshot.codingIds.length === 1 ? "" : "s"}`;
      return typeof snapshot.codingsDeleted === "number"
        ? `Import undone: ${snapshot.codingsDeleted} coding${snapshot.codingsDeleted === 1 ? "" : "s"} deleted, ${String(snapshot.codingsKept)} kept`
        : "Import undone";
    case "EvidenceAssessment":
      return `Rating of evidence for ${name("scenarioId") ?? "a scenario"}`;
  }
  return restorable[entry.entity as AuditedEntity]?.label(snapshot) ?? null;
}

type EntryRow = {
  id: bigint;
  at: Date;
  action: AuditAction;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  user: { name: string } | null;
};

function toView(entry: EntryRow, names: ReferenceNames): AuditEntryView {
  return {
    id: entry.id.toString(),
    at: entry.at.toISOString(),
    action: entry.action,
    userName: entry.user?.name ?? null,
    entity: entry.entity,
    entityId: entry.entityId,
    label: labelOf(entry, names),
    changes: describeChanges(entry.before, entry.after).map((change) => ({
      ...change,
      label: fieldLabel(entry.entity, change.field),
      beforeText: formatAuditValue(change.field, change.before, names),
      afterText: formatAuditValue(change.field, change.after, names),
    })),
    restorable: entry.entity in restorable && versionHeldBy(entry) !== null,
  };
}

/**
 * The names of every record the entries refer to (their own record and every
 * *Id field), looked up in one query per kind. Soft-deleted records keep their
 * names: history is about what was.
 */
async function referenceNames(entries: EntryRow[]): Promise<ReferenceNames> {
  const ids = [
    ...new Set([...referencedIds(entries.flatMap((entry) => [entry.before, entry.after])), ...entries.map((entry) => entry.entityId)]),
  ];
  if (ids.length === 0) return new Map();
  const db = getDatabase();
  const [actors, users, sources, statements, sets, scenarios, events] = await Promise.all([
    db.actor.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    db.source.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } }),
    db.statement.findMany({ where: { id: { in: ids } }, select: { id: true, quote: true, speaker: { select: { name: true } } } }),
    db.scenarioSet.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } }),
    db.scenario.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } }),
    db.event.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } }),
  ]);
  const names = new Map<string, string>();
  for (const actor of actors) names.set(actor.id, actor.name);
  for (const person of users) names.set(person.id, person.name);
  for (const source of sources) names.set(source.id, `“${shorten(source.title)}”`);
  for (const statement of statements) names.set(statement.id, `${statement.speaker.name}: “${shorten(statement.quote)}”`);
  for (const set of sets) names.set(set.id, `“${shorten(set.title)}”`);
  for (const scenario of scenarios) names.set(scenario.id, `“${shorten(scenario.title)}”`);
  for (const event of events) names.set(event.id, `“${shorten(event.title)}”`);
  return names;
}

async function toViews(entries: EntryRow[]): Promise<AuditEntryView[]> {
  const names = await referenceNames(entries);
  return entries.map((entry) => toView(entry, names));
}

const entrySelect = {
  id: true,
  at: true,
  action: true,
  entity: true,
  entityId: true,
  before: true,
  after: true,
  user: { select: { name: true } },
} as const;

const signInActions: AuditAction[] = ["SIGN_IN", "SIGN_IN_FAILED"];

/**
 * One page of the history, newest first, after the cursor: changes or
 * sign-ins (apart, so changes are not buried under sign-ins), by kind of
 * record, person and date. Pages go back to the very first entry.
 */
export async function listHistory(
  user: ActingUser,
  query: ListQuery<HistoryListFilters> = parseListQuery(historyListDefinition, new URLSearchParams()),
): Promise<Page<AuditEntryView>> {
  requirePermission(user, "administer");
  const { filters } = query;
  if (filters.from && filters.to && filters.from > filters.to)
    throw new BadRequestError("The history's “from” date is after its “to” date: swap them.");
  const conditions: Prisma.AuditEntryWhereInput[] = [
    filters.show === "sign-ins" ? { action: { in: signInActions } } : { action: { notIn: signInActions } },
  ];
  if (filters.kind) conditions.push({ entity: filters.kind });
  if (filters.person) conditions.push({ userId: filters.person });
  if (filters.from) conditions.push({ at: { gte: dateFromIso(filters.from) } });
  // "To" includes the whole of that day.
  if (filters.to) conditions.push({ at: { lt: new Date(dateFromIso(filters.to).getTime() + 86_400_000) } });
  const db = getDatabase();
  const rows = await readAfterCursor(
    query.sortOption,
    query.cursor,
    query.pageSize + 1,
    (after, take) =>
      db.auditEntry.findMany({
        where: { AND: [...conditions, after as Prisma.AuditEntryWhereInput] },
        select: entrySelect,
        orderBy: keysetOrderBy(query.sortOption, query.sort) as Prisma.AuditEntryOrderByWithRelationInput[],
        take,
      }),
    (id) => {
      // An entry's number is a PostgreSQL bigint: 19 digits may be past its largest.
      if (!/^\d{1,19}$/.test(id) || BigInt(id) > 9_223_372_036_854_775_807n)
        throw new BadRequestError("This page link is not valid: go back to the first page.");
      return BigInt(id);
    },
  );
  const views = await toViews(rows);
  return toPage(views, query.pageSize, query.sort, query.sortOption, (view) => new Date(view.at));
}

/** The people who appear in the history, for its filter. */
export async function listHistoryPeople(user: ActingUser): Promise<{ id: string; name: string }[]> {
  requirePermission(user, "administer");
  return getDatabase().user.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}

export async function listRecentChanges(user: ActingUser, limit = 50): Promise<AuditEntryView[]> {
  requirePermission(user, "administer");
  const entries = await getDatabase().auditEntry.findMany({
    select: entrySelect,
    orderBy: { id: "desc" },
    take: Math.min(Math.max(limit, 1), 500),
  });
  return toViews(entries);
}

export async function listRecordHistory(user: ActingUser, entity: string, entityId: string): Promise<AuditEntryView[]> {
  requirePermission(user, "administer");
  const entries = await getDatabase().auditEntry.findMany({ where: { entity, entityId }, select: entrySelect, orderBy: { id: "desc" } });
  return toViews(entries);
}

export type DeletedRecordView = {
  entity: string;
  entityId: string;
  label: string;
  deletedAt: string;
  deletedBy: string | null;
  auditEntryId: string;
};

export async function listDeletedRecords(user: ActingUser): Promise<DeletedRecordView[]> {
  requirePermission(user, "administer");
  const db = getDatabase();
  const deleted: DeletedRecordView[] = [];
  for (const [entity, specification] of Object.entries(restorable)) {
    const rows = await specification
      .delegate(db)
      .findMany({ where: { deletedAt: { not: null } }, orderBy: { deletedAt: "desc" }, take: 100 });
    if (rows.length === 0) continue;
    const deletions = await db.auditEntry.findMany({
      where: { entity, entityId: { in: rows.map((row) => row.id) }, action: "DELETE" },
      select: entrySelect,
      orderBy: { id: "desc" },
    });
    for (const row of rows) {
      const deletion = deletions.find((entry) => entry.entityId === row.id);
      if (!deletion) continue;
      deleted.push({
        entity,
        entityId: row.id,
        label: specification.label(row),
        deletedAt: row.deletedAt!.toISOString(),
        deletedBy: deletion.user?.name ?? null,
        auditEntryId: deletion.id.toString(),
      });
    }
  }
  return deleted.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
}

export const restoreSchema = z.object({ auditEntryId: z.string().regex(/^\d{1,18}$/, "must name an audit entry") });

/**
 * Brings a record back to the version an audit entry holds (undeleting it if
 * need be) as a new version, itself audited. Later entries stay in history.
 */
export async function restoreFromAuditEntry(user: ActingUser, auditEntryId: string): Promise<{ entity: string; entityId: string }> {
  requirePermission(user, "administer");
  return getDatabase().$transaction(async (tx) => {
    const entry = await tx.auditEntry.findUnique({ where: { id: BigInt(auditEntryId) } });
    if (!entry) throw new NotFoundError("This history entry");
    const specification = restorable[entry.entity as AuditedEntity];
    if (!specification) throw new DomainError(422, `${entry.entity} records cannot be restored from history.`);
    const version = versionHeldBy(entry);
    if (!version)
      throw new DomainError(422, "This history entry records an event, not a version of a record, so there is nothing to restore.");
    const delegate = specification.delegate(tx);
    // What the record hangs from is share-locked first (source, then statement, the order every writer takes them
    // in): a deletion of either committing meanwhile would leave the restored record out of reach, as if the restore
    // had done nothing. Which statement it is never changes, so it is read before any lock.
    const unlocked = await delegate.findUnique({ where: { id: entry.entityId } });
    if (!unlocked) throw new NotFoundError("The record this entry belongs to");
    const statementId = specification.statement?.id(unlocked);
    if (typeof statementId === "string") {
      const hangsFrom = await shareLockStatementAndSource(tx, statementId);
      const noun = specification.statement!.noun;
      if (hangsFrom?.sourceDeleted)
        throw new DomainError(422, `This ${noun}'s source “${hangsFrom.sourceTitle}” is deleted; restore the source first.`);
      if (hangsFrom?.statementDeleted && entry.entity !== "Statement")
        throw new DomainError(422, `This ${noun}'s statement is deleted; restore the statement first.`);
    }
    const sourceId = specification.source?.id(unlocked);
    if (typeof sourceId === "string") {
      const [source] = await tx.$queryRaw<{ title: string; deleted: boolean }[]>`
        SELECT title, "deletedAt" IS NOT NULL AS deleted FROM "Source" WHERE id = ${sourceId} FOR KEY SHARE`;
      if (!source || source.deleted)
        throw new DomainError(
          422,
          `This ${specification.source!.noun}'s source “${source?.title ?? sourceId}” is deleted; restore the source first.`,
        );
    }
    // The row is locked before it is read: an edit committing meanwhile would otherwise be overwritten unseen,
    // and the restore given the version number that edit took. (The entity names a table: it matched `restorable`.)
    await tx.$queryRaw`SELECT 1 FROM ${Prisma.raw(`"${entry.entity}"`)} WHERE id = ${entry.entityId} FOR UPDATE`;
    const current = await delegate.findUnique({ where: { id: entry.entityId } });
    if (!current) throw new NotFoundError("The record this entry belongs to");
    const data: Record<string, unknown> = {};
    for (const field of specification.fields) {
      if (!(field in version)) continue;
      const value = version[field];
      data[field] = specification.dateFields.includes(field) && typeof value === "string" ? new Date(value) : value;
    }
    const versioned = specification.unversioned ? {} : { version: current.version + 1 };
    const after = await delegate
      .update({ where: { id: current.id }, data: { ...data, deletedAt: null, ...versioned } })
      .catch((error: unknown) => {
        // The only unique key a restore can break: a source's one live assignment draw.
        if (isUniqueViolation(error))
          throw new ConflictError(
            "This source has another live assignment draw, made since; withdraw it first to bring this one back.",
            null,
          );
        throw error;
      });
    await recordAudit(tx, {
      userId: user.id,
      action: "RESTORE",
      entity: entry.entity as AuditedEntity,
      entityId: current.id,
      before: specification.audited ? specification.audited(current) : current,
      after: specification.audited ? specification.audited(after) : after,
    });
    return { entity: entry.entity, entityId: current.id };
  }, restoreTransaction);
}

// A source's restore rewrites every coding of its statements (by trigger): a large one takes a while.
const restoreTransaction = { maxWait: 20_000, timeout: 60_000 };
