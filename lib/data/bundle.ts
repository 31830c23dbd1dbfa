import "server-only";
// The corpus bundle: a whole project in one JSON Lines file, exported and
// imported (docs/decisions/0028). The file format and the per-kind field
// rules are in lib/exchange/bundle-*.ts; this is the database side.
import packageJson from "../../package.json";
import { HeldAuditEntries, type AuditedEntity } from "../audit/record-audit";
import { requirePermission, type ActingUser } from "../auth/permissions";
import { getDatabase } from "../database/client";
import { sqlOf } from "../database/direct-sql";
import { DomainError } from "../errors";
import { bundleKey, bundleKindNames, describeKind, type BundleKind, type FieldRule } from "../exchange/bundle-kinds";
import { canonicalJson, encodeRecord, formatBundle, parseBundle, type BundleLineError, type BundleRecord } from "../exchange/bundle-format";
import { describeValue } from "../exchange/row";
import { Prisma } from "../generated/prisma/client";
import { hashSourceText } from "../sources/content-hash";
import { fingerprintOf } from "../sources/near-duplicates";
import { insideCharacterProblem } from "../sources/spans";
import { dateFromIso } from "../validation";
import { statementsSeenWholeWhere, visibleAdjudicationsWhere, visibleCodingsWhere } from "./coding-visibility";
import { liveCodingWhere, liveEvidenceWhere, liveStatementWhere } from "./live-records";
import { insertSourceFingerprints } from "./sources";

type Row = Record<string, unknown> & { id: string };
/** The few operations the bundle needs of any model's delegate. */
type Delegate = {
  findMany(args: object): Promise<Row[]>;
  createMany(args: { data: object[] }): Promise<unknown>;
};
type Client = Prisma.TransactionClient | ReturnType<typeof getDatabase>;

function delegateOf(client: Client, kind: BundleKind): Delegate {
  return (client as unknown as Record<string, Delegate>)[describeKind(kind).delegate]!;
}

const hasDeletedAt = (kind: BundleKind) => "deletedAt" in describeKind(kind).fields;
/** Which stored records of a kind are live: what hangs from a statement goes with its source's deletion too. */
function liveWhere(kind: BundleKind): object {
  if (kind === "statement") return liveStatementWhere;
  if (kind === "coding") return liveCodingWhere;
  if (kind === "evidence") return liveEvidenceWhere;
  return hasDeletedAt(kind) ? { deletedAt: null } : {};
}
const restoreFromHistory = "an administrator can restore it from History";
const referenceFields = (kind: BundleKind) =>
  Object.entries(describeKind(kind).fields).filter(
    (entry): entry is [string, Extract<FieldRule, { type: "reference" | "referenceList" }>] =>
      entry[1].type === "reference" || entry[1].type === "referenceList",
  );

// ---------------------------------------------------------------------------
// Export

/** Which of a kind's live records the acting user may see (blind coding hides other coders' work from analysts). */
function visibleWhere(user: NonNullable<ActingUser>, kind: BundleKind): object {
  const live = hasDeletedAt(kind) ? { deletedAt: null } : {};
  if (kind === "coding") return { AND: [live, visibleCodingsWhere(user)] };
  if (kind === "adjudication") return { AND: [live, visibleAdjudicationsWhere(user)] };
  if (kind === "statementReview") {
    // A "no stance" is a coder's judgement too: shown as codings are.
    const statements = statementsSeenWholeWhere(user);
    return statements ? { AND: [live, { OR: [{ coderId: user.id }, { statement: statements }] }] } : live;
  }
  return live;
}

/**
 * A record as the acting user may see it. Evidence keeps the team's stance toward each target when it was last
 * reviewed (its coding snapshot, means and settled scores over every coding): a blind coder's bundle leaves it
 * out, as the evidence matrix leaves out the scores that moved since.
 */
function visibleValues(user: NonNullable<ActingUser>, kind: BundleKind, row: Row): Row {
  if (kind === "evidence" && statementsSeenWholeWhere(user) && row.codingSnapshot !== null) return { ...row, codingSnapshot: null };
  return row;
}

/**
 * Leaves out what refers to a record that is not in the bundle (deleted, or hidden from the user), so
 * that every bundle imports on its own: a record whose required reference is missing goes, a missing
 * optional reference becomes null, and lists keep only what is there. Repeats until nothing changes.
 */
function closeOverReferences(records: BundleRecord[]): BundleRecord[] {
  let current = records;
  for (;;) {
    const present = new Set(current.map((record) => `${record.kind}:${record.id}`));
    let changed = false;
    const next: BundleRecord[] = [];
    for (const record of current) {
      let keep = true;
      const values = { ...record.values };
      for (const [field, rule] of referenceFields(record.kind)) {
        const value = values[field];
        if (rule.type === "referenceList") {
          const kept = (value as string[]).filter((id) => present.has(`${rule.kind}:${id}`));
          if (kept.length !== (value as string[]).length) {
            values[field] = kept;
            changed = true;
          }
        } else if (value !== null && !present.has(`${rule.kind}:${String(value)}`)) {
          changed = true;
          if (rule.nullable) values[field] = null;
          else keep = false;
        }
      }
      if (record.kind === "evidence" && values.statementId === null && values.eventId === null) keep = false;
      if (keep) next.push({ ...record, values });
      else changed = true;
    }
    current = next;
    if (!changed) return current;
  }
}

/** The whole corpus the acting user may read, as one bundle file. */
export async function exportBundle(user: ActingUser): Promise<string> {
  requirePermission(user, "read");
  const db = getDatabase();
  // One snapshot: records written while the export runs cannot leave a reference dangling.
  const records = await db.$transaction(
    async (tx) => {
      const users = await tx.user.findMany({ select: { id: true, email: true } });
      const emails = new Map(users.map((account) => [account.id, account.email]));
      const all: BundleRecord[] = [];
      for (const kind of bundleKindNames) {
        const rows = await delegateOf(tx, kind).findMany({ where: visibleWhere(user!, kind), orderBy: { id: "asc" } });
        for (const row of rows) all.push(encodeRecord(kind, visibleValues(user!, kind, row), (id) => emails.get(id)));
      }
      return all;
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 300_000, maxWait: 30_000 },
  );
  return formatBundle({ appVersion: packageJson.version, exportedAt: new Date().toISOString() }, closeOverReferences(records));
}

// ---------------------------------------------------------------------------
// Import

export type BundleImportOutcome = {
  /** Records added, by kind. */
  created: Partial<Record<BundleKind, number>>;
  /** Records already stored with the same content. */
  unchanged: number;
  /** Conflicting lines left out (the stored record kept), when skipping was asked for. */
  skipped: BundleLineError[];
};

type Pending = { kind: BundleKind; line: number; id: string; data: Record<string, unknown> };

/** A comparable text of a natural key's values, or null when one of them is null (no key then). */
function naturalKeyOf(row: Record<string, unknown>, fields: readonly string[]): string | null {
  const parts: string[] = [];
  for (const field of fields) {
    const value = row[field];
    if (value === null || value === undefined) return null;
    parts.push(value instanceof Date ? value.toISOString() : String(value));
  }
  return `${fields.join(",")}=${parts.join("\u0000")}`;
}

/** Actors before the actors who speak for them, so a file may list them in any order; a cycle is reported. */
function speakersForFirst(records: (BundleRecord & { line: number })[]): {
  ordered: (BundleRecord & { line: number })[];
  cyclic: (BundleRecord & { line: number })[];
} {
  const byId = new Map(records.map((record) => [record.id, record]));
  const ordered: (BundleRecord & { line: number })[] = [];
  const state = new Map<string, "visiting" | "done">();
  const cyclic: (BundleRecord & { line: number })[] = [];
  const visit = (record: BundleRecord & { line: number }): boolean => {
    const seen = state.get(record.id);
    if (seen === "done") return true;
    if (seen === "visiting") return false;
    state.set(record.id, "visiting");
    const parent = byId.get(String(record.values.speaksForId));
    const fine = parent === undefined || visit(parent);
    state.set(record.id, "done");
    if (fine) ordered.push(record);
    else cyclic.push(record);
    return fine;
  };
  for (const record of records) visit(record);
  return { ordered, cyclic };
}

/**
 * Imports a bundle, all or nothing, in one transaction. Every line is checked first (its format, and
 * that what it refers to is in the file or the database), and every problem is reported with its line.
 * A record whose id or natural key is already stored with other content is a conflict: with any,
 * nothing is imported unless `skipConflicts`, when the stored record is kept and whatever refers to it
 * follows it. A record stored with the same content is left as it is, so importing twice changes nothing.
 */
export async function importBundle(user: ActingUser, text: string, options: { skipConflicts: boolean }): Promise<BundleImportOutcome> {
  requirePermission(user, "administer");
  const parsed = parseBundle(text);
  if (parsed.header === null) {
    throw new DomainError(422, `Nothing was imported: ${parsed.errors[0]!.message}.`, { errors: parsed.errors, conflicts: [] });
  }
  const db = getDatabase();
  const errors: BundleLineError[] = [...parsed.errors];
  const conflicts: BundleLineError[] = [];
  let unchanged = 0;

  const accounts = await db.user.findMany({ select: { id: true, email: true } });
  const userIdOf = new Map(accounts.map((account) => [account.email.toLowerCase(), account.id]));
  const emailOf = new Map(accounts.map((account) => [account.id, account.email]));

  const rejectedLine = new Map(parsed.rejected.map((entry) => [`${entry.kind}:${entry.id}`, entry.line]));
  const inFile = new Map(parsed.records.map((record) => [`${record.kind}:${record.id}`, record]));
  // What records the file refers to that it does not hold itself: they must be live in the database.
  const wanted = new Map<BundleKind, Set<string>>();
  for (const record of parsed.records)
    for (const [field, rule] of referenceFields(record.kind)) {
      const ids = rule.type === "referenceList" ? (record.values[field] as string[]) : [record.values[field]];
      for (const id of ids) {
        if (typeof id !== "string" || inFile.has(`${rule.kind}:${id}`) || rejectedLine.has(`${rule.kind}:${id}`)) continue;
        if (!wanted.has(rule.kind)) wanted.set(rule.kind, new Set());
        wanted.get(rule.kind)!.add(id);
      }
    }
  const liveInDatabase = new Set<string>();
  for (const [kind, ids] of wanted) {
    const rows = await delegateOf(db, kind).findMany({ where: { id: { in: [...ids] }, ...liveWhere(kind) }, select: { id: true } });
    for (const row of rows) liveInDatabase.add(`${kind}:${row.id}`);
  }
  // Deleted sources, and statements in one, that the file refers to (and below, the file's records that match deleted
  // stored ones, of any kind): what the file hangs from them would be out of reach, so a line that refers to one is
  // refused, with the reason kept here.
  const deletedReference = new Map<string, string>();
  for (const source of await db.source.findMany({
    where: { id: { in: [...(wanted.get("source") ?? [])] }, deletedAt: { not: null } },
    select: { id: true, title: true },
  }))
    deletedReference.set(`source:${source.id}`, `the source “${source.title}” was deleted; ${restoreFromHistory}`);
  for (const statement of await db.statement.findMany({
    where: { id: { in: [...(wanted.get("statement") ?? [])] }, deletedAt: null, source: { deletedAt: { not: null } } },
    select: { id: true, source: { select: { title: true } } },
  }))
    deletedReference.set(
      `statement:${statement.id}`,
      `the statement's source “${statement.source.title}” was deleted; ${restoreFromHistory}`,
    );
  // Any other record named by id that is stored but out of reach: deleted, or hanging from a deleted record.
  for (const [kind, ids] of wanted) {
    const unreached = [...ids].filter((id) => !liveInDatabase.has(`${kind}:${id}`) && !deletedReference.has(`${kind}:${id}`));
    if (unreached.length === 0) continue;
    const { label } = describeKind(kind);
    const hangs =
      kind === "statement" ? " (or its source)" : kind === "coding" || kind === "evidence" ? " (or its statement or source)" : "";
    for (const row of await delegateOf(db, kind).findMany({ where: { id: { in: unreached } }, select: { id: true } }))
      deletedReference.set(
        `${kind}:${row.id}`,
        `the ${label} with the id ${describeValue(row.id)}${hangs} was deleted; ${restoreFromHistory}`,
      );
  }

  /** File id → the id the record has (or will have) in the database. */
  const idMap = new Map<string, string>();
  const failed = new Map<string, number>(rejectedLine);
  const pending: Pending[] = [];
  // What later kinds need to know of records, whether new or already stored.
  const sourceText = new Map<string, string>();
  const sourceTranslation = new Map<string, string | null>();
  const statementInfo = new Map<string, { speakerId: string; saidOn: Date; sourceId: string }>();

  /** The records this import adds (not matched to stored ones), by kind and id. */
  const added = new Set<string>();
  for (const kind of bundleKindNames) {
    const descriptor = describeKind(kind);
    let records = parsed.records.filter((record) => record.kind === kind);
    if (kind === "actor") {
      const { ordered, cyclic } = speakersForFirst(records);
      for (const record of cyclic) {
        errors.push({ line: record.line, message: "speaksForId: the actors speak for one another in a circle" });
        failed.set(`actor:${record.id}`, record.line);
      }
      records = ordered;
    }
    const fields = Object.entries(descriptor.fields);

    // The stored records each line may match: by id, and by each natural key (looked up by its first column).
    const byId = new Map(
      (await delegateOf(db, kind).findMany({ where: { id: { in: records.map((record) => record.id) } } })).map((row) => [row.id, row]),
    );
    const byNaturalKey = new Map<string, Row>();
    for (const keyFields of descriptor.naturalKeys) {
      const first = keyFields[0]!;
      const rule = descriptor.fields[first]!;
      const firstValues = new Set<string>();
      for (const record of records) {
        const raw = record.values[bundleKey(first, rule)];
        if (typeof raw !== "string") continue;
        firstValues.add(
          rule.type === "reference"
            ? (idMap.get(`${rule.kind}:${raw}`) ?? raw)
            : rule.type === "user"
              ? (userIdOf.get(raw.toLowerCase()) ?? "")
              : raw,
        );
      }
      if (firstValues.size === 0) continue;
      const where: Record<string, unknown> = { [first]: { in: [...firstValues] } };
      if (descriptor.naturalKeysLiveOnly) where.deletedAt = null;
      for (const row of await delegateOf(db, kind).findMany({ where })) {
        const key = naturalKeyOf(row, keyFields);
        if (key !== null) byNaturalKey.set(key, row);
      }
    }

    // Texts of stored sources and facts of stored statements that this kind's new records need.
    if (kind === "statement" || kind === "coding") {
      const wantedIds = new Set<string>();
      for (const record of records) {
        const raw = String(record.values[kind === "statement" ? "sourceId" : "statementId"]);
        const target = idMap.get(`${kind === "statement" ? "source" : "statement"}:${raw}`) ?? raw;
        if (!(kind === "statement" ? sourceText : statementInfo).has(target)) wantedIds.add(target);
      }
      if (kind === "statement") {
        for (const row of await db.source.findMany({
          where: { id: { in: [...wantedIds] } },
          select: { id: true, text: true, translation: true },
        })) {
          sourceText.set(row.id, row.text);
          sourceTranslation.set(row.id, row.translation);
        }
      } else {
        for (const row of await db.statement.findMany({
          where: { id: { in: [...wantedIds] } },
          select: { id: true, speakerId: true, saidOn: true, sourceId: true },
        }))
          statementInfo.set(row.id, row);
      }
    }

    // The export leaves out of a stored record's lists what is not in the bundle (a deleted statement, or one in a
    // deleted source, say): so are they left out here, before the record is compared with its line, or a database's
    // own bundle would not import back into it unchanged.
    const storedListIds = new Map<BundleKind, Set<string>>();
    for (const row of [...byId.values(), ...byNaturalKey.values()])
      for (const [field, rule] of referenceFields(kind))
        if (rule.type === "referenceList") {
          if (!storedListIds.has(rule.kind)) storedListIds.set(rule.kind, new Set());
          for (const id of (row[field] as string[] | null) ?? []) storedListIds.get(rule.kind)!.add(id);
        }
    const liveListed = new Set<string>();
    for (const [listedKind, ids] of storedListIds)
      for (const row of await delegateOf(db, listedKind).findMany({
        where: { id: { in: [...ids] }, ...liveWhere(listedKind) },
        select: { id: true },
      }))
        liveListed.add(`${listedKind}:${row.id}`);

    // A stored statement in a deleted source is out of reach as a deleted one is, so a line matching it is too.
    const deletedSourceTitle = new Map<string, string>();
    if (kind === "statement") {
      const sourceIds = [...byId.values(), ...byNaturalKey.values()].map((row) => row.sourceId as string);
      for (const source of await db.source.findMany({
        where: { id: { in: sourceIds }, deletedAt: { not: null } },
        select: { id: true, title: true },
      }))
        deletedSourceTitle.set(source.id, source.title);
    }

    const newKeys = new Map<string, number>();
    for (const record of records) {
      const problems: string[] = [];
      const data: Record<string, unknown> = {};
      const mapped: Record<string, unknown> = {};
      const resolve = (targetKind: BundleKind, id: string, key: string): string | null => {
        const mappedId = idMap.get(`${targetKind}:${id}`);
        if (mappedId !== undefined) return mappedId;
        const badLine = failed.get(`${targetKind}:${id}`);
        if (badLine !== undefined) {
          problems.push(`${key}: refers to the ${describeKind(targetKind).label} on line ${badLine}, which cannot be imported`);
          return null;
        }
        const deleted = deletedReference.get(`${targetKind}:${id}`);
        if (deleted !== undefined) {
          problems.push(`${key}: ${deleted}`);
          return null;
        }
        if (liveInDatabase.has(`${targetKind}:${id}`)) return id;
        problems.push(`${key}: no ${describeKind(targetKind).label} with the id ${describeValue(id)} in the file or in the database`);
        return null;
      };
      for (const [field, rule] of fields) {
        if (rule.type === "excluded") continue;
        const key = bundleKey(field, rule);
        const value = record.values[key];
        // A field the file's format version did not have yet: worked out below, and not compared with what is stored.
        if (value === undefined) continue;
        mapped[key] = value;
        if (value === null) {
          data[field] = rule.type === "json" ? Prisma.DbNull : null;
          continue;
        }
        switch (rule.type) {
          case "reference":
            mapped[key] = data[field] = resolve(rule.kind, value as string, key);
            break;
          case "referenceList":
            mapped[key] = data[field] = (value as string[]).map((id) => resolve(rule.kind, id, key));
            break;
          case "user": {
            const userId = userIdOf.get((value as string).toLowerCase());
            if (userId === undefined) {
              problems.push(
                `${key}: no account with the e-mail ${value as string}; accounts do not travel in a bundle: create it (Users) and import again`,
              );
            }
            data[field] = userId;
            mapped[key] = userId === undefined ? value : emailOf.get(userId);
            break;
          }
          case "date":
            data[field] = dateFromIso(value as string);
            break;
          case "instant":
            data[field] = new Date(value as string);
            mapped[key] = (data[field] as Date).toISOString();
            break;
          case "json":
            data[field] = value;
            mapped[key] = canonicalJson(value);
            break;
          default:
            data[field] = value;
        }
      }

      // The hash is what duplicate texts are found by: one the file merely states could hide a duplicate, or hold
      // the place of a text not stored yet so that importing it later is refused as already stored.
      if (problems.length === 0 && kind === "source" && data.contentHash !== hashSourceText(data.text as string))
        problems.push("contentHash: is not the hash of this source's text (is the text edited by hand?)");
      if (problems.length === 0 && kind === "statement") {
        const text = sourceText.get(data.sourceId as string);
        const { quote, startOffset, endOffset } = data as { quote: string; startOffset: number; endOffset: number };
        const split =
          text === undefined ? null : insideCharacterProblem(text, { startOffset, endOffset }, { start: "startOffset", end: "endOffset" });
        if (split) problems.push(`${split.field}: ${split.message}`);
        else if (text !== undefined && text.slice(startOffset, endOffset) !== quote) {
          const at = text.indexOf(quote);
          problems.push(
            `quote: does not match the source's text between ${startOffset} and ${endOffset}` +
              (at === -1 ? "; it does not appear verbatim in the source" : `; it appears at ${at}–${at + quote.length}`),
          );
        }
        const problem = translationPassageProblem(
          data as { translationQuote: string | null; translationStart: number | null; translationEnd: number | null },
          sourceTranslation.get(data.sourceId as string),
        );
        if (problem) problems.push(problem);
      }
      if (kind === "scenario") {
        const resolved = data.status === "RESOLVED_YES" || data.status === "RESOLVED_NO";
        // A file of format version 1 does not say when a scenario was first resolved. A resolved one took no
        // estimate after its last change, so that is the latest its answer was known from (the migration that
        // added firstResolvedAt reads the same); a reopened one's first resolution is lost with that format.
        if (data.firstResolvedAt === undefined) data.firstResolvedAt = resolved ? data.updatedAt : null;
        else if (resolved && data.firstResolvedAt === null)
          problems.push(
            "firstResolvedAt: a resolved scenario was first resolved at some time: give it (from then on no estimate is scored)",
          );
      }
      if (problems.length === 0 && kind === "coding") {
        const statement = statementInfo.get(data.statementId as string);
        if (statement) {
          data.speakerId = statement.speakerId;
          data.saidOn = statement.saidOn;
        }
      }
      if (problems.length > 0) {
        for (const message of problems) errors.push({ line: record.line, message });
        failed.set(`${kind}:${record.id}`, record.line);
        continue;
      }

      const existing =
        byId.get(record.id) ??
        descriptor.naturalKeys
          .map((keyFields) => naturalKeyOf(data, keyFields))
          .flatMap((key) => (key ? [byNaturalKey.get(key)] : []))
          .find((row) => row !== undefined);
      const remember = (id: string) => {
        idMap.set(`${kind}:${record.id}`, id);
        if (kind === "source") {
          sourceText.set(id, existing ? (existing.text as string) : (data.text as string));
          sourceTranslation.set(id, ((existing ?? data).translation as string | null | undefined) ?? null);
        }
        if (kind === "statement") {
          const facts = existing ?? data;
          statementInfo.set(id, { speakerId: facts.speakerId as string, saidOn: facts.saidOn as Date, sourceId: facts.sourceId as string });
        }
      };
      if (existing) {
        const stored = encodeRecord(kind, existing, (id) => emailOf.get(id)).values;
        for (const [field, rule] of referenceFields(kind)) {
          const key = bundleKey(field, rule);
          if (rule.type === "referenceList" && Array.isArray(stored[key]))
            stored[key] = (stored[key] as string[]).filter((id) => liveListed.has(`${rule.kind}:${id}`));
        }
        const differing = Object.keys(mapped).filter((key) => key !== "id" && JSON.stringify(stored[key]) !== JSON.stringify(mapped[key]));
        const inDeletedSource = kind === "statement" ? deletedSourceTitle.get(existing.sourceId as string) : undefined;
        const deleted = (hasDeletedAt(kind) && existing.deletedAt !== null) || inDeletedSource !== undefined;
        if (!deleted && differing.length === 0) unchanged += 1;
        else {
          const how = existing.id === record.id ? `the id ${existing.id}` : `the same ${describeNaturalKey(kind, existing, data)}`;
          conflicts.push({
            line: record.line,
            message:
              inDeletedSource !== undefined
                ? `a statement with ${how} is stored in the source “${inDeletedSource}”, which was deleted; ${restoreFromHistory}, or skip this line`
                : deleted
                  ? `a deleted ${descriptor.label} with ${how} is stored: restore it from its history first, or skip this line`
                  : `${withArticle(descriptor.label)} with ${how} is stored with other values (${differing.join(", ")})`,
          });
        }
        // Skipped or identical, the stored record stands for this line: what refers to it follows it. A deleted
        // record of any kind cannot: what the file hangs from it would be out of reach, so it is refused.
        if (deleted)
          deletedReference.set(
            `${kind}:${record.id}`,
            inDeletedSource !== undefined
              ? `the statement on line ${record.line} is in the source “${inDeletedSource}”, which was deleted; ${restoreFromHistory}`
              : kind === "source"
                ? `the source on line ${record.line}, “${String(existing.title)}”, was deleted; ${restoreFromHistory}`
                : `the ${descriptor.label} on line ${record.line} was deleted; ${restoreFromHistory}`,
          );
        else remember(existing.id);
        continue;
      }
      // An estimate keeps the day it was recorded on, which is what scoring reads: a bundle adds one only with
      // its scenario, never to a scenario this database already holds, or an import could backdate a forecast
      // there (docs/decisions/0012).
      if (kind === "estimate" && !added.has(`scenario:${String(data.scenarioId)}`)) {
        errors.push({
          line: record.line,
          message:
            "scenarioId: that scenario is already stored here, and a bundle adds estimates only with a scenario it adds (each is dated by the server that recorded it); record it on the scenario's page instead",
        });
        failed.set(`${kind}:${record.id}`, record.line);
        continue;
      }
      const duplicate = descriptor.naturalKeys
        .map((keyFields) => naturalKeyOf(data, keyFields))
        .map((key) => (key === null ? undefined : newKeys.get(key)))
        .find((line) => line !== undefined);
      if (duplicate !== undefined) {
        errors.push({ line: record.line, message: `is the same ${descriptor.label} as line ${duplicate} under another id` });
        failed.set(`${kind}:${record.id}`, record.line);
        continue;
      }
      for (const keyFields of descriptor.naturalKeys) {
        const key = naturalKeyOf(data, keyFields);
        if (key !== null) newKeys.set(key, record.line);
      }
      remember(record.id);
      added.add(`${kind}:${record.id}`);
      pending.push({ kind, line: record.line, id: record.id, data });
    }
  }

  const byLine = (a: BundleLineError, b: BundleLineError) => a.line - b.line;
  if (errors.length > 0) {
    throw new DomainError(
      422,
      `${new Set(errors.map((error) => error.line)).size} line(s) cannot be imported, so nothing was imported. Correct them and import again.`,
      { errors: errors.sort(byLine), conflicts: conflicts.sort(byLine) },
    );
  }
  if (conflicts.length > 0 && !options.skipConflicts) {
    throw new DomainError(
      409,
      `${conflicts.length} line(s) conflict with what is stored, so nothing was imported. Choose to skip them (keeping what is stored) or correct the file.`,
      { errors: [], conflicts: conflicts.sort(byLine) },
    );
  }

  const created: Partial<Record<BundleKind, number>> = {};
  await db.$transaction(
    async (tx) => {
      // Written last, so that the audit chain's lock is not held through the import (HeldAuditEntries).
      const heldAudits = new HeldAuditEntries();
      for (const kind of bundleKindNames) {
        const rows = pending.filter((entry) => entry.kind === kind);
        if (rows.length === 0) continue;
        for (let start = 0; start < rows.length; start += 500) {
          const batch = rows.slice(start, start + 500);
          await delegateOf(tx, kind).createMany({ data: batch.map((entry) => entry.data) });
          if (kind === "source") {
            await insertSourceFingerprints(
              sqlOf(tx),
              batch.map((entry) => entry.id),
              batch.map((entry) => fingerprintOf(entry.data.text as string)),
            );
          }
          heldAudits.add(
            batch.map((entry) => ({
              userId: user!.id,
              action: "CREATE" as const,
              entity: describeKind(kind).model as AuditedEntity,
              entityId: entry.id,
              after:
                kind === "source"
                  ? { ...entry.data, text: `${(entry.data.text as string).length} characters`, importedFromBundle: true }
                  : { ...entry.data, importedFromBundle: true },
            })),
          );
        }
        created[kind] = rows.length;
      }
      await heldAudits.write(sqlOf(tx));
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
  return { created, unchanged, skipped: conflicts.sort(byLine) };
}

/** "an actor", "a source". */
function withArticle(label: string): string {
  return `${/^[aeiou]/i.test(label) ? "an" : "a"} ${label}`;
}

function describeNaturalKey(kind: BundleKind, existing: Row, data: Record<string, unknown>): string {
  for (const keyFields of describeKind(kind).naturalKeys) {
    const key = naturalKeyOf(data, keyFields);
    if (key !== null && key === naturalKeyOf(existing, keyFields)) {
      return keyFields.length === 1 ? `${keyFields[0]} ${describeValue(existing[keyFields[0]!])}` : keyFields.join(", ");
    }
  }
  return "key";
}

/** Why a statement's translation passage cannot be stored (all three fields or none, cut exactly from the source's translation), or null. */
function translationPassageProblem(
  statement: { translationQuote: string | null; translationStart: number | null; translationEnd: number | null },
  translation: string | null | undefined,
): string | null {
  const { translationQuote, translationStart, translationEnd } = statement;
  const given = [translationQuote, translationStart, translationEnd].filter((value) => value !== null && value !== undefined).length;
  if (given === 0) return null;
  if (given !== 3)
    return "translationQuote: give the passage with both its offsets (translationStart, translationEnd), or none of the three";
  // undefined: the source is neither in the bundle nor stored, which the reference check reports.
  if (translation === undefined) return null;
  if (translation === null) return "translationQuote: the statement's source has no translation to cut the passage from";
  const split = insideCharacterProblem(
    translation,
    { startOffset: translationStart!, endOffset: translationEnd! },
    { start: "translationStart", end: "translationEnd" },
  );
  if (split) return `${split.field}: ${split.message}`;
  if (translation.slice(translationStart!, translationEnd!) !== translationQuote)
    return `translationQuote: does not match the source's translation between ${translationStart} and ${translationEnd}`;
  return null;
}
