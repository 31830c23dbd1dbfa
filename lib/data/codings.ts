import "server-only";
import { recordAudit } from "../audit/record-audit";
import { hasPermission, PermissionDeniedError, requirePermission, type ActingUser } from "../auth/permissions";
import type { StanceCodingCreation, StanceCodingUpdate } from "../codings/schemas";
import { getDatabase } from "../database/client";
import { isUniqueViolation } from "../database/constraint-errors";
import { BadRequestError, ConflictError, NotFoundError, ValidationError } from "../errors";
import { stanceCodingRecord } from "../codings/records";
import { Prisma } from "../generated/prisma/client";
import type { Confidence } from "../generated/prisma/enums";
import { isoFromDate } from "../validation";
import { codingListDefinition, type CodingListFilters } from "../codings/list";
import { toPage, type Page } from "../lists/keyset";
import { parseListQuery, type ListQuery } from "../lists/parameters";
import { codebookVersionInForce } from "./codebook";
import { listCodedTargetIds } from "./coded-targets";
import { visibleCodingsSql, visibleCodingsWhere } from "./coding-visibility";
import { liveCodingWhere, liveStatementWhere, shareLockStatementAndSource } from "./live-records";

export type StanceCodingView = {
  id: string;
  version: number;
  score: number;
  isConditional: boolean;
  confidence: Confidence;
  rationale: string;
  createdAt: string;
  updatedAt: string;
  /** When the statement's quote or speaker was corrected after this coding was saved; null once the coder has saved it again. */
  statementChangedAt: string | null;
  coder: { id: string; name: string };
  target: { id: string; name: string };
  statement: { id: string; quote: string; saidOn: string; speakerName: string; sourceTitle: string };
};

const codingSelect = {
  id: true,
  version: true,
  score: true,
  isConditional: true,
  confidence: true,
  rationale: true,
  createdAt: true,
  updatedAt: true,
  statementChangedAt: true,
  coder: { select: { id: true, name: true } },
  target: { select: { id: true, name: true } },
  statement: { select: { id: true, quote: true, saidOn: true, speaker: { select: { name: true } }, source: { select: { title: true } } } },
} as const;

type CodingRow = Prisma.StanceCodingGetPayload<{ select: typeof codingSelect }>;

function toView(row: CodingRow): StanceCodingView {
  return {
    id: row.id,
    version: row.version,
    score: row.score,
    isConditional: row.isConditional,
    confidence: row.confidence,
    rationale: row.rationale,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    statementChangedAt: row.statementChangedAt?.toISOString() ?? null,
    coder: row.coder,
    target: row.target,
    statement: {
      id: row.statement.id,
      quote: row.statement.quote,
      saidOn: isoFromDate(row.statement.saidOn),
      speakerName: row.statement.speaker.name,
      sourceTitle: row.statement.source.title,
    },
  };
}

type Transaction = Prisma.TransactionClient;

/**
 * One page of the codings a user may see (blind coding applies), filtered and
 * sorted as the list's URL says, after the cursor (keyset paging: a later page
 * costs what the first does).
 */
export async function listStanceCodingsForReview(
  user: ActingUser,
  query: ListQuery<CodingListFilters> = defaultCodingListQuery,
): Promise<Page<StanceCodingView>> {
  requirePermission(user, "read");
  const db = getDatabase();
  const { filters } = query;
  if (filters.from && filters.to && filters.from > filters.to)
    throw new BadRequestError("The list's “from” date is after its “to” date: swap them.");
  if (filters.minimumScore !== undefined && filters.maximumScore !== undefined && filters.minimumScore > filters.maximumScore)
    throw new BadRequestError("The list's lowest score is above its highest: swap them.");
  const [speakerId, targetId] = await Promise.all([
    filters.speaker ? actorIdForSlug(filters.speaker, "speaker") : undefined,
    filters.target ? actorIdForSlug(filters.target, "target") : undefined,
  ]);
  // The page's ids in SQL: blind coding's "the analyst has coded this statement" is then an EXISTS per row (see
  // visibleCodingsSql), and the cursor a row comparison the (column, id) index answers. statementLive is the
  // trigger-kept copy of "statement and source not deleted" (docs/decisions/0006): no join to filter.
  const conditions: Prisma.Sql[] = [Prisma.sql`c."deletedAt" IS NULL AND c."statementLive"`, visibleCodingsSql(user)];
  if (speakerId) conditions.push(Prisma.sql`c."speakerId" = ${speakerId}`);
  if (targetId) conditions.push(Prisma.sql`c."targetId" = ${targetId}`);
  if (filters.coder) conditions.push(Prisma.sql`c."coderId" = ${filters.coder}`);
  if (filters.source)
    conditions.push(Prisma.sql`c."statementId" IN (SELECT s.id FROM "Statement" s WHERE s."sourceId" = ${filters.source})`);
  if (filters.from) conditions.push(Prisma.sql`c."saidOn" >= ${filters.from}::date`);
  if (filters.to) conditions.push(Prisma.sql`c."saidOn" <= ${filters.to}::date`);
  if (filters.minimumScore !== undefined) conditions.push(Prisma.sql`c.score >= ${filters.minimumScore}`);
  if (filters.maximumScore !== undefined) conditions.push(Prisma.sql`c.score <= ${filters.maximumScore}`);
  if (filters.adjudicated !== undefined)
    conditions.push(filters.adjudicated ? Prisma.sql`c."adjudicatedScore" IS NOT NULL` : Prisma.sql`c."adjudicatedScore" IS NULL`);
  const column = codingSortColumns[query.sortOption.field as keyof typeof codingSortColumns];
  const direction = query.sort.direction === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  if (query.cursor) {
    const past = query.sort.direction === "asc" ? Prisma.sql`>` : Prisma.sql`<`;
    conditions.push(Prisma.sql`(${column.sql}, c.id) ${past} (${column.cursor(query.cursor.value)}, ${query.cursor.id})`);
  }
  const pageIds = await db.$queryRaw<{ id: string }[]>`
    SELECT c.id FROM "StanceCoding" c
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY ${column.sql} ${direction}, c.id ${direction}
    LIMIT ${query.pageSize + 1}`;
  const fetched = await db.stanceCoding.findMany({
    where: { id: { in: pageIds.map((row) => row.id) } },
    select: { ...codingSelect, saidOn: true },
  });
  const byId = new Map(fetched.map((row) => [row.id, row]));
  const rows = pageIds.map((row) => byId.get(row.id)).filter((row) => row !== undefined);
  const page = toPage(
    rows,
    query.pageSize,
    query.sort,
    query.sortOption,
    (row) => row[query.sortOption.field as "saidOn" | "score" | "createdAt"],
  );
  return { rows: page.rows.map(toView), nextCursor: page.nextCursor };
}

/** The codings list's sort columns in SQL, and each one's cursor value as the column's type. */
const codingSortColumns = {
  saidOn: {
    sql: Prisma.sql`c."saidOn"`,
    cursor: (value: string | number) => Prisma.sql`(${String(value)}::timestamptz AT TIME ZONE 'UTC')::date`,
  },
  score: { sql: Prisma.sql`c.score`, cursor: (value: string | number) => Prisma.sql`${Number(value)}::int` },
  // Prisma keeps DateTime columns as UTC timestamps without a zone.
  createdAt: {
    sql: Prisma.sql`c."createdAt"`,
    cursor: (value: string | number) => Prisma.sql`(${String(value)}::timestamptz AT TIME ZONE 'UTC')`,
  },
} as const;

export type CodingFilterOptions = {
  speakers: { slug: string; name: string }[];
  targets: { slug: string; name: string }[];
  coders: { id: string; name: string }[];
  /** The title of the source the list is filtered to, if any. */
  sourceTitle: string | null;
};

/** The choices of the codings list's filters: actors who speak or are coded toward, people who code. */
export async function listCodingFilterOptions(user: ActingUser, sourceId?: string): Promise<CodingFilterOptions> {
  requirePermission(user, "read");
  const db = getDatabase();
  const [speakers, actors, codedTargets, coders, source] = await Promise.all([
    db.actor.findMany({
      where: { deletedAt: null, statements: { some: liveStatementWhere } },
      select: { slug: true, name: true },
      orderBy: { name: "asc" },
    }),
    // Targets: the tracked ones and every actor coded toward, found by a skip scan, not an EXISTS per actor.
    db.actor.findMany({
      where: { deletedAt: null },
      select: { id: true, slug: true, name: true, isTrackedTarget: true },
      orderBy: { name: "asc" },
    }),
    listCodedTargetIds(user),
    // statementLive: the codings' own copy of whether their statement and its source are live (kept by trigger).
    db.user.findMany({
      where: { codings: { some: { deletedAt: null, statementLive: true } } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
    // A deleted source's title is not shown, here as anywhere else a reader goes.
    sourceId ? db.source.findFirst({ where: { id: sourceId, deletedAt: null }, select: { title: true } }) : null,
  ]);
  const targets = actors.filter((actor) => actor.isTrackedTarget || codedTargets.has(actor.id)).map(({ slug, name }) => ({ slug, name }));
  return { speakers, targets, coders, sourceTitle: source?.title ?? null };
}

const defaultCodingListQuery = parseListQuery(codingListDefinition, new URLSearchParams());

/** An actor's id from the key a list's URL names it by; an unknown key is the user's to fix (400). */
async function actorIdForSlug(slug: string, parameter: string): Promise<string> {
  const actor = await getDatabase().actor.findUnique({ where: { slug }, select: { id: true } });
  if (!actor) throw new BadRequestError(`${parameter}: no actor has the key “${slug}”. Choose one from the list.`);
  return actor.id;
}

export async function getStanceCoding(user: ActingUser, id: string): Promise<StanceCodingView> {
  requirePermission(user, "read");
  const row = await getDatabase().stanceCoding.findFirst({
    where: { id, ...liveCodingWhere, ...visibleCodingsWhere(user) },
    select: codingSelect,
  });
  if (!row) throw new NotFoundError("This coding");
  return toView(row);
}

/**
 * A coding is one coder's judgement: only that coder may change it. The refusal names the coder only
 * to someone who may see the coding: under blind coding, who coded a statement is not yet theirs to know.
 */
async function requireOwnCoding(tx: Transaction, user: NonNullable<ActingUser>, coding: { id: string; coderId: string }) {
  if (coding.coderId === user.id) return;
  const visible = (await tx.stanceCoding.count({ where: { id: coding.id, ...visibleCodingsWhere(user) } })) > 0;
  if (!visible) throw new PermissionDeniedError("edit", true, "Only the coder can change a coding; this one is another coder's.");
  const coder = await tx.user.findUniqueOrThrow({ where: { id: coding.coderId }, select: { name: true } });
  throw new PermissionDeniedError("edit", true, `Only the coder can change a coding; this one is ${coder.name}'s.`);
}

// Waiting for a connection or a row lock is normal under contention.
const editTransaction = { maxWait: 20_000, timeout: 20_000 };

/**
 * A live coding, read after its statement and source are key-share-locked: the coding's write then updates its
 * statement's count (by trigger) only after them, in the order a source's deletion takes the three (source,
 * statements, their codings). Taken the other way round, the two could each wait for the other.
 */
async function lockLiveCoding(tx: Transaction, id: string) {
  const unlocked = await tx.stanceCoding.findFirst({ where: { id, deletedAt: null }, select: { statementId: true } });
  const live = unlocked && (await shareLockStatementAndSource(tx, unlocked.statementId));
  const before =
    live && !live.statementDeleted && !live.sourceDeleted && (await tx.stanceCoding.findFirst({ where: { id, ...liveCodingWhere } }));
  if (!before) throw new NotFoundError("This coding");
  return before;
}

export async function updateStanceCoding(user: ActingUser, id: string, input: StanceCodingUpdate): Promise<StanceCodingView> {
  requirePermission(user, "edit");
  const db = getDatabase();
  return db.$transaction(async (tx) => {
    const before = await lockLiveCoding(tx, id);
    await requireOwnCoding(tx, user, before);
    // The version check and the write are one statement: of concurrent edits
    // from the same version, exactly one matches.
    const { count } = await tx.stanceCoding.updateMany({
      where: { id, version: input.version, deletedAt: null },
      data: {
        score: input.score,
        isConditional: input.isConditional,
        confidence: input.confidence,
        rationale: input.rationale,
        // Saving again is the coder's answer to a corrected statement (decision 0017).
        statementChangedAt: null,
        version: { increment: 1 },
      },
    });
    if (count === 0) {
      const current = await tx.stanceCoding.findUniqueOrThrow({ where: { id }, select: codingSelect });
      throw new ConflictError(
        `Someone saved a newer version of this coding (version ${current.version}) after you opened version ${input.version}. Compare the two and re-apply your change.`,
        toView(current),
      );
    }
    const after = await tx.stanceCoding.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, { userId: user.id, action: "UPDATE", entity: "StanceCoding", entityId: id, before, after });
    return toView(await tx.stanceCoding.findUniqueOrThrow({ where: { id }, select: codingSelect }));
  }, editTransaction);
}

/**
 * Soft deletion: the coding leaves every list and chart and can be restored by an admin. Its coder may delete it,
 * and so may an administrator, who imports codings in coders' names and deletes whole sources with theirs, so
 * must be able to take back one that an import got wrong (docs/decisions/0004). Only the coder edits it: an
 * administrator's edit would put a score in someone else's name.
 */
export async function deleteStanceCoding(user: ActingUser, id: string, version: number): Promise<void> {
  requirePermission(user, "edit");
  await getDatabase().$transaction(async (tx) => {
    const before = await lockLiveCoding(tx, id);
    if (!hasPermission(user, "administer")) await requireOwnCoding(tx, user, before);
    const { count } = await tx.stanceCoding.updateMany({
      where: { id, version, deletedAt: null },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    if (count === 0) {
      const current = await tx.stanceCoding.findUniqueOrThrow({ where: { id }, select: codingSelect });
      throw new ConflictError(
        `This coding changed (now version ${current.version}) since you opened version ${version}; review it before deleting.`,
        toView(current),
      );
    }
    const after = await tx.stanceCoding.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, { userId: user.id, action: "DELETE", entity: "StanceCoding", entityId: id, before, after });
  }, editTransaction);
}

/** Codes a statement toward a target as the acting user; one live coding per statement, target and coder. */
export async function createStanceCoding(user: ActingUser, input: StanceCodingCreation): Promise<StanceCodingView> {
  requirePermission(user, "edit");
  const db = getDatabase();
  const statement = await db.statement.findFirst({
    where: { id: input.statementId, ...liveStatementWhere },
    select: { id: true, speakerId: true, saidOn: true },
  });
  if (!statement) throw new NotFoundError("This statement");
  const target = await db.actor.findFirst({ where: { id: input.targetId, deletedAt: null }, select: { id: true, name: true } });
  if (!target) throw new ValidationError({ targetId: "names no known actor" });
  if (target.id === statement.speakerId) throw new ValidationError({ targetId: "is the speaker; a stance is toward someone else" });
  try {
    return await db.$transaction(async (tx) => {
      // Checked again with the statement and its source share-locked: a deletion of either committed since the
      // check above refuses the coding, and one still to come waits for it and counts it (deleteStatement, deleteSource).
      const live = await shareLockStatementAndSource(tx, statement.id);
      if (!live || live.statementDeleted || live.sourceDeleted) throw new NotFoundError("This statement");
      const codebookVersion = await codebookVersionInForce(tx);
      const row = await tx.stanceCoding.create({ data: { ...stanceCodingRecord(input, statement, target.id, user.id), codebookVersion } });
      await recordAudit(tx, { userId: user.id, action: "CREATE", entity: "StanceCoding", entityId: row.id, after: row });
      return toView(await tx.stanceCoding.findUniqueOrThrow({ where: { id: row.id }, select: codingSelect }));
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError(`You have already coded this statement toward ${target.name}; edit that coding instead.`, null);
    throw error;
  }
}

/** Statements a coder has neither coded nor reviewed as holding no stance toward the tracked targets. */
function notYetDoneBy(coderId: string) {
  return { codings: { none: { coderId, deletedAt: null } }, reviews: { none: { coderId, deletedAt: null } } };
}

/**
 * Records that the acting coder read the statement and found no stance toward
 * any tracked target: it leaves their queue without a coding. A review undone
 * earlier is revived rather than duplicated (one per statement and coder).
 */
export async function markNoStance(user: ActingUser, statementId: string): Promise<{ id: string; version: number }> {
  requirePermission(user, "edit");
  const db = getDatabase();
  const statement = await db.statement.findFirst({ where: { id: statementId, ...liveStatementWhere }, select: { id: true } });
  if (!statement) throw new NotFoundError("This statement");
  return db.$transaction(async (tx) => {
    // Checked again under lock, as for a coding: a deletion meanwhile either waits for the review or refuses it.
    const live = await shareLockStatementAndSource(tx, statementId);
    if (!live || live.statementDeleted || live.sourceDeleted) throw new NotFoundError("This statement");
    const existing = await tx.statementReview.findUnique({ where: { statementId_coderId: { statementId, coderId: user.id } } });
    if (existing && !existing.deletedAt) return { id: existing.id, version: existing.version };
    if (existing) {
      const revived = await tx.statementReview.update({
        where: { id: existing.id },
        data: { deletedAt: null, version: existing.version + 1 },
      });
      await recordAudit(tx, {
        userId: user.id,
        action: "RESTORE",
        entity: "StatementReview",
        entityId: revived.id,
        before: existing,
        after: revived,
      });
      return { id: revived.id, version: revived.version };
    }
    const review = await tx.statementReview.create({ data: { statementId, coderId: user.id } });
    await recordAudit(tx, { userId: user.id, action: "CREATE", entity: "StatementReview", entityId: review.id, after: review });
    return { id: review.id, version: review.version };
  });
}

/**
 * Undoes a "no stance" review (soft deletion, restorable from History): the
 * statement returns to the coder's queue. Only the coder who recorded it may.
 */
export async function deleteStatementReview(user: ActingUser, id: string, version: number): Promise<void> {
  requirePermission(user, "edit");
  await getDatabase().$transaction(async (tx) => {
    // A review of a statement in a deleted source is out of reach until the source returns with it.
    const before = await tx.statementReview.findFirst({ where: { id, deletedAt: null, statement: liveStatementWhere } });
    // Another coder's review is reported as missing: whose reviews exist is not theirs to learn.
    if (!before || before.coderId !== user.id) throw new NotFoundError("This review");
    const { count } = await tx.statementReview.updateMany({
      where: { id, version, deletedAt: null },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    if (count === 0) {
      const current = await tx.statementReview.findUniqueOrThrow({ where: { id } });
      throw new ConflictError(
        `This review changed (now version ${current.version}) since you saw version ${version}; reload the queue before undoing it.`,
        null,
      );
    }
    const after = await tx.statementReview.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, { userId: user.id, action: "DELETE", entity: "StatementReview", entityId: id, before, after });
  }, editTransaction);
}

export type QueueItem = {
  statementId: string;
  quote: string;
  speakerId: string;
  speakerName: string;
  saidOn: string;
  source: { id: string; title: string };
  /** The text around the quote, for context. */
  before: string;
  after: string;
  /** Assigned to the acting coder by an admin's draw: such items come first. */
  assigned: boolean;
  /** The source's language, for the quote's lang and direction. */
  language: string;
  /** The passage of the source's translation that renders the quote, in its language; null when there is none. */
  translation: { quote: string; language: string } | null;
};

const queueLength = 200;

/**
 * Statements the acting user has not coded yet, with overall progress: first
 * those assigned to them, then the rest; each part source by source in reading order.
 */
export async function listCodingQueue(user: ActingUser): Promise<{ items: QueueItem[]; coded: number; total: number }> {
  requirePermission(user, "edit");
  const db = getDatabase();
  const live = { deletedAt: null, source: { deletedAt: null, nothingToCodeAt: null } } as const;
  const assignedToMe = { assignments: { some: { coderId: user.id, draw: { deletedAt: null } } } };
  const select = {
    id: true,
    quote: true,
    startOffset: true,
    endOffset: true,
    saidOn: true,
    translationQuote: true,
    speaker: { select: { id: true, name: true } },
    source: { select: { id: true, title: true, text: true, publishedOn: true, language: true, translationLanguage: true } },
  } as const;
  const orderBy = [{ source: { publishedOn: "desc" } }, { sourceId: "asc" }, { startOffset: "asc" }] as const;
  const [total, assigned, uncoded] = await Promise.all([
    db.statement.count({ where: live }),
    db.statement.findMany({
      where: { ...live, ...notYetDoneBy(user.id), ...assignedToMe },
      select,
      orderBy: [...orderBy],
      take: queueLength,
    }),
    db.statement.count({ where: { ...live, ...notYetDoneBy(user.id) } }),
  ]);
  const rest =
    assigned.length < queueLength
      ? await db.statement.findMany({
          where: { ...live, ...notYetDoneBy(user.id), NOT: assignedToMe },
          select,
          orderBy: [...orderBy],
          take: queueLength - assigned.length,
        })
      : [];
  const context = 160;
  const item = (statement: (typeof assigned)[number], isAssigned: boolean): QueueItem => ({
    statementId: statement.id,
    quote: statement.quote,
    speakerId: statement.speaker.id,
    speakerName: statement.speaker.name,
    saidOn: isoFromDate(statement.saidOn),
    source: { id: statement.source.id, title: statement.source.title },
    before: statement.source.text.slice(Math.max(0, statement.startOffset - context), statement.startOffset),
    after: statement.source.text.slice(statement.endOffset, statement.endOffset + context),
    assigned: isAssigned,
    language: statement.source.language,
    translation:
      statement.translationQuote === null
        ? null
        : { quote: statement.translationQuote, language: statement.source.translationLanguage ?? "en" },
  });
  return {
    coded: total - uncoded,
    total,
    items: [...assigned.map((statement) => item(statement, true)), ...rest.map((statement) => item(statement, false))],
  };
}
