import "server-only";
import { recordAudit, recordAudits, type HeldAuditEntries } from "../audit/record-audit";
import { hasPermission, requirePermission, type ActingUser } from "../auth/permissions";
import { getDatabase } from "../database/client";
import { inDirectTransaction, type SqlClient } from "../database/direct-sql";
import { connectionPoolOf } from "../database/prisma";
import { newRecordId } from "../database/record-ids";
import { BadRequestError, ConflictError, DomainError, NotFoundError, ValidationError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { keysetOrderBy, readAfterCursor, toPage, type Page } from "../lists/keyset";
import { parseListQuery, type ListQuery } from "../lists/parameters";
import { sourceListDefinition, type SourceListFilters } from "../sources/list";
import type { Channel, Confidence, DatePrecision, StatementForm } from "../generated/prisma/enums";
import { hashSourceText } from "../sources/content-hash";
import { sourceRecord, withoutText } from "../sources/records";
import { estimatedOverlap, fingerprintOf, nearDuplicateThreshold, signatureLength, type Fingerprint } from "../sources/near-duplicates";
import { storedTranslation, type SourceCreation } from "../sources/schemas";
import { translationPassageOf, type TranslationPassage } from "../statements/translation";
import { dateFromIso, isoFromDate } from "../validation";
import { statementsSeenWholeWhere, visibleAdjudicationsWhere, visibleCodingsWhere } from "./coding-visibility";

export type SourceSummary = {
  id: string;
  title: string;
  publisher: string;
  publishedOn: string;
  language: string;
  statementCount: number;
  /** Statements the acting user has not coded yet. */
  uncodedByMe: number;
  nothingToCode: boolean;
};

/** One page of live sources, filtered and sorted as the list's URL says, after the cursor (keyset paging). */
export async function listSources(
  user: ActingUser,
  query: ListQuery<SourceListFilters> = defaultSourceListQuery,
): Promise<Page<SourceSummary>> {
  requirePermission(user, "read");
  const db = getDatabase();
  const { filters } = query;
  if (filters.from && filters.to && filters.from > filters.to)
    throw new BadRequestError("The list's “from” date is after its “to” date: swap them.");
  const conditions: Prisma.SourceWhereInput[] = [{ deletedAt: null }];
  if (filters.language) conditions.push({ language: filters.language });
  if (filters.from) conditions.push({ publishedOn: { gte: dateFromIso(filters.from) } });
  if (filters.to) conditions.push({ publishedOn: { lte: dateFromIso(filters.to) } });
  if (filters.coverage === "nothing-to-code") conditions.push({ nothingToCodeAt: { not: null } });
  // The trigger-kept count, not a relation filter: Prisma writes "none" as NOT IN over every live statement (half a
  // million), and "not started" has a partial index per sort order (decision 0034).
  if (filters.coverage === "has-statements") conditions.push({ liveStatementCount: { gt: 0 } });
  if (filters.coverage === "not-started") conditions.push({ nothingToCodeAt: null, liveStatementCount: 0 });
  const fetched = await readAfterCursor(query.sortOption, query.cursor, query.pageSize + 1, (after, take) =>
    db.source.findMany({
      where: { AND: [...conditions, after as Prisma.SourceWhereInput] },
      select: {
        id: true,
        title: true,
        publisher: true,
        publishedOn: true,
        language: true,
        createdAt: true,
        nothingToCodeAt: true,
        liveStatementCount: true,
      },
      orderBy: keysetOrderBy(query.sortOption, query.sort) as Prisma.SourceOrderByWithRelationInput[],
      take,
    }),
  );
  const page = toPage(
    fetched,
    query.pageSize,
    query.sort,
    query.sortOption,
    (row) => row[query.sortOption.field as "publishedOn" | "title" | "createdAt"],
  );
  // The statements the acting coder has neither coded nor reviewed, for the page's sources only. NOT EXISTS, probed per
  // statement through the codings' (statementId, targetId, coderId) key: Prisma's "none" is NOT IN over every coding of
  // the coder (hundreds of thousands for a busy one), hashed for every page.
  const ids = page.rows.map((source) => source.id);
  const uncoded = ids.length
    ? await db.$queryRaw<{ sourceId: string; count: number }[]>`
        SELECT s."sourceId", count(*)::int AS count
        FROM "Statement" s
        WHERE s."sourceId" IN (${Prisma.join(ids)}) AND s."deletedAt" IS NULL
          AND NOT EXISTS (SELECT 1 FROM "StanceCoding" c WHERE c."statementId" = s.id AND c."coderId" = ${user.id} AND c."deletedAt" IS NULL)
          AND NOT EXISTS (SELECT 1 FROM "StatementReview" r WHERE r."statementId" = s.id AND r."coderId" = ${user.id} AND r."deletedAt" IS NULL)
        GROUP BY s."sourceId"`
    : [];
  const uncodedBySource = new Map(uncoded.map((row) => [row.sourceId, row.count]));
  return {
    nextCursor: page.nextCursor,
    rows: page.rows.map((source) => ({
      id: source.id,
      title: source.title,
      publisher: source.publisher,
      publishedOn: isoFromDate(source.publishedOn),
      language: source.language,
      statementCount: source.liveStatementCount,
      uncodedByMe: uncodedBySource.get(source.id) ?? 0,
      nothingToCode: source.nothingToCodeAt !== null,
    })),
  };
}

const defaultSourceListQuery = parseListQuery(sourceListDefinition, new URLSearchParams());

/** The languages sources are written in, for the list's filter. */
export async function listSourceLanguages(user: ActingUser): Promise<string[]> {
  requirePermission(user, "read");
  const rows = await getDatabase().source.groupBy({ by: ["language"], where: { deletedAt: null }, orderBy: { language: "asc" } });
  return rows.map((row) => row.language);
}

export type CodingSummary = {
  id: string;
  version: number;
  targetId: string;
  targetName: string;
  coderId: string;
  coderName: string;
  score: number;
  isConditional: boolean;
  confidence: Confidence;
  rationale: string;
  /** The statement's quote or speaker was corrected after this coding was saved (decision 0017). */
  statementChangedAt: string | null;
};

export type StatementInSource = {
  id: string;
  version: number;
  quote: string;
  startOffset: number;
  endOffset: number;
  /** The passage of the source's translation that renders the quote; null when the source has none. */
  translation: TranslationPassage | null;
  speaker: { id: string; name: string };
  saidOn: string;
  saidOnPrecision: DatePrecision;
  form: StatementForm;
  channel: Channel;
  codings: CodingSummary[];
  /** Others' codings withheld until the acting user codes this statement (blind coding). */
  hiddenCodingCount: number;
  adjudications: { targetId: string; targetName: string; score: number; rationale: string; adjudicatorName: string }[];
};

export type SourceDetail = {
  id: string;
  version: number;
  title: string;
  publisher: string;
  url: string | null;
  publishedOn: string;
  language: string;
  text: string;
  /** A translation for reading beside the text, and its language; both null when there is none. */
  translation: string | null;
  translationLanguage: string | null;
  blindCoding: boolean;
  nothingToCode: { at: string; byName: string | null } | null;
  statements: StatementInSource[];
};

export async function getSource(user: ActingUser, id: string): Promise<SourceDetail> {
  requirePermission(user, "read");
  const db = getDatabase();
  const source = await db.source.findFirst({
    where: { id, deletedAt: null },
    include: { nothingToCodeBy: { select: { name: true } } },
  });
  if (!source) throw new NotFoundError("This source");
  const statements = await db.statement.findMany({
    where: { sourceId: id, deletedAt: null },
    include: {
      speaker: { select: { id: true, name: true } },
      codings: {
        where: { deletedAt: null },
        include: { target: { select: { name: true } }, coder: { select: { name: true } } },
        orderBy: [{ targetId: "asc" }, { createdAt: "asc" }],
      },
      adjudications: {
        // A settled score tells a blind coder what the others said: shown as their codings are.
        where: { deletedAt: null, ...visibleAdjudicationsWhere(user) },
        include: { target: { select: { name: true } }, adjudicator: { select: { name: true } } },
      },
    },
    orderBy: [{ startOffset: "asc" }, { endOffset: "asc" }],
  });
  const visibleIds = new Set(
    (
      await db.stanceCoding.findMany({
        where: { statement: { sourceId: id }, deletedAt: null, ...visibleCodingsWhere(user) },
        select: { id: true },
      })
    ).map((row) => row.id),
  );
  return {
    id: source.id,
    version: source.version,
    title: source.title,
    publisher: source.publisher,
    url: source.url,
    publishedOn: isoFromDate(source.publishedOn),
    language: source.language,
    text: source.text,
    translation: source.translation,
    translationLanguage: source.translationLanguage,
    blindCoding: source.blindCoding,
    nothingToCode: source.nothingToCodeAt
      ? { at: source.nothingToCodeAt.toISOString(), byName: source.nothingToCodeBy?.name ?? null }
      : null,
    statements: statements.map((statement) => {
      const visible = statement.codings.filter((coding) => visibleIds.has(coding.id));
      return {
        id: statement.id,
        version: statement.version,
        quote: statement.quote,
        startOffset: statement.startOffset,
        endOffset: statement.endOffset,
        translation: translationPassageOf(statement),
        speaker: statement.speaker,
        saidOn: isoFromDate(statement.saidOn),
        saidOnPrecision: statement.saidOnPrecision,
        form: statement.form,
        channel: statement.channel,
        codings: visible.map((coding) => ({
          id: coding.id,
          version: coding.version,
          targetId: coding.targetId,
          targetName: coding.target.name,
          coderId: coding.coderId,
          coderName: coding.coder.name,
          score: coding.score,
          isConditional: coding.isConditional,
          confidence: coding.confidence,
          rationale: coding.rationale,
          statementChangedAt: coding.statementChangedAt?.toISOString() ?? null,
        })),
        hiddenCodingCount: statement.codings.length - visible.length,
        adjudications: statement.adjudications.map((adjudication) => ({
          targetId: adjudication.targetId,
          targetName: adjudication.target.name,
          score: adjudication.score,
          rationale: adjudication.rationale,
          adjudicatorName: adjudication.adjudicator.name,
        })),
      };
    }),
  };
}

export async function createSource(user: ActingUser, input: SourceCreation): Promise<{ id: string }> {
  requirePermission(user, "edit");
  const db = getDatabase();
  const { problems } = storedTranslation(input);
  if (Object.keys(problems).length > 0) throw new ValidationError(problems);
  const record = sourceRecord(input, input.text);
  const existing = await db.source.findUnique({
    where: { contentHash: record.contentHash },
    select: { id: true, title: true, deletedAt: true },
  });
  // A deleted source keeps its text's place, so that restoring it never meets a second copy.
  if (existing?.deletedAt)
    throw new ConflictError(
      `This text is already stored as “${existing.title}”, which was deleted; an administrator can restore it from History.`,
      null,
    );
  if (existing) throw new ConflictError(`This text is already stored as “${existing.title}”.`, { id: existing.id });
  return inDirectTransaction(db, async (sql) => {
    const [created] = await insertSources(sql, user.id, [input]);
    return { id: created!.id };
  });
}

/**
 * Rows a statement: 500 sources of 5 KB are 2.5 MB of parameters, and the
 * intake's batches (lib/data/intake.ts) are this size.
 */
export const insertBatchSize = 500;

/**
 * The one way sources are written: rows, their near-duplicate fingerprints and
 * their audit entries, in the caller's transaction (direct SQL:
 * lib/database/direct-sql.ts), in batches (an intake may carry thousands).
 * Inputs must be validated and free of known duplicates. Each batch is three
 * multi-row statements from arrays, plus the audit entries; the rows' ids and
 * times are made here, as Prisma's defaults would make them, and each audit
 * entry holds the row as Prisma reads it (text and translation as their
 * lengths): tests/integration/intake-batches.test.ts compares the two.
 */
export async function insertSources(
  sql: SqlClient,
  userId: string,
  inputs: readonly SourceCreation[],
  /** Computed already by the caller (the intake compares them first), in the order of `inputs`. */
  fingerprints?: readonly Fingerprint[],
  /** Where a long upload keeps the audit entries until its end (HeldAuditEntries); written with each batch without it. */
  heldAudits?: HeldAuditEntries,
): Promise<{ id: string; contentHash: string }[]> {
  const created: { id: string; contentHash: string }[] = [];
  for (let start = 0; start < inputs.length; start += insertBatchSize) {
    const batch = inputs.slice(start, start + insertBatchSize);
    // One time for the batch, as Prisma's now() is one time per statement.
    const at = new Date();
    const rows = batch.map((input) => {
      const { translation, translationLanguage } = storedTranslation(input);
      return {
        id: newRecordId(),
        title: input.title,
        publisher: input.publisher,
        url: input.url ?? null,
        publishedOn: input.publishedOn,
        language: input.language,
        text: input.text,
        contentHash: hashSourceText(input.text),
        translation,
        translationLanguage,
      };
    });
    const column = <Key extends keyof (typeof rows)[number]>(key: Key) => rows.map((row) => row[key]);
    try {
      await sql.query(
        `INSERT INTO "Source" (id, title, publisher, url, "publishedOn", language, text, "contentHash", translation,
           "translationLanguage", "createdAt", "updatedAt", "createdById")
         SELECT row.*, $11::timestamp, $11::timestamp, $12
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[], $7::text[], $8::text[], $9::text[],
           $10::text[]) AS row`,
        [
          column("id"),
          column("title"),
          column("publisher"),
          column("url"),
          column("publishedOn"),
          column("language"),
          column("text"),
          column("contentHash"),
          column("translation"),
          column("translationLanguage"),
          // A timestamp column without a zone holds UTC, as Prisma writes it; the "Z" is ignored on input.
          at.toISOString(),
          userId,
        ],
      );
    } catch (error) {
      // Another upload or form stored one of these texts since it was checked (the content hash is unique).
      const { code, constraint } = error as { code?: unknown; constraint?: unknown };
      if (code === "23505" && constraint === "Source_contentHash_key")
        throw new ConflictError(
          "One of these texts was stored by someone else meanwhile, so nothing was saved. Try again to see which one.",
          null,
        );
      throw error;
    }
    await insertSourceFingerprints(
      sql,
      column("id"),
      rows.map((row, index) => fingerprints?.[start + index] ?? fingerprintOf(row.text)),
    );
    const stamp = at.toISOString();
    const audits = rows.map((row) => ({
      userId,
      action: "CREATE" as const,
      entity: "Source" as const,
      entityId: row.id,
      // The row as Prisma returns it (text and translation left out), every column in the model's order.
      after: {
        id: row.id,
        title: row.title,
        publisher: row.publisher,
        url: row.url,
        publishedOn: `${row.publishedOn}T00:00:00.000Z`,
        language: row.language,
        contentHash: row.contentHash,
        version: 1,
        createdAt: stamp,
        updatedAt: stamp,
        deletedAt: null,
        blindCoding: true,
        createdById: userId,
        nothingToCodeAt: null,
        nothingToCodeById: null,
        translationLanguage: row.translationLanguage,
        // Kept by triggers on Statement (decision 0034): a new source has none.
        liveStatementCount: 0,
        text: `${row.text.length} characters`,
        translation: row.translation === null ? null : `${row.translation.length} characters`,
      },
    }));
    if (heldAudits) heldAudits.add(audits, at);
    else await recordAudits(sql, audits, at);
    created.push(...rows.map((row) => ({ id: row.id, contentHash: row.contentHash })));
  }
  return created;
}

/**
 * Stores sources' near-duplicate fingerprints (signature and band keys), in the caller's transaction:
 * every way a source is written calls it, so near-duplicate detection sees every source.
 */
export async function insertSourceFingerprints(
  sql: SqlClient,
  ids: readonly string[],
  fingerprints: readonly Fingerprint[],
): Promise<void> {
  if (ids.length === 0) return;
  // Inserts from arrays: 128 signature values and 16 band rows a source are many parameters for createMany
  // (measured: 2.5 s a batch of 500 through it, against a tenth of that this way).
  const signatures = fingerprints.flatMap((fingerprint) => [...fingerprint.signature]);
  await sql.query(
    `INSERT INTO "SourceFingerprint" ("sourceId", signature)
     SELECT batch.ids[position], batch.signatures[(position - 1) * ${signatureLength} + 1 : position * ${signatureLength}]
     FROM (SELECT $1::text[] AS ids, $2::int[] AS signatures) AS batch, generate_subscripts(batch.ids, 1) AS position`,
    [[...ids], signatures],
  );
  // A row per distinct band key of a source (two of its bands share a key only by a 32-bit collision), so the
  // insert needs no ON CONFLICT, which costs an index probe more per row.
  const bandKeys: number[] = [];
  const bandSourceIds: string[] = [];
  fingerprints.forEach((fingerprint, index) => {
    for (const key of new Set(fingerprint.bands)) {
      bandKeys.push(key);
      bandSourceIds.push(ids[index]!);
    }
  });
  await sql.query(`INSERT INTO "SourceFingerprintBand" ("key", "sourceId") SELECT * FROM unnest($1::int[], $2::text[])`, [
    bandKeys,
    bandSourceIds,
  ]);
}

export type NearDuplicate = { id: string; title: string; publisher: string; publishedOn: string; overlap: number };

/**
 * Live sources whose text overlaps each fingerprint's by at least the
 * near-duplicate threshold, best first. Per 1,000 fingerprints, one query
 * probes the band keys' index and reads the candidates' signatures with them;
 * the signatures are compared in memory.
 */
export async function findNearDuplicates(
  sql: SqlClient,
  fingerprints: readonly Fingerprint[],
  options: { excludeId?: string; excludeIds?: ReadonlySet<string> } = {},
): Promise<NearDuplicate[][]> {
  const found: NearDuplicate[][] = fingerprints.map(() => []);
  // 1,000 fingerprints are 16,000 band keys, bound as one array.
  for (let start = 0; start < fingerprints.length; start += 1000) {
    const batch = fingerprints.slice(start, start + 1000);
    const keys = [...new Set(batch.flatMap((fingerprint) => [...fingerprint.bands]))];
    // A candidate sharing several bands comes once per band: rare (a near duplicate, or a 32-bit collision).
    const { rows: hits } = await sql.query<{
      key: number;
      id: string;
      title: string;
      publisher: string;
      publishedOn: string;
      signature: number[];
    }>(
      `SELECT band.key, source.id, source.title, source.publisher, to_char(source."publishedOn", 'YYYY-MM-DD') AS "publishedOn",
         fingerprint.signature
       FROM "SourceFingerprintBand" band
       JOIN "Source" source ON source.id = band."sourceId" AND source."deletedAt" IS NULL
       JOIN "SourceFingerprint" fingerprint ON fingerprint."sourceId" = band."sourceId"
       WHERE band.key = ANY($1::int[])`,
      [keys],
    );
    if (hits.length === 0) continue;
    const byBand = new Map<number, (typeof hits)[number][]>();
    for (const hit of hits) {
      const list = byBand.get(hit.key);
      if (list) list.push(hit);
      else byBand.set(hit.key, [hit]);
    }
    batch.forEach((fingerprint, index) => {
      const seen = new Set<string>();
      for (const key of fingerprint.bands)
        for (const candidate of byBand.get(key) ?? []) {
          if (seen.has(candidate.id) || candidate.id === options.excludeId || options.excludeIds?.has(candidate.id)) continue;
          seen.add(candidate.id);
          const overlap = estimatedOverlap(fingerprint.signature, candidate.signature);
          if (overlap >= nearDuplicateThreshold)
            found[start + index]!.push({
              id: candidate.id,
              title: candidate.title,
              publisher: candidate.publisher,
              publishedOn: candidate.publishedOn,
              overlap,
            });
        }
      found[start + index]!.sort((a, b) => b.overlap - a.overlap);
    });
  }
  return found;
}

/** Sources whose text nearly repeats this one's (wire copy republished with small edits). */
export async function listNearDuplicatesOf(user: ActingUser, id: string): Promise<NearDuplicate[]> {
  requirePermission(user, "read");
  const db = getDatabase();
  const fingerprint = await db.sourceFingerprint.findUnique({ where: { sourceId: id } });
  if (!fingerprint) return [];
  const bands = await db.sourceFingerprintBand.findMany({ where: { sourceId: id }, select: { key: true } });
  const [duplicates] = await findNearDuplicates(
    connectionPoolOf(db),
    [{ signature: fingerprint.signature, bands: bands.map((band) => band.key) }],
    { excludeId: id },
  );
  return duplicates!;
}

/** "Reviewed, nothing to code" (analysts) and blind coding on or off (admins only: it protects reliability). */
export async function reviewSource(
  user: ActingUser,
  id: string,
  update: { version: number; nothingToCode?: boolean; blindCoding?: boolean },
): Promise<void> {
  requirePermission(user, "edit");
  if (update.blindCoding !== undefined && !hasPermission(user, "administer")) {
    throw new DomainError(403, "Only administrators can switch blind coding for a source.");
  }
  const db = getDatabase();
  await db.$transaction(async (tx) => {
    const before = await tx.source.findFirst({ where: { id, deletedAt: null } });
    if (!before) throw new NotFoundError("This source");
    const data = {
      ...(update.nothingToCode !== undefined
        ? { nothingToCodeAt: update.nothingToCode ? new Date() : null, nothingToCodeById: update.nothingToCode ? user.id : null }
        : {}),
      ...(update.blindCoding !== undefined ? { blindCoding: update.blindCoding } : {}),
    };
    const { count } = await tx.source.updateMany({ where: { id, version: update.version }, data: { ...data, version: { increment: 1 } } });
    if (count === 0)
      throw new ConflictError("This source was changed by someone else meanwhile. Reload it and try again.", {
        version: (await tx.source.findUniqueOrThrow({ where: { id } })).version,
      });
    const after = await tx.source.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, {
      userId: user.id,
      action: "UPDATE",
      entity: "Source",
      entityId: id,
      before: withoutText(before),
      after: withoutText(after),
    });
  });
}

/**
 * Soft deletion: the source, its statements and their codings leave every list, chart, search and export (the
 * codings' statementLive copy follows by trigger), and an administrator restores it, with all it held, from
 * History. Its text keeps its place: taking the same text in again is refused with a pointer to History, so a
 * restore never meets a second copy. An analyst may delete only a source that holds nobody else's work; deleting
 * one that does would take that work out of the charts, which is an administrator's call.
 */
export async function deleteSource(user: ActingUser, id: string, version: number): Promise<void> {
  requirePermission(user, "edit");
  await getDatabase().$transaction(
    async (tx) => {
      // The source and its statements are locked first: a statement cut or a coding saved meanwhile (both take a
      // share lock on what they hang from) either commits before the count below sees it, or waits and then finds
      // the source gone.
      await tx.$queryRaw`SELECT id FROM "Source" WHERE id = ${id} FOR UPDATE`;
      const before = await tx.source.findFirst({ where: { id, deletedAt: null } });
      if (!before) throw new NotFoundError("This source");
      await tx.$queryRaw`SELECT id FROM "Statement" WHERE "sourceId" = ${id} FOR UPDATE`;
      if (!hasPermission(user, "administer")) {
        const inSource = { statement: { sourceId: id, deletedAt: null } };
        const notMine = { not: user.id };
        const statements = await tx.statement.count({
          where: { sourceId: id, deletedAt: null, OR: [{ createdById: notMine }, { createdById: null }] },
        });
        const codings = await tx.stanceCoding.count({ where: { ...inSource, deletedAt: null, coderId: notMine } });
        // A blind coder is not told of settled scores (which tell of a disagreement) or no-stance reviews on statements
        // whose codings are hidden from them: those count, without a number, as work blind coding hides.
        const seenWhole = statementsSeenWholeWhere(user);
        const inSourceSeen = seenWhole ? { statement: { sourceId: id, deletedAt: null, AND: [seenWhole] } } : inSource;
        const hiddenWork = seenWhole
          ? (await tx.statementReview.count({ where: { ...inSource, deletedAt: null, coderId: notMine } })) +
            (await tx.adjudication.count({ where: { ...inSource, deletedAt: null, adjudicatorId: notMine } }))
          : 0;
        const reviews = await tx.statementReview.count({ where: { ...inSourceSeen, deletedAt: null, coderId: notMine } });
        const evidence = await tx.evidence.count({
          where: { ...inSource, deletedAt: null, OR: [{ createdById: notMine }, { createdById: null }] },
        });
        const adjudications = await tx.adjudication.count({ where: { ...inSourceSeen, deletedAt: null, adjudicatorId: notMine } });
        // A draw assigns the source's statements to coders, who would find them gone from their queues.
        const draws = await tx.assignmentDraw.count({ where: { sourceId: id, deletedAt: null } });
        const others = [
          // Added by someone else, or by no known user (the seed, a script): not the analyst's to take away.
          before.createdById === user.id ? null : "the source itself, added by someone else",
          counted(statements, "statement"),
          counted(adjudications, "adjudication"),
          counted(draws, "assignment"),
          counted(codings, "coding"),
          counted(reviews, "no-stance review"),
          counted(evidence, "evidence row"),
          hiddenWork > reviews + adjudications ? "work blind coding hides from you" : null,
        ].filter((part) => part !== null);
        if (others.length > 0)
          throw new DomainError(403, `This source holds other people’s work (${others.join(", ")}); only an administrator can delete it.`);
      }
      const { count } = await tx.source.updateMany({
        where: { id, version, deletedAt: null },
        data: { deletedAt: new Date(), version: { increment: 1 } },
      });
      if (count === 0) {
        const current = await tx.source.findUniqueOrThrow({ where: { id }, select: { version: true } });
        throw new ConflictError(
          `This source changed (now version ${current.version}) since you opened version ${version}; reload it before deleting.`,
          { version: current.version },
        );
      }
      const after = await tx.source.findUniqueOrThrow({ where: { id } });
      await recordAudit(tx, {
        userId: user.id,
        action: "DELETE",
        entity: "Source",
        entityId: id,
        before: withoutText(before),
        after: withoutText(after),
      });
    },
    { maxWait: 20_000, timeout: 20_000 },
  );
}

function counted(count: number, noun: string): string | null {
  return count === 0 ? null : `${count} ${noun}${count === 1 ? "" : "s"}`;
}
