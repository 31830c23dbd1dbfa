import "server-only";
import { requirePermission, type ActingUser } from "../auth/permissions";
import { serverEnvironment } from "../config/environment";
import { getDatabase } from "../database/client";
import { HeldAuditEntries } from "../audit/record-audit";
import { inDirectTransaction, type SqlClient } from "../database/direct-sql";
import { DomainError } from "../errors";
import type { IntakeProblem, SourceDraft } from "../intake/drafts";
import { fetchPage, fetchSettingsFrom, FetchRefusedError } from "../intake/fetch-url";
import { extractArticle } from "../intake/html";
import { intakeLimits, type IntakeOptions } from "../intake/schemas";
import { isProblem, megabytes, validateDraft, type IntakeFile, type ValidSource } from "../intake/parse";
import { intakeItemsOf } from "../intake/stream";
import { canonicalLanguageCode } from "../sources/languages";
import { estimatedOverlap, fingerprintOf, nearDuplicateThreshold, type Fingerprint } from "../sources/near-duplicates";
import { findNearDuplicates, insertBatchSize, insertSources, type NearDuplicate } from "./sources";

export type NearDuplicateFinding = {
  where: string;
  title: string;
  /** What was done with it (in an outcome), or what the user chose so far (in a 409 asking for choices); null: not chosen yet. */
  choice: "keep" | "skip" | null;
  /** Stored sources, or earlier items of the same upload (id null, where set). */
  matches: (Omit<NearDuplicate, "id"> & { id: string | null; where?: string })[];
};

export type IntakeOutcome = {
  imported: { id: string; title: string; where: string }[];
  /** Bad items left out because the user chose to skip them. */
  skipped: IntakeProblem[];
  /** Near duplicates, each imported (choice "keep") or left out ("skip") as the user chose. */
  nearDuplicates: NearDuplicateFinding[];
  /** True when every near duplicate was kept (also when there were none). */
  nearDuplicatesKept: boolean;
};

/** Drafts from fetched pages, one per address; a refused or unreadable address is a problem named by its address. */
async function draftsFromAddresses(urls: readonly string[]): Promise<{ drafts: SourceDraft[]; problems: IntakeProblem[] }> {
  const settings = fetchSettingsFrom(serverEnvironment());
  const results = await Promise.all(
    urls.map(async (url): Promise<SourceDraft | IntakeProblem> => {
      try {
        const page = await fetchPage(url, settings);
        const extraction = extractArticle(page.html, page.url);
        return "problem" in extraction ? { where: url, message: extraction.problem } : { where: url, fields: extraction.fields };
      } catch (error) {
        if (error instanceof FetchRefusedError) return { where: url, message: `cannot be fetched: ${error.message}` };
        throw error;
      }
    }),
  );
  return {
    drafts: results.filter((result): result is SourceDraft => "fields" in result),
    problems: results.filter((result): result is IntakeProblem => "message" in result),
  };
}

function refuse(problems: IntakeProblem[]): never {
  throw new DomainError(
    422,
    `${problems.length} item(s) cannot be imported, so nothing was imported. Correct them, or choose to skip invalid items and import the rest.`,
    { errors: problems },
  );
}

/**
 * Items validated, checked and inserted together: about 2.5 MB of text at 5 KB
 * an item, written as one multi-row statement (insertSources). The writes go
 * through node-postgres directly (docs/decisions/0035): through Prisma,
 * batches had to stay at 100 because its debug module keeps the arguments of
 * its last 100 queries alive.
 */
const batchSize = insertBatchSize;

/**
 * Imports many sources at once from uploaded files and fetched addresses.
 * Files are read an item at a time (JSON Lines line by line) and items are
 * checked and written in batches of 500, so memory holds two batches (one
 * being written while the next is read), not the upload (docs/decisions/0031,
 * 0035). Everything is written in one transaction: with
 * any bad item (malformed, a field missing or wrong, a text already stored)
 * the transaction is rolled back and nothing is imported, unless
 * `skipInvalid`. Near duplicates of stored sources or of each other are
 * reported and nothing is imported until the user has chosen to keep or skip
 * each (one by one in `nearDuplicateChoices`, or all at once).
 */
export async function importSources(user: ActingUser, files: readonly IntakeFile[], options: IntakeOptions): Promise<IntakeOutcome> {
  requirePermission(user, "edit");
  if (files.length === 0 && options.urls.length === 0)
    throw new DomainError(422, "Choose at least one file or give at least one address to fetch.");
  if (files.length > intakeLimits.files) throw new DomainError(422, `At most ${intakeLimits.files} files can be uploaded at once.`);
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  if (totalBytes > intakeLimits.uploadBytes)
    throw new DomainError(
      422,
      `The upload is ${megabytes(totalBytes)}, over the limit of ${megabytes(intakeLimits.uploadBytes)}; split it.`,
    );
  if (options.defaults.language !== undefined && options.defaults.language !== "") {
    if (!canonicalLanguageCode(options.defaults.language))
      throw new DomainError(
        422,
        `Default language: “${options.defaults.language}” is not a known language code; use one such as en, fa or ar.`,
      );
  }
  // Fetched before the transaction opens: a slow site must not hold it (each fetch is limited in time and size).
  const fetched = options.urls.length > 0 ? await draftsFromAddresses(options.urls) : { drafts: [], problems: [] };

  return inDirectTransaction(getDatabase(), async (sql) => {
    const run = new IntakeRun(sql, user.id, options);
    for (const file of files) for await (const item of intakeItemsOf(file)) await run.add(item);
    for (const draft of fetched.drafts) await run.add(draft);
    for (const problem of fetched.problems) await run.add(problem);
    // Throws (rolling the transaction back) when anything is wrong and the user did not choose to skip it.
    return run.finish();
  });
}

/**
 * A copy of a short string that shares no memory with the text it was cut
 * from. V8 represents a slice (and a string JSON.parse reads out of a line) as
 * a view into the whole parent string, so keeping an item's title would keep
 * its line, and the 64 KiB chunk the line was cut from, for the rest of the
 * import: measured, that held most of the upload in memory again.
 */
function detached(text: string): string {
  return Buffer.from(text, "utf8").toString("utf8");
}

/** What an earlier item of the same upload is compared by: its fingerprint and what a finding shows of it. */
type EarlierItem = { where: string; title: string; publisher: string; publishedOn: string; signature: readonly number[] };

/**
 * One import as it goes: items arrive one at a time, are validated at once and
 * settled (duplicates, near duplicates, insert) a batch at a time. A batch's
 * insert is not waited for: the next batch is read, validated and
 * fingerprinted while the database writes the last one (the two take about
 * the same time, and a machine has more than one core), and its lookups
 * follow the insert on the same connection. Once the
 * outcome is known to be a refusal (a bad item without skipInvalid, a near
 * duplicate to ask about), nothing more is written, but every later item is
 * still checked so the refusal lists every problem.
 */
class IntakeRun {
  private readonly problems: IntakeProblem[] = [];
  private readonly imported: IntakeOutcome["imported"] = [];
  private readonly nearDuplicates: NearDuplicateFinding[] = [];
  /** Content hash → where it first appeared in this upload. */
  private readonly seenHashes = new Map<string, string>();
  private readonly createdIds = new Set<string>();
  private readonly earlier: EarlierItem[] = [];
  private readonly earlierByBand = new Map<number, number[]>();
  /** Valid items waiting for their batch to be settled, each with its fingerprint (none once the upload is refused). */
  private pending: { item: ValidSource; fingerprint: Fingerprint | null }[] = [];
  /** The last batch's insert, in flight; awaited before the next query, so its failure is the one reported. */
  private writing: Promise<void> = Promise.resolve();
  private items = 0;
  private fresh = 0;
  /** Written once the upload is accepted, so that the audit chain's lock is not held through the upload (HeldAuditEntries). */
  private readonly heldAudits = new HeldAuditEntries();

  constructor(
    private readonly sql: SqlClient,
    private readonly userId: string,
    private readonly options: IntakeOptions,
  ) {}

  private refusing(): boolean {
    return this.problems.length > 0 && !this.options.skipInvalid;
  }

  /** A near duplicate without a choice yet (its own, or the one for all) stops the writing: the user is asked first. */
  private asking(): boolean {
    return this.nearDuplicates.some((finding) => finding.choice === null);
  }

  async add(item: SourceDraft | IntakeProblem): Promise<void> {
    if ("message" in item) {
      this.problems.push(item);
      return;
    }
    this.items += 1;
    // Over the limit the upload is refused whatever else is wrong: only count the rest.
    if (this.items > intakeLimits.sources) return;
    const result = validateDraft(item, this.options.defaults);
    if (isProblem(result)) this.problems.push(result);
    else if (this.seenHashes.has(result.contentHash))
      this.problems.push({
        where: result.where,
        message: `the same text as ${this.seenHashes.get(result.contentHash)}; each text is stored once`,
      });
    else {
      this.seenHashes.set(result.contentHash, result.where);
      // Fingerprinted as it arrives, between reads of the file, rather than a batch at once: the database's
      // replies to the last batch's insert are handled in between, so it is never kept waiting long.
      this.pending.push({ item: result, fingerprint: this.refusing() ? null : fingerprintOf(result.source.text) });
      if (this.pending.length >= batchSize) await this.settle();
    }
  }

  /** Refuses the upload, or returns what was imported; called once every item has been added. */
  async finish(): Promise<IntakeOutcome> {
    await this.settle();
    await this.writing;
    if (this.items > intakeLimits.sources)
      throw new DomainError(422, `The upload holds ${this.items} sources; at most ${intakeLimits.sources} can be imported at once.`);
    if (this.refusing()) refuse(this.problems);
    if (this.fresh === 0) throw new DomainError(422, "No item can be imported: every one has a problem.", { errors: this.problems });
    const unchosen = this.nearDuplicates.filter((finding) => finding.choice === null).length;
    if (unchosen > 0)
      throw new DomainError(
        409,
        `${unchosen === this.nearDuplicates.length ? unchosen : `${unchosen} of ${this.nearDuplicates.length}`} item(s) nearly repeat a stored source or another item (at least ${Math.round(nearDuplicateThreshold * 100)} % of their text) and have no choice yet. Nothing was imported yet: choose to keep or skip each.`,
        { nearDuplicates: this.nearDuplicates, errors: this.problems },
      );
    await this.heldAudits.write(this.sql);
    return {
      imported: this.imported,
      skipped: this.problems,
      nearDuplicates: this.nearDuplicates,
      nearDuplicatesKept: this.nearDuplicates.every((finding) => finding.choice === "keep"),
    };
  }

  /** Settles the pending batch: texts already stored, near duplicates, then the insert (left running). */
  private async settle(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    await this.writing;
    // Earlier batches of this upload are in the transaction already, but their hashes were
    // seen in memory, so whatever is found here was stored before this upload.
    const { rows } = await this.sql.query<{ id: string; title: string; contentHash: string; deleted: boolean }>(
      `SELECT id, title, "contentHash", "deletedAt" IS NOT NULL AS deleted FROM "Source" WHERE "contentHash" = ANY($1::text[])`,
      [batch.map(({ item }) => item.contentHash)],
    );
    const stored = new Map(rows.map((row) => [row.contentHash, row]));
    const fresh: typeof batch = [];
    for (const entry of batch) {
      const { item } = entry;
      const existing = stored.get(item.contentHash);
      if (!existing) {
        fresh.push(entry);
        continue;
      }
      this.problems.push({
        where: item.where,
        message: existing.deleted
          ? `this text is already stored as “${existing.title}”, which was deleted; an administrator can restore it from History`
          : `this text is already stored as “${existing.title}”`,
        // A deleted source's page is not found: nothing to link to.
        ...(existing.deleted ? {} : { existingSourceId: existing.id }),
      });
    }
    this.fresh += fresh.length;
    if (this.refusing()) return;
    // Not refusing now, so not when these items arrived either (a refusal stays one): each has its fingerprint.
    const checked = fresh.filter((entry): entry is { item: ValidSource; fingerprint: Fingerprint } => entry.fingerprint !== null);
    if (checked.length === 0) return;

    // This upload's own earlier rows are compared in memory below (reported by where they are in the upload).
    const ofStored = await findNearDuplicates(
      this.sql,
      checked.map(({ fingerprint }) => fingerprint),
      { excludeIds: this.createdIds },
    );
    const kept = checked.filter(({ item, fingerprint }, index) => {
      const matches: NearDuplicateFinding["matches"] = [...ofStored[index]!, ...this.nearEarlierItems(fingerprint)];
      this.remember(item, fingerprint);
      if (matches.length === 0) return true;
      // The item's own choice, else the choice for all near duplicates; "ask" leaves it open.
      const choice =
        this.options.nearDuplicateChoices[item.where] ?? (this.options.nearDuplicates === "ask" ? null : this.options.nearDuplicates);
      this.nearDuplicates.push({ where: item.where, title: detached(item.source.title), choice, matches });
      return choice !== "skip";
    });
    if (this.asking() || kept.length === 0) return;
    const writing = insertSources(
      this.sql,
      this.userId,
      kept.map(({ item }) => item.source),
      kept.map(({ fingerprint }) => fingerprint),
      this.heldAudits,
    ).then((created) =>
      created.forEach((row, position) => {
        const { item } = kept[position]!;
        this.createdIds.add(row.id);
        this.imported.push({ id: row.id, title: detached(item.source.title), where: item.where });
      }),
    );
    // Handled when it is awaited (the next batch, or finish); until then a failure must not count as unhandled.
    writing.catch(() => {});
    this.writing = writing;
  }

  /** Earlier items of this upload whose text overlaps this fingerprint's by at least the threshold (MinHash bands narrow the comparison). */
  private nearEarlierItems(fingerprint: Fingerprint): NearDuplicateFinding["matches"] {
    const matches: NearDuplicateFinding["matches"] = [];
    const compared = new Set<number>();
    for (const key of fingerprint.bands)
      for (const index of this.earlierByBand.get(key) ?? []) {
        if (compared.has(index)) continue;
        compared.add(index);
        const earlier = this.earlier[index]!;
        const overlap = estimatedOverlap(fingerprint.signature, earlier.signature);
        if (overlap >= nearDuplicateThreshold)
          matches.push({
            id: null,
            where: earlier.where,
            title: earlier.title,
            publisher: earlier.publisher,
            publishedOn: earlier.publishedOn,
            overlap,
          });
      }
    return matches;
  }

  /** Keeps what later items are compared with: the fingerprint and a few fields, not the text. */
  private remember(item: ValidSource, fingerprint: Fingerprint): void {
    const index = this.earlier.length;
    const { title, publisher, publishedOn } = item.source;
    this.earlier.push({
      where: item.where,
      title: detached(title),
      publisher: detached(publisher),
      publishedOn: detached(publishedOn),
      signature: fingerprint.signature,
    });
    for (const key of fingerprint.bands) {
      const list = this.earlierByBand.get(key);
      if (list) list.push(index);
      else this.earlierByBand.set(key, [index]);
    }
  }
}
