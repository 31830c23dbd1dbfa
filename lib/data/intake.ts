import "server-only";
import { requirePermission, type ActingUser } from "../auth/permissions";
import { serverEnvironment } from "../config/environment";
import { getDatabase } from "../database/client";
import { DomainError } from "../errors";
import type { IntakeProblem, SourceDraft } from "../intake/drafts";
import { fetchPage, fetchSettingsFrom, FetchRefusedError } from "../intake/fetch-url";
import { extractArticle } from "../intake/html";
import { intakeLimits, type IntakeOptions } from "../intake/schemas";
import { isProblem, megabytes, parseIntakeFile, validateDraft, type IntakeFile, type ValidSource } from "../intake/parse";
import { canonicalLanguageCode } from "../sources/languages";
import { estimatedOverlap, fingerprintOf, nearDuplicateThreshold, type Fingerprint } from "../sources/near-duplicates";
import { findNearDuplicates, insertSources, type NearDuplicate } from "./sources";

export type NearDuplicateFinding = {
  where: string;
  title: string;
  /** Stored sources, or earlier items of the same upload (id null, where set). */
  matches: (Omit<NearDuplicate, "id"> & { id: string | null; where?: string })[];
};

export type IntakeOutcome = {
  imported: { id: string; title: string; where: string }[];
  /** Bad items left out because the user chose to skip them. */
  skipped: IntakeProblem[];
  /** Near duplicates imported (kept) or left out (skipped), as the user chose. */
  nearDuplicates: NearDuplicateFinding[];
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
 * Imports many sources at once from uploaded files and fetched addresses.
 * Every item is parsed and checked first. With any bad item (malformed, a
 * field missing or wrong, a text already stored) nothing is written unless
 * `skipInvalid`. Near duplicates of stored sources or of each other are
 * reported and nothing is written until the user chooses to keep or skip them.
 * Everything that is imported is written in one transaction.
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

  const problems: IntakeProblem[] = [];
  const drafts: SourceDraft[] = [];
  for (const file of files) {
    const parsed = parseIntakeFile(file);
    // A loop, not push(...items): a file of a million tiny lines would overflow the call stack.
    for (const draft of parsed.drafts) drafts.push(draft);
    for (const problem of parsed.problems) problems.push(problem);
  }
  if (options.urls.length > 0) {
    const fetched = await draftsFromAddresses(options.urls);
    drafts.push(...fetched.drafts);
    problems.push(...fetched.problems);
  }
  if (drafts.length > intakeLimits.sources)
    throw new DomainError(422, `The upload holds ${drafts.length} sources; at most ${intakeLimits.sources} can be imported at once.`);

  const valid: ValidSource[] = [];
  const seenHashes = new Map<string, string>();
  for (const draft of drafts) {
    const result = validateDraft(draft, options.defaults);
    if (isProblem(result)) problems.push(result);
    else if (seenHashes.has(result.contentHash))
      problems.push({ where: result.where, message: `the same text as ${seenHashes.get(result.contentHash)}; each text is stored once` });
    else {
      seenHashes.set(result.contentHash, result.where);
      valid.push(result);
    }
  }

  const db = getDatabase();
  const stored = new Map<string, { id: string; title: string; deletedAt: Date | null }>();
  const hashes = [...seenHashes.keys()];
  for (let start = 0; start < hashes.length; start += 5000) {
    const rows = await db.source.findMany({
      where: { contentHash: { in: hashes.slice(start, start + 5000) } },
      select: { id: true, title: true, contentHash: true, deletedAt: true },
    });
    for (const row of rows) stored.set(row.contentHash, row);
  }
  const fresh = valid.filter((item) => {
    const existing = stored.get(item.contentHash);
    if (!existing) return true;
    problems.push({
      where: item.where,
      message: existing.deletedAt
        ? `this text is already stored as “${existing.title}”, which was deleted; restore it from History instead`
        : `this text is already stored as “${existing.title}”`,
      existingSourceId: existing.id,
    });
    return false;
  });
  if (problems.length > 0 && !options.skipInvalid) refuse(problems);
  if (fresh.length === 0) throw new DomainError(422, "No item can be imported: every one has a problem.", { errors: problems });

  const fingerprints = fresh.map((item) => fingerprintOf(item.source.text));
  const nearDuplicates = await nearDuplicatesOf(fresh, fingerprints, await findNearDuplicates(db, fingerprints));
  if (nearDuplicates.size > 0 && options.nearDuplicates === "ask")
    throw new DomainError(
      409,
      `${nearDuplicates.size} item(s) nearly repeat a stored source or another item (at least ${Math.round(nearDuplicateThreshold * 100)} % of their text). Nothing was imported yet: choose to keep or skip them.`,
      { nearDuplicates: [...nearDuplicates.values()], errors: problems },
    );
  const keptIndexes = fresh.map((_, index) => index).filter((index) => options.nearDuplicates !== "skip" || !nearDuplicates.has(index));
  const toImport = keptIndexes.map((index) => fresh[index]!);

  const created = await db.$transaction(
    (tx) =>
      insertSources(
        tx,
        user.id,
        toImport.map((item) => item.source),
        keptIndexes.map((index) => fingerprints[index]!),
      ),
    { timeout: 600_000, maxWait: 30_000 },
  );
  return {
    imported: created.map((row, index) => ({ id: row.id, title: toImport[index]!.source.title, where: toImport[index]!.where })),
    skipped: problems,
    nearDuplicates: [...nearDuplicates.values()],
    nearDuplicatesKept: options.nearDuplicates === "keep",
  };
}

/** Near duplicates by item index: of stored sources (already found) and of earlier items in the same upload. */
async function nearDuplicatesOf(
  items: readonly ValidSource[],
  fingerprints: readonly Fingerprint[],
  ofStored: NearDuplicate[][],
): Promise<Map<number, NearDuplicateFinding>> {
  const findings = new Map<number, NearDuplicateFinding>();
  const earlierByBand = new Map<number, number[]>();
  fingerprints.forEach((fingerprint, index) => {
    const matches: NearDuplicateFinding["matches"] = [...ofStored[index]!];
    const compared = new Set<number>();
    for (const key of fingerprint.bands) {
      for (const earlier of earlierByBand.get(key) ?? []) {
        if (compared.has(earlier)) continue;
        compared.add(earlier);
        const overlap = estimatedOverlap(fingerprint.signature, fingerprints[earlier]!.signature);
        if (overlap >= nearDuplicateThreshold) {
          const source = items[earlier]!.source;
          matches.push({
            id: null,
            where: items[earlier]!.where,
            title: source.title,
            publisher: source.publisher,
            publishedOn: source.publishedOn,
            overlap,
          });
        }
      }
      const list = earlierByBand.get(key);
      if (list) list.push(index);
      else earlierByBand.set(key, [index]);
    }
    if (matches.length > 0) findings.set(index, { where: items[index]!.where, title: items[index]!.source.title, matches });
  });
  return findings;
}
