import "server-only";
import { recordAudit } from "../audit/record-audit";
import { hasPermission, requirePermission, type ActingUser } from "../auth/permissions";
import { getDatabase } from "../database/client";
import { isUniqueViolation } from "../database/constraint-errors";
import { BadRequestError, ConflictError, DomainError, NotFoundError, ValidationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { Channel, DatePrecision, StatementForm } from "../generated/prisma/enums";
import type { TextSpan } from "../sources/offsets";
import { slugify, splitsCharacter, trimSpan } from "../sources/spans";
import { keysetOrderBy, readAfterCursor, toPage, type Page } from "../lists/keyset";
import { parseListQuery, type ListQuery } from "../lists/parameters";
import { statementListDefinition, type StatementListFilters } from "../statements/list";
import { isSaidAfterPublication, type StatementCreation, type StatementUpdate } from "../statements/schemas";
import { choosePassage, translationColumns, translationPassageOf, type TranslationPassage } from "../statements/translation";
import { dateFromIso, isoFromDate } from "../validation";
import { statementsSeenWholeWhere } from "./coding-visibility";
import { claimFreeSlug } from "./free-slug";
import { liveStatementWhere } from "./live-records";

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
  const slug = await claimFreeSlug(tx, "Actor", base);
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
): Promise<{ id: string; quote: string; startOffset: number; endOffset: number; translation: TranslationPassage | null }> {
  requirePermission(user, "edit");
  try {
    return await getDatabase().$transaction(async (tx) => {
      // Key-share-locked (lib/data/live-records.ts says why not SHARE): a deletion of the source committed meanwhile
      // refuses the statement, and one still to come waits for it and counts it as someone's work in it (deleteSource).
      await tx.$queryRaw`SELECT id FROM "Source" WHERE id = ${input.sourceId} FOR KEY SHARE`;
      const source = await tx.source.findFirst({
        where: { id: input.sourceId, deletedAt: null },
        select: { id: true, text: true, publishedOn: true, language: true, translation: true, translationLanguage: true },
      });
      if (!source) throw new NotFoundError("This source");
      if (input.endOffset > source.text.length)
        throw new ValidationError({ endOffset: `is beyond the end of the source text (${source.text.length} characters)` });
      if (splitsCharacter(source.text, input.startOffset) || splitsCharacter(source.text, input.endOffset))
        throw new ValidationError({ quote: "the selection cuts a character (an emoji or a flag) in half; select whole characters" });
      const span = trimSpan(source.text, { startOffset: input.startOffset, endOffset: input.endOffset });
      if (span.endOffset === span.startOffset)
        throw new ValidationError({ quote: "the selection holds only white space; select the words that were said" });
      const translationProblems: Record<string, string> = {};
      const passage = choosePassage(source, span, input, translationProblems);
      if (Object.keys(translationProblems).length > 0) throw new ValidationError(translationProblems);
      const publishedOn = isoFromDate(source.publishedOn);
      if (isSaidAfterPublication(input.saidOn, input.saidOnPrecision, publishedOn))
        throw new ValidationError({
          saidOn: `is after the source was published (${publishedOn}); a statement is said before it is reported`,
        });
      let speakerId = input.speakerId;
      if (speakerId) {
        if (!(await tx.actor.findFirst({ where: { id: speakerId, deletedAt: null }, select: { id: true } })))
          throw new ValidationError({ speakerId: "names no known actor" });
      } else {
        speakerId = await createSpeaker(tx, user, input.newSpeaker!);
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
          createdById: user.id,
          ...translationColumns(passage),
        },
      });
      await recordAudit(tx, { userId: user.id, action: "CREATE", entity: "Statement", entityId: statement.id, after: statement });
      return {
        id: statement.id,
        quote: statement.quote,
        startOffset: statement.startOffset,
        endOffset: statement.endOffset,
        translation: translationPassageOf(statement),
      };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError("This speaker already has a statement with exactly this quote in this source.", null);
    throw error;
  }
}

export type StatementView = {
  id: string;
  version: number;
  source: { id: string; title: string; publishedOn: string };
  speaker: { id: string; name: string };
  quote: string;
  startOffset: number;
  endOffset: number;
  /** The passage of the source's translation that renders the quote; null when the source has none. */
  translation: TranslationPassage | null;
  saidOn: string;
  saidOnPrecision: DatePrecision;
  form: StatementForm;
  channel: Channel;
  createdAt: string;
  updatedAt: string;
  /** Live codings of the statement, by anyone (counts only: blind coding hides who and how). */
  codingCount: number;
};

const statementSelect = {
  id: true,
  version: true,
  quote: true,
  startOffset: true,
  endOffset: true,
  translationQuote: true,
  translationStart: true,
  translationEnd: true,
  saidOn: true,
  saidOnPrecision: true,
  form: true,
  channel: true,
  createdAt: true,
  updatedAt: true,
  // Kept by triggers on the codings (prisma/sql/coverage-counts.sql): a column, not a count over every coding.
  liveCodingCount: true,
  source: { select: { id: true, title: true, publishedOn: true } },
  speaker: { select: { id: true, name: true } },
} as const;

type StatementRow = Prisma.StatementGetPayload<{ select: typeof statementSelect }>;

function toView(row: StatementRow): StatementView {
  return {
    id: row.id,
    version: row.version,
    source: { id: row.source.id, title: row.source.title, publishedOn: isoFromDate(row.source.publishedOn) },
    speaker: row.speaker,
    quote: row.quote,
    startOffset: row.startOffset,
    endOffset: row.endOffset,
    translation: translationPassageOf(row),
    saidOn: isoFromDate(row.saidOn),
    saidOnPrecision: row.saidOnPrecision,
    form: row.form,
    channel: row.channel,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    codingCount: row.liveCodingCount,
  };
}

export async function getStatement(user: ActingUser, id: string): Promise<StatementView> {
  requirePermission(user, "read");
  const row = await getDatabase().statement.findFirst({ where: { id, ...liveStatementWhere }, select: statementSelect });
  if (!row) throw new NotFoundError("This statement");
  return toView(row);
}

/**
 * One page of live statements, filtered and sorted as the list's URL says,
 * after the cursor (keyset paging: a later page costs what the first does,
 * docs/decisions/0016). Shared by /statements and GET /api/statements.
 */
export async function listStatements(
  user: ActingUser,
  query: ListQuery<StatementListFilters> = defaultStatementListQuery,
): Promise<Page<StatementView>> {
  requirePermission(user, "read");
  const db = getDatabase();
  const { filters } = query;
  if (filters.from && filters.to && filters.from > filters.to)
    throw new BadRequestError("The list's “from” date is after its “to” date: swap them.");
  let speakerId: string | undefined;
  if (filters.speaker) {
    const speaker = await db.actor.findUnique({ where: { slug: filters.speaker }, select: { id: true } });
    if (!speaker) throw new BadRequestError(`speaker: no actor has the key “${filters.speaker}”. Choose one from the list.`);
    speakerId = speaker.id;
  }
  const conditions: Prisma.StatementWhereInput[] = [liveStatementWhere];
  if (speakerId) conditions.push({ speakerId });
  if (filters.source) conditions.push({ sourceId: filters.source });
  if (filters.from) conditions.push({ saidOn: { gte: dateFromIso(filters.from) } });
  if (filters.to) conditions.push({ saidOn: { lte: dateFromIso(filters.to) } });
  if (filters.form) conditions.push({ form: filters.form });
  if (filters.channel) conditions.push({ channel: filters.channel });
  // The trigger-kept count, not a relation filter: Prisma writes "none" as NOT IN over every live coding (a million), and
  // "not coded yet" has a partial index per sort order (decision 0034).
  if (filters.coded !== undefined) conditions.push({ liveCodingCount: filters.coded ? { gt: 0 } : 0 });
  const fetched = await readAfterCursor(query.sortOption, query.cursor, query.pageSize + 1, (after, take) =>
    db.statement.findMany({
      where: { AND: [...conditions, after as Prisma.StatementWhereInput] },
      select: statementSelect,
      orderBy: keysetOrderBy(query.sortOption, query.sort) as Prisma.StatementOrderByWithRelationInput[],
      take,
    }),
  );
  const page = toPage(
    fetched,
    query.pageSize,
    query.sort,
    query.sortOption,
    (row) => row[query.sortOption.field as "saidOn" | "createdAt"],
  );
  return { rows: page.rows.map(toView), nextCursor: page.nextCursor };
}

const defaultStatementListQuery = parseListQuery(statementListDefinition, new URLSearchParams());

export type StatementFilterOptions = {
  speakers: { slug: string; name: string }[];
  /** The title of the source the list is filtered to, if any. */
  sourceTitle: string | null;
};

/** The choices of the statements list's filters: actors who have said something on the record. */
export async function listStatementFilterOptions(user: ActingUser, sourceId?: string): Promise<StatementFilterOptions> {
  requirePermission(user, "read");
  const db = getDatabase();
  const [speakers, source] = await Promise.all([
    db.actor.findMany({
      where: { deletedAt: null, statements: { some: liveStatementWhere } },
      select: { slug: true, name: true },
      orderBy: { name: "asc" },
    }),
    // A deleted source's title is not shown, here as anywhere else a reader goes.
    sourceId ? db.source.findFirst({ where: { id: sourceId, deletedAt: null }, select: { title: true } }) : null,
  ]);
  return { speakers, sourceTitle: source?.title ?? null };
}

function countOccurrences(text: string, words: string): TextSpan[] {
  const found: TextSpan[] = [];
  for (let index = text.indexOf(words); index !== -1 && found.length < 2; index = text.indexOf(words, index + 1)) {
    found.push({ startOffset: index, endOffset: index + words.length });
  }
  return found;
}

const shortQuote = (quote: string) => (quote.length > 80 ? `${quote.slice(0, 79)}…` : quote);

/**
 * The span an edit asks for, re-cut from the stored text: from offsets (trimmed
 * of surrounding white space, as when a statement is made), from the words
 * themselves, or both (then the offsets must hold exactly those words).
 */
function spanOfEdit(text: string, current: TextSpan, input: StatementUpdate, errors: Record<string, string>): TextSpan {
  if (input.startOffset !== undefined && input.endOffset !== undefined) {
    if (input.endOffset > text.length) {
      errors.endOffset = `is beyond the end of the source text (${text.length} characters)`;
      return current;
    }
    if (splitsCharacter(text, input.startOffset) || splitsCharacter(text, input.endOffset)) {
      errors.quote = "the span cuts a character (an emoji or a flag) in half; choose whole characters";
      return current;
    }
    const span = trimSpan(text, { startOffset: input.startOffset, endOffset: input.endOffset });
    if (span.endOffset === span.startOffset) {
      errors.quote = "the span holds only white space; choose the words that were said";
      return current;
    }
    const cut = text.slice(span.startOffset, span.endOffset);
    if (input.quote !== undefined && input.quote.trim() !== cut)
      errors.quote = `is not verbatim: the source text at these offsets reads “${shortQuote(cut)}”`;
    return span;
  }
  if (input.quote === undefined) return current;
  const words = input.quote.trim();
  if (text.slice(current.startOffset, current.endOffset) === words) return current;
  const found = countOccurrences(text, words);
  if (found.length === 0) errors.quote = "is not verbatim: these words do not appear in the source text exactly as typed";
  else if (found.length > 1) errors.quote = "appears more than once in the source text; give startOffset and endOffset to choose one";
  return found[0] ?? current;
}

/**
 * Corrects a statement. Only the fields sent change; every problem is
 * reported at once (422, field by field) and nothing is written. The codings'
 * copies of the speaker and date follow through the composite foreign key;
 * a change of quote or speaker flags the codings for review (decision 0017).
 */
export async function updateStatement(user: ActingUser, id: string, input: StatementUpdate): Promise<StatementView> {
  requirePermission(user, "edit");
  try {
    return await getDatabase().$transaction(async (tx) => {
      const before = await tx.statement.findFirst({ where: { id, ...liveStatementWhere } });
      if (!before) throw new NotFoundError("This statement");
      const source = await tx.source.findUniqueOrThrow({
        where: { id: before.sourceId },
        select: { text: true, publishedOn: true, language: true, translation: true, translationLanguage: true },
      });
      const errors: Record<string, string> = {};
      const span = spanOfEdit(source.text, before, input, errors);
      // A passage chosen now wins; a moved span is re-aligned; otherwise the stored passage stays as it was.
      const spanMoved = span.startOffset !== before.startOffset || span.endOffset !== before.endOffset;
      const passage =
        input.translationStart !== undefined || input.translationEnd !== undefined
          ? choosePassage(source, span, input, errors)
          : spanMoved
            ? choosePassage(source, span, {}, errors)
            : translationPassageOf(before);
      const speakerId = input.speakerId ?? before.speakerId;
      if (speakerId !== before.speakerId) {
        const speaker = await tx.actor.findFirst({ where: { id: speakerId, deletedAt: null }, select: { id: true } });
        if (!speaker) errors.speakerId = "names no known actor";
        else if (await isCodedOutOfSight(tx, user, id))
          // Refused whatever the new speaker: refusing only a coded target would tell a blind coder what others coded it toward.
          errors.speakerId =
            "cannot change while other coders' work on this statement is hidden from you (blind coding), since a speaker must not be a target it is coded toward; code the statement first, or ask an adjudicator";
        else {
          const [codings, adjudications] = await Promise.all([
            tx.stanceCoding.count({ where: { statementId: id, targetId: speakerId, deletedAt: null } }),
            tx.adjudication.count({ where: { statementId: id, targetId: speakerId, deletedAt: null } }),
          ]);
          if (codings + adjudications > 0)
            errors.speakerId = "is a target this statement is coded toward; a stance is toward someone else, so delete those codings first";
        }
      }
      const saidOn = input.saidOn ?? isoFromDate(before.saidOn);
      const saidOnPrecision = input.saidOnPrecision ?? before.saidOnPrecision;
      const publishedOn = isoFromDate(source.publishedOn);
      if (isSaidAfterPublication(saidOn, saidOnPrecision, publishedOn))
        errors.saidOn = `is after the source was published (${publishedOn}); a statement is said before it is reported`;
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);

      // The version check and the write are one statement: of concurrent edits from the same version, exactly one matches.
      const { count } = await tx.statement.updateMany({
        where: { id, version: input.version, deletedAt: null },
        data: {
          speakerId,
          quote: source.text.slice(span.startOffset, span.endOffset),
          startOffset: span.startOffset,
          endOffset: span.endOffset,
          saidOn: dateFromIso(saidOn),
          saidOnPrecision,
          form: input.form ?? before.form,
          channel: input.channel ?? before.channel,
          ...translationColumns(passage),
          version: { increment: 1 },
        },
      });
      if (count === 0) {
        const current = await tx.statement.findUniqueOrThrow({ where: { id }, select: statementSelect });
        throw new ConflictError(
          `Someone saved a newer version of this statement (version ${current.version}) after you opened version ${input.version}. Compare the two and re-apply your change.`,
          toView(current),
        );
      }
      const after = await tx.statement.findUniqueOrThrow({ where: { id } });
      await recordAudit(tx, { userId: user.id, action: "UPDATE", entity: "Statement", entityId: id, before, after });
      return toView(await tx.statement.findUniqueOrThrow({ where: { id }, select: statementSelect }));
    }, editTransaction);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError("This speaker already has a statement with exactly this span in this source; nothing was changed.", null);
    throw error;
  }
}

/** Whether others' codings or settled scores of the statement exist that blind coding hides from `user`. */
async function isCodedOutOfSight(tx: Transaction, user: NonNullable<ActingUser>, statementId: string): Promise<boolean> {
  const seenWhole = statementsSeenWholeWhere(user);
  if (!seenWhole || (await tx.statement.count({ where: { AND: [{ id: statementId }, seenWhole] } })) > 0) return false;
  const [codings, adjudications] = await Promise.all([
    tx.stanceCoding.count({ where: { statementId, deletedAt: null } }),
    tx.adjudication.count({ where: { statementId, deletedAt: null } }),
  ]);
  return codings + adjudications > 0;
}

// Waiting for a connection or a row lock is normal under contention.
const editTransaction = { maxWait: 20_000, timeout: 20_000 };

/**
 * Soft deletion: the statement and its codings leave every list and chart
 * (the codings' statementLive copy follows by trigger) and an admin can
 * restore it from History. An analyst may not delete a statement others have
 * coded: that would take their work out of the charts.
 */
export async function deleteStatement(user: ActingUser, id: string, version: number): Promise<void> {
  requirePermission(user, "edit");
  await getDatabase().$transaction(async (tx) => {
    // Locked first: a coding being saved meanwhile (createStanceCoding shares this lock) is counted below once it
    // commits, or waits and then finds the statement gone; it is never left in a statement its coder cannot see.
    // Its source before it, as every writer takes the two (the deletion's trigger updates the source's count):
    // taken the other way round, this and a deletion of the source could each wait for the other.
    await tx.$queryRaw`SELECT id FROM "Source" WHERE id = (SELECT "sourceId" FROM "Statement" WHERE id = ${id}) FOR NO KEY UPDATE`;
    await tx.$queryRaw`SELECT id FROM "Statement" WHERE id = ${id} FOR UPDATE`;
    const before = await tx.statement.findFirst({ where: { id, ...liveStatementWhere } });
    if (!before) throw new NotFoundError("This statement");
    if (!hasPermission(user, "administer")) {
      const othersCodings = await tx.stanceCoding.count({ where: { statementId: id, deletedAt: null, coderId: { not: user.id } } });
      if (othersCodings > 0)
        throw new DomainError(
          403,
          `Other coders have coded this statement (${othersCodings} coding${othersCodings === 1 ? "" : "s"}); only an administrator can delete it.`,
        );
    }
    const { count } = await tx.statement.updateMany({
      where: { id, version, deletedAt: null },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    if (count === 0) {
      const current = await tx.statement.findUniqueOrThrow({ where: { id }, select: statementSelect });
      throw new ConflictError(
        `This statement changed (now version ${current.version}) since you opened version ${version}; review it before deleting.`,
        toView(current),
      );
    }
    const after = await tx.statement.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, { userId: user.id, action: "DELETE", entity: "Statement", entityId: id, before, after });
  }, editTransaction);
}
