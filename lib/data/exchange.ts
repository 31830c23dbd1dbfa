import "server-only";
import { z } from "zod";
import { HeldAuditEntries, recordAudit } from "../audit/record-audit";
import { hasPermission, requirePermission, type ActingUser, type SignedInUser } from "../auth/permissions";
import { getDatabase } from "../database/client";
import { sqlOf } from "../database/direct-sql";
import { newRecordId } from "../database/record-ids";
import { DomainError, NotFoundError } from "../errors";
import { formatCsv, parseCsv } from "../exchange/csv";
import { formatJsonLines, parseJsonLines } from "../exchange/json-lines";
import { checkQuoteOffsets, checkTranslationOffsets, type ExchangeError, type ExchangeRow } from "../exchange/row";
import { dateFromIso, isoFromDate } from "../validation";
import { visibleCodingsWhere } from "./coding-visibility";

/** Every live coding the acting user may see, with its statement and provenance, in a stable order. */
export async function exportExchangeRows(user: ActingUser): Promise<ExchangeRow[]> {
  requirePermission(user, "read");
  const codings = await getDatabase().stanceCoding.findMany({
    where: { deletedAt: null, statement: { deletedAt: null, source: { deletedAt: null } }, ...visibleCodingsWhere(user) },
    select: {
      statementId: true,
      adjudicatedScore: true,
      score: true,
      isConditional: true,
      confidence: true,
      rationale: true,
      updatedAt: true,
      codebookVersion: true,
      coder: { select: { email: true } },
      target: { select: { name: true, slug: true } },
      statement: {
        select: {
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
          speaker: { select: { name: true, slug: true } },
          source: { select: { title: true, publisher: true, url: true, publishedOn: true, language: true, contentHash: true } },
        },
      },
    },
  });
  const rows: ExchangeRow[] = codings.map(({ statement, ...coding }) => ({
    actor: statement.speaker.name,
    actor_slug: statement.speaker.slug,
    recipient: coding.target.name,
    recipient_slug: coding.target.slug,
    date: isoFromDate(statement.saidOn),
    date_precision: statement.saidOnPrecision,
    text: statement.quote,
    text_start: statement.startOffset,
    text_end: statement.endOffset,
    coder: coding.coder.email,
    coded_date: coding.updatedAt.toISOString(),
    comment: coding.rationale,
    score: coding.score,
    conditional: coding.isConditional,
    confidence: coding.confidence,
    form: statement.form,
    channel: statement.channel,
    source_title: statement.source.title,
    source_publisher: statement.source.publisher,
    source_url: statement.source.url,
    source_published: isoFromDate(statement.source.publishedOn),
    source_language: statement.source.language,
    source_hash: statement.source.contentHash,
    codebook_version: coding.codebookVersion,
    statement_id: coding.statementId,
    adjudicated_score: coding.adjudicatedScore,
    translation: statement.translationQuote,
    translation_start: statement.translationStart,
    translation_end: statement.translationEnd,
  }));
  // Independent of insertion order and ids, so two databases with the same codings export the same bytes.
  const key = (row: ExchangeRow) =>
    [
      row.source_published,
      row.source_hash,
      String(row.text_start).padStart(9, "0"),
      String(row.text_end).padStart(9, "0"),
      row.actor_slug,
      row.recipient_slug,
      row.coder,
    ].join("\u0000");
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export type ImportOutcome = {
  imported: number;
  unchanged: number;
  skipped: ExchangeError[];
  errors: ExchangeError[];
  /** The import as History records it (entity "CodingImport"), from where it is undone; null when it created nothing. */
  importId: string | null;
};

/** What an import created, recorded with it so that it can be undone (undoCodingImport). */
type CodingImportRecord = { statementIds: string[]; codingIds: string[] };

/**
 * Imports codings into existing sources, actors and users (matched by content
 * hash, slug and e-mail), creating statements as needed. Every row is checked
 * first; if any is bad nothing is written, unless `skipInvalid`, when the good
 * rows are imported and the bad ones reported. A row already present with the
 * same values is left alone, so importing the same file twice changes nothing.
 * Codings carry their coders' names, so only administrators import.
 */
async function importExchangeRows(
  user: SignedInUser,
  rows: { line: number; row: ExchangeRow }[],
  options: { skipInvalid: boolean; formatErrors: ExchangeError[] },
): Promise<ImportOutcome> {
  const db = getDatabase();
  const storedSources = await db.source.findMany({
    where: { contentHash: { in: [...new Set(rows.map(({ row }) => row.source_hash))] } },
    select: { id: true, title: true, text: true, translation: true, contentHash: true, deletedAt: true },
  });
  const sources = new Map(storedSources.filter((source) => !source.deletedAt).map((source) => [source.contentHash, source]));
  // A deleted source keeps its text's hash, so adding the source again is refused: a row of one points at History instead.
  const deletedSources = new Map(storedSources.filter((source) => source.deletedAt).map((source) => [source.contentHash, source]));
  const slugs = [...new Set(rows.flatMap(({ row }) => [row.actor_slug, row.recipient_slug]))];
  const actors = new Map(
    (await db.actor.findMany({ where: { deletedAt: null, slug: { in: slugs } }, select: { id: true, slug: true } })).map((actor) => [
      actor.slug,
      actor.id,
    ]),
  );
  const coders = new Map(
    (
      await db.user.findMany({
        where: { email: { in: [...new Set(rows.map(({ row }) => row.coder))] } },
        select: { id: true, email: true, role: true },
      })
    ).map((coder) => [coder.email, coder]),
  );

  // A row naming a codebook version keeps it (it must be published); a row without one gets the version in force now.
  const published = new Set(
    (await db.codebookVersion.findMany({ select: { number: true }, orderBy: { number: "asc" } })).map((version) => version.number),
  );
  const versionInForce = published.size > 0 ? Math.max(...published) : null;

  // Malformed lines and rows naming what is not stored are reported together, in one pass.
  const errors: ExchangeError[] = [...options.formatErrors];
  const valid: { line: number; row: ExchangeRow; sourceId: string; speakerId: string; targetId: string; coderId: string }[] = [];
  for (const { line, row } of rows) {
    const source = sources.get(row.source_hash);
    const speakerId = actors.get(row.actor_slug);
    const targetId = actors.get(row.recipient_slug);
    const coder = coders.get(row.coder);
    const coderId = coder?.id;
    const deletedSource = deletedSources.get(row.source_hash);
    const problem = !source
      ? deletedSource
        ? `source_hash: the source with this text, “${deletedSource.title}”, was deleted; an administrator can restore it from History`
        : `source_hash: no source with this text is stored (“${row.source_title}”); add the source first`
      : !speakerId
        ? `actor_slug: no actor “${row.actor_slug}”; add the actor first`
        : !targetId
          ? `recipient_slug: no actor “${row.recipient_slug}”; add the actor first`
          : !coderId
            ? `coder: no user with the e-mail ${row.coder}`
            : typeof row.codebook_version === "number" && !published.has(row.codebook_version)
              ? `codebook_version: version ${row.codebook_version} of the codebook is not published here (${published.size > 0 ? `published: ${[...published].join(", ")}` : "none is published yet"}); publish it first, or leave the field out to record the version in force`
              : (checkQuoteOffsets(row, source.text) ??
                checkTranslationOffsets(row, source.translation) ??
                // Only those who may code own codings, as in the app (a viewer's coding would be one they could not edit).
                (hasPermission({ id: coder!.id, role: coder!.role }, "edit")
                  ? null
                  : `coder: ${row.coder} is a ${coder!.role.toLowerCase()}, who may not code; only analysts and administrators own codings`));
    if (problem) errors.push({ line, message: problem });
    else valid.push({ line, row, sourceId: source!.id, speakerId: speakerId!, targetId: targetId!, coderId: coderId! });
  }
  errors.sort((a, b) => a.line - b.line);
  if (errors.length > 0 && !options.skipInvalid) return { imported: 0, unchanged: 0, skipped: [], errors, importId: null };

  let imported = 0;
  let unchanged = 0;
  let importId: string | null = null;
  const conflicts: ExchangeError[] = [];
  await db
    .$transaction(
      async (tx) => {
        // Written last, so that the audit chain's lock is not held through the import (HeldAuditEntries).
        const heldAudits = new HeldAuditEntries();
        const created: CodingImportRecord = { statementIds: [], codingIds: [] };
        // Checked again with the sources key-share-locked (lib/data/live-records.ts says why): one deleted since the
        // check above refuses its rows, and a deletion still to come waits for the import and then counts what it added.
        const sourceIds = [...new Set(valid.map((entry) => entry.sourceId))];
        const stillLive = new Set(
          (
            await tx.$queryRaw<{ id: string }[]>`
              SELECT id FROM "Source" WHERE id = ANY(${sourceIds}::text[]) AND "deletedAt" IS NULL FOR KEY SHARE`
          ).map((source) => source.id),
        );
        for (const { line, row, sourceId, speakerId, targetId, coderId } of valid) {
          if (!stillLive.has(sourceId)) {
            conflicts.push({
              line,
              message: `source_hash: the source with this text was deleted meanwhile; an administrator can restore it from History`,
            });
            continue;
          }
          // Deleted statements are found too: one keeps its span (the unique key has no deletedAt) until restored.
          let statement = await tx.statement.findFirst({
            where: { sourceId, speakerId, startOffset: row.text_start, endOffset: row.text_end },
          });
          if (statement?.deletedAt) {
            conflicts.push({
              line,
              message: `text_start, text_end: a deleted statement by ${row.actor} holds this span in this source; restore it from History, or change the span`,
            });
            continue;
          }
          if (!statement) {
            // The statement keeps the id it had where it was exported, when that id is free here.
            const idIsFree = row.statement_id !== undefined && (await tx.statement.count({ where: { id: row.statement_id } })) === 0;
            statement = await tx.statement.create({
              data: {
                ...(idIsFree ? { id: row.statement_id } : {}),
                sourceId,
                speakerId,
                quote: row.text,
                startOffset: row.text_start,
                endOffset: row.text_end,
                saidOn: dateFromIso(row.date),
                saidOnPrecision: row.date_precision,
                form: row.form,
                channel: row.channel,
                createdById: user.id,
                translationQuote: row.translation,
                translationStart: row.translation_start,
                translationEnd: row.translation_end,
              },
            });
            heldAudits.add([{ userId: user.id, action: "CREATE", entity: "Statement", entityId: statement.id, after: statement }]);
            created.statementIds.push(statement.id);
          }
          const existing = await tx.stanceCoding.findFirst({ where: { statementId: statement.id, targetId, coderId, deletedAt: null } });
          if (existing) {
            const same =
              existing.score === row.score &&
              existing.isConditional === row.conditional &&
              existing.confidence === row.confidence &&
              existing.rationale === row.comment;
            if (same) unchanged += 1;
            else
              conflicts.push({
                line,
                message: `${row.coder} already has a different coding of this statement toward ${row.recipient}; edit it in Stancewatch instead`,
              });
            continue;
          }
          const coding = await tx.stanceCoding.create({
            data: {
              statementId: statement.id,
              speakerId,
              saidOn: statement.saidOn,
              targetId,
              coderId,
              score: row.score,
              isConditional: row.conditional,
              confidence: row.confidence,
              rationale: row.comment,
              updatedAt: new Date(row.coded_date),
              codebookVersion: row.codebook_version === undefined ? versionInForce : row.codebook_version,
            },
          });
          heldAudits.add([{ userId: user.id, action: "CREATE", entity: "StanceCoding", entityId: coding.id, after: coding }]);
          created.codingIds.push(coding.id);
          imported += 1;
        }
        // A conflicting row makes the whole import refused, like an invalid one, unless skipping was asked for.
        if (conflicts.length > 0 && !options.skipInvalid) throw new ImportRefused();
        if (created.codingIds.length > 0 || created.statementIds.length > 0) {
          importId = newRecordId();
          heldAudits.add([{ userId: user.id, action: "CREATE", entity: "CodingImport", entityId: importId, after: created }]);
        }
        await heldAudits.write(sqlOf(tx));
      },
      { timeout: 600_000, maxWait: 30_000 },
    )
    .catch((error: unknown) => {
      if (!(error instanceof ImportRefused)) throw error;
      imported = 0;
      unchanged = 0;
      importId = null;
    });
  const allErrors = [...errors, ...conflicts].sort((a, b) => a.line - b.line);
  if (conflicts.length > 0 && !options.skipInvalid) return { imported: 0, unchanged: 0, skipped: [], errors: allErrors, importId: null };
  return { imported, unchanged, skipped: allErrors, errors: [], importId };
}

class ImportRefused extends Error {}

export type ExchangeFormat = "csv" | "jsonl";

export async function exportExchangeFile(user: ActingUser, format: ExchangeFormat): Promise<string> {
  const rows = await exportExchangeRows(user);
  return format === "csv" ? formatCsv(rows) : formatJsonLines(rows);
}

/**
 * Reads a CSV or JSON Lines file and imports it. Bad lines (malformed, or
 * naming what is not in the database) are reported by line number and reason;
 * with any of them nothing is imported unless `skipInvalid`.
 */
export async function importExchangeFile(
  user: ActingUser,
  input: { format: ExchangeFormat; content: string; skipInvalid: boolean },
): Promise<ImportOutcome> {
  requirePermission(user, "administer");
  const parsed = input.format === "csv" ? parseCsv(input.content) : parseJsonLines(input.content);
  const outcome = await importExchangeRows(
    user,
    parsed.rows.map((row, index) => ({ line: parsed.lines[index]!, row })),
    { skipInvalid: input.skipInvalid, formatErrors: parsed.errors },
  );
  if (outcome.errors.length > 0) {
    throw new DomainError(
      422,
      `${new Set(outcome.errors.map((error) => error.line)).size} row(s) cannot be imported, so nothing was imported. Correct them, or choose to skip invalid rows.`,
      { errors: outcome.errors },
    );
  }
  return outcome;
}

export const codingImportUndoSchema = z.object({ auditEntryId: z.string().regex(/^\d{1,18}$/, "must name an audit entry") });

export type CodingImportUndone = { codingsDeleted: number; codingsKept: number; statementsDeleted: number; statementsKept: number };

/**
 * Undoes an import of codings (History's "CodingImport" entry): soft-deletes the codings it created that nobody has
 * changed since, and the statements it created that nothing else now rests on (no live coding, adjudication,
 * no-stance review or evidence row, and not corrected since). What was changed or built on since is kept and
 * counted. Each deletion is audited and restorable from History, as any other; the undo itself is recorded on
 * the import's history, and refused a second time.
 */
export async function undoCodingImport(user: ActingUser, auditEntryId: string): Promise<CodingImportUndone> {
  requirePermission(user, "administer");
  return getDatabase().$transaction(
    async (tx) => {
      const entry = await tx.auditEntry.findUnique({ where: { id: BigInt(auditEntryId) } });
      if (!entry || entry.entity !== "CodingImport" || entry.action !== "CREATE") throw new NotFoundError("This import");
      const record = entry.after as unknown as CodingImportRecord;
      // Two administrators undoing at once: the second waits here, then finds it undone.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`coding import ${entry.entityId}`}))`;
      const undone = await tx.auditEntry.count({ where: { entity: "CodingImport", entityId: entry.entityId, action: "DELETE" } });
      if (undone > 0) throw new DomainError(409, "This import has already been undone.");
      // Sources, then statements, then codings: the order every writer takes them in (lib/data/live-records.ts).
      const statementIds = [
        ...new Set([
          ...record.statementIds,
          ...(await tx.stanceCoding.findMany({ where: { id: { in: record.codingIds } }, select: { statementId: true } })).map(
            (coding) => coding.statementId,
          ),
        ]),
      ].sort();
      await tx.$queryRaw`
        SELECT id FROM "Source" WHERE id IN (SELECT "sourceId" FROM "Statement" WHERE id = ANY(${statementIds}::text[]))
        ORDER BY id FOR KEY SHARE`;
      await tx.$queryRaw`SELECT id FROM "Statement" WHERE id = ANY(${record.statementIds}::text[]) ORDER BY id FOR UPDATE`;
      await tx.$queryRaw`SELECT id FROM "StanceCoding" WHERE id = ANY(${record.codingIds}::text[]) ORDER BY id FOR UPDATE`;

      const heldAudits = new HeldAuditEntries();
      const now = new Date();
      const liveCodings = await tx.stanceCoding.findMany({ where: { id: { in: record.codingIds }, deletedAt: null } });
      // A coding at version 1 is as the import wrote it; a later version is its coder's work since.
      const untouched = liveCodings.filter((coding) => coding.version === 1);
      // One statement for all of them, not one per coding (an import may hold thousands); read back for the trail.
      const untouchedIds = untouched.map((coding) => coding.id);
      await tx.stanceCoding.updateMany({ where: { id: { in: untouchedIds } }, data: { deletedAt: now, version: { increment: 1 } } });
      const codingsAfter = new Map((await tx.stanceCoding.findMany({ where: { id: { in: untouchedIds } } })).map((row) => [row.id, row]));
      heldAudits.add(
        untouched.map((before) => ({
          userId: user.id,
          action: "DELETE" as const,
          entity: "StanceCoding" as const,
          entityId: before.id,
          before,
          after: codingsAfter.get(before.id)!,
        })),
      );
      const liveStatements = await tx.statement.findMany({ where: { id: { in: record.statementIds }, deletedAt: null } });
      const restedOn = await tx.statement.findMany({
        where: {
          id: { in: liveStatements.map((statement) => statement.id) },
          OR: [
            { codings: { some: { deletedAt: null } } },
            { adjudications: { some: { deletedAt: null } } },
            { reviews: { some: { deletedAt: null } } },
            { evidence: { some: { deletedAt: null } } },
          ],
        },
        select: { id: true },
      });
      const kept = new Set(restedOn.map((statement) => statement.id));
      const removable = liveStatements.filter((statement) => statement.version === 1 && !kept.has(statement.id));
      const removableIds = removable.map((statement) => statement.id);
      await tx.statement.updateMany({ where: { id: { in: removableIds } }, data: { deletedAt: now, version: { increment: 1 } } });
      const statementsAfter = new Map((await tx.statement.findMany({ where: { id: { in: removableIds } } })).map((row) => [row.id, row]));
      heldAudits.add(
        removable.map((before) => ({
          userId: user.id,
          action: "DELETE" as const,
          entity: "Statement" as const,
          entityId: before.id,
          before,
          after: statementsAfter.get(before.id)!,
        })),
      );
      const outcome: CodingImportUndone = {
        codingsDeleted: untouched.length,
        codingsKept: liveCodings.length - untouched.length,
        statementsDeleted: removable.length,
        statementsKept: liveStatements.length - removable.length,
      };
      await heldAudits.write(sqlOf(tx));
      await recordAudit(tx, {
        userId: user.id,
        action: "DELETE",
        entity: "CodingImport",
        entityId: entry.entityId,
        before: record,
        after: outcome,
      });
      return outcome;
    },
    { timeout: 120_000, maxWait: 20_000 },
  );
}
