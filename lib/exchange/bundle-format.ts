// The corpus bundle file: JSON Lines, a header line, then one record a line
// (docs/decisions/0028). No I/O: records in, text out, and back.
//
// Writing is deterministic: kinds in the order of `bundleKinds` (everything a
// record refers to comes first), records of a kind by id, keys in the order
// of the kind's fields, JSON values with their object keys sorted. So the same
// records always give the same bytes, and only the header's `exportedAt`
// tells two exports of the same corpus apart.
//
// Reading never throws: every line's every problem is reported with its
// 1-based line number.
import { codebookContentSchema } from "../codebook/schemas";
import { indicatorRuleSchema } from "../indicators/rules";
import { earliestDay } from "../calendar";
import { isoDateSchema, largestStoredInteger, nulCharacterProblem } from "../validation";
import { withoutByteOrderMark } from "./format-values";
import { describeValue } from "./row";
import { bundleKey, bundleKindNames, bundleKinds, describeKind, emailLimit, type BundleKind, type FieldRule } from "./bundle-kinds";

export const bundleFormatName = "stancewatch-bundle";
// 2: scenarios carry firstResolvedAt.
export const bundleFormatVersion = 2;
/** The key that says what a line is ("actor", "coding"…): not `kind`, which actors and events have as a field. */
export const recordKey = "record";

export type BundleHeader = {
  format: typeof bundleFormatName;
  formatVersion: number;
  appVersion: string;
  /** How many records of each kind follow. */
  records: Partial<Record<BundleKind, number>>;
  /** When the file was written: the one value that differs between two exports of the same corpus. */
  exportedAt: string;
};

/** One record as it stands in the file: its kind, and its values under their bundle keys. */
export type BundleRecord = { kind: BundleKind; id: string; values: Record<string, unknown> };

export type BundleLineError = { line: number; message: string };

/** A JSON value with every object's keys sorted, so equal values always serialise alike. */
export function canonicalJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalJson);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, canonicalJson((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

function encodeValue(rule: FieldRule, value: unknown, emailOf: (userId: string) => string | undefined): unknown {
  if (value === null || value === undefined) return null;
  switch (rule.type) {
    case "date":
      return (value as Date).toISOString().slice(0, 10);
    case "instant":
      return (value as Date).toISOString();
    case "json":
      return canonicalJson(value);
    case "user":
      return emailOf(value as string) ?? null;
    case "textList":
    case "referenceList":
      return [...(value as string[])];
    default:
      return value;
  }
}

/**
 * A database row as a bundle record: the kind's fields in their order, user ids as e-mail addresses,
 * dates as text. The row must hold every column the kind writes.
 */
export function encodeRecord(
  kind: BundleKind,
  row: Record<string, unknown>,
  emailOf: (userId: string) => string | undefined,
): BundleRecord {
  const values: Record<string, unknown> = {};
  for (const [field, rule] of Object.entries(describeKind(kind).fields)) {
    if (rule.type === "excluded") continue;
    values[bundleKey(field, rule)] = encodeValue(rule, row[field], emailOf);
  }
  return { kind, id: row.id as string, values };
}

/** One record's line, without its line break. */
export function formatRecordLine(record: BundleRecord): string {
  return JSON.stringify({ [recordKey]: record.kind, ...record.values });
}

/** Records in the bundle's order: kinds as `bundleKinds` lists them, then by id. */
export function sortRecords(records: readonly BundleRecord[]): BundleRecord[] {
  const rank = new Map(bundleKindNames.map((kind, index) => [kind, index]));
  return [...records].sort((a, b) => rank.get(a.kind)! - rank.get(b.kind)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The whole file: the header line, then every record a line, "\n" after each. */
export function formatBundle(header: Omit<BundleHeader, "format" | "formatVersion" | "records">, records: readonly BundleRecord[]): string {
  const sorted = sortRecords(records);
  const counts: Partial<Record<BundleKind, number>> = {};
  for (const kind of bundleKindNames) {
    const count = sorted.filter((record) => record.kind === kind).length;
    if (count > 0) counts[kind] = count;
  }
  const fullHeader: BundleHeader = {
    format: bundleFormatName,
    formatVersion: bundleFormatVersion,
    appVersion: header.appVersion,
    records: counts,
    exportedAt: header.exportedAt,
  };
  return [JSON.stringify(fullHeader), ...sorted.map(formatRecordLine)].map((line) => `${line}\n`).join("");
}

// ---------------------------------------------------------------------------
// Reading

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Why a value does not fit its field's rule, or null when it does. */
function checkValue(rule: FieldRule, value: unknown): string | null {
  if (rule.type === "excluded") return null;
  if (value === undefined) return "is missing";
  if (value === null) return "nullable" in rule && rule.nullable ? null : "must not be null";
  switch (rule.type) {
    case "id":
    case "reference":
      return isRecordId(value) ? null : `must be a record id, not ${describeValue(value)}`;
    case "text":
      if (typeof value !== "string") return `must be text, not ${describeValue(value)}`;
      if (value.length > rule.max) return tooLong(rule.max);
      return value.includes("\u0000") ? nulCharacterProblem : null;
    case "user":
      if (typeof value === "string" && value.length > emailLimit) return tooLong(emailLimit);
      return typeof value === "string" && /^[^\s@\u0000]+@[^\s@\u0000]+$/.test(value)
        ? null
        : `must be an e-mail address, not ${describeValue(value)}`;
    case "integer": {
      if (typeof value !== "number" || !Number.isInteger(value)) return `must be a whole number, not ${describeValue(value)}`;
      const min = rule.min ?? -largestStoredInteger;
      const max = rule.max ?? largestStoredInteger;
      return value < min || value > max ? `must be from ${min} to ${max}, not ${value}` : null;
    }
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return `must be a number, not ${describeValue(value)}`;
      return value < rule.min || value > rule.max ? `must be from ${rule.min} to ${rule.max}, not ${value}` : null;
    case "boolean":
      return typeof value === "boolean" ? null : `must be true or false, not ${describeValue(value)}`;
    case "enum":
      return typeof value === "string" && rule.values.includes(value)
        ? null
        : `must be one of ${rule.values.join(", ")}, not ${describeValue(value)}`;
    case "date":
      return typeof value === "string" && isoDateSchema.safeParse(value).success
        ? null
        : `must be a date written YYYY-MM-DD, not ${describeValue(value)}`;
    case "instant":
      // Not before 0001-01-01: the format allows year 0, which PostgreSQL does not have.
      return typeof value === "string" && isoInstant.test(value) && value >= earliestDay && !Number.isNaN(Date.parse(value))
        ? null
        : `must be a UTC time such as 2025-03-01T09:30:00.000Z, not ${describeValue(value)}`;
    case "json":
      return jsonDepthOf(value) > maximumJsonDepth
        ? `nests more than ${maximumJsonDepth} levels deep, which no stored value does`
        : JSON.stringify(value).includes("\\u0000")
          ? nulCharacterProblem
          : null;
    case "textList":
      if (!Array.isArray(value)) return `must be a list, not ${describeValue(value)}`;
      if (!value.every((item) => typeof item === "string" && item.length > 0 && !item.includes("\u0000")))
        return "must be a list of non-empty texts";
      return value.some((item: string) => item.length > rule.max) ? `each ${tooLong(rule.max)}` : null;
    case "referenceList":
      if (!Array.isArray(value)) return `must be a list, not ${describeValue(value)}`;
      return value.every(isRecordId) ? null : "must be a list of record ids";
  }
}

/** PostgreSQL stores no NUL character, and refuses a query that carries one: refused here, by line. */
const isRecordId = (value: unknown): value is string =>
  typeof value === "string" && value.length > 0 && value.length <= 100 && !value.includes("\u0000");
const tooLong = (maximum: number) => `must be at most ${maximum.toLocaleString("en")} characters`;

/**
 * How deep a JSON value may nest (a coding snapshot or an indicator's rule is a few levels): a line of 400 KB can
 * nest 200,000 deep, past what JSON.stringify and PostgreSQL's jsonb can take. Measured without recursion.
 */
const maximumJsonDepth = 32;

function jsonDepthOf(value: unknown): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (current === null || typeof current !== "object") continue;
    deepest = Math.max(deepest, depth);
    if (deepest > maximumJsonDepth) return deepest;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return deepest;
}

/** Rules a kind's values must keep beyond their types: the same the app applies when they are typed in. */
function checkRecord(kind: BundleKind, values: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (kind === "statement") {
    const { quote, startOffset, endOffset } = values as { quote: string; startOffset: number; endOffset: number };
    if (endOffset <= startOffset) problems.push(`endOffset: must be greater than startOffset (${startOffset})`);
    else if (endOffset - startOffset !== quote.length) {
      problems.push(
        `endOffset: must be startOffset + the length of quote (${startOffset + quote.length}); offsets count UTF-16 code units`,
      );
    }
  }
  if (kind === "indicator") {
    const result = indicatorRuleSchema.safeParse(values.rule);
    if (!result.success)
      problems.push(`rule: ${result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`.trim()).join("; ")}`);
  }
  if (kind === "codebookVersion") {
    const result = codebookContentSchema.safeParse(values.content);
    if (!result.success)
      problems.push(`content: ${result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`.trim()).join("; ")}`);
  }
  if (kind === "evidence" && (values.statementId === null) === (values.eventId === null)) {
    problems.push("statementId, eventId: an evidence row is either a statement or an event: give exactly one");
  }
  return problems;
}

function readHeader(text: string): { header: BundleHeader } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: `the first line must be the bundle's header (JSON with "format": "${bundleFormatName}"); it is not JSON` };
  }
  const header = value as Partial<BundleHeader> | null;
  if (header === null || typeof header !== "object" || header.format !== bundleFormatName) {
    return {
      problem: `the first line must be the bundle's header with "format": "${bundleFormatName}"; is this a Stancewatch corpus bundle?`,
    };
  }
  if (typeof header.formatVersion !== "number" || !Number.isInteger(header.formatVersion)) {
    return { problem: "header: formatVersion must be a whole number" };
  }
  if (header.formatVersion > bundleFormatVersion) {
    return {
      problem: `header: the bundle is in format version ${header.formatVersion}, written by Stancewatch ${String(header.appVersion)}; this Stancewatch reads version ${bundleFormatVersion} and earlier: update it first`,
    };
  }
  return { header: header as BundleHeader };
}

export type ParsedBundle = {
  header: BundleHeader | null;
  records: (BundleRecord & { line: number })[];
  errors: BundleLineError[];
  /** Lines with problems whose kind and id could be read: a record referring to one of them is reported too. */
  rejected: { kind: BundleKind; id: string; line: number }[];
};

/**
 * Reads a bundle. Every problem of every line is reported (a line may have several); lines with
 * problems are not among `records`. A bad header stops the reading: nothing after it can be trusted.
 */
export function parseBundle(text: string): ParsedBundle {
  const physical = withoutByteOrderMark(text).split("\n");
  const errors: BundleLineError[] = [];
  const records: (BundleRecord & { line: number })[] = [];
  const rejected: ParsedBundle["rejected"] = [];
  const headerIndex = physical.findIndex((line) => line.trim() !== "");
  if (headerIndex === -1)
    return { header: null, records, rejected, errors: [{ line: 1, message: "the file is empty: a bundle starts with its header line" }] };
  const headerResult = readHeader(physical[headerIndex]!.replace(/\r$/, ""));
  if ("problem" in headerResult)
    return { header: null, records, rejected, errors: [{ line: headerIndex + 1, message: headerResult.problem }] };

  const { header } = headerResult;
  const seenIds = new Map<string, number>();
  physical.forEach((raw, index) => {
    if (index <= headerIndex) return;
    const line = index + 1;
    const content = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (content.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      errors.push({ line, message: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      errors.push({ line, message: `a record must be a JSON object, not ${describeValue(value)}` });
      return;
    }
    const { [recordKey]: kind, ...given } = value as Record<string, unknown>;
    if (typeof kind !== "string" || !(kind in bundleKinds)) {
      errors.push({ line, message: `${recordKey}: must be one of ${bundleKindNames.join(", ")}, not ${describeValue(kind)}` });
      return;
    }
    const descriptor = describeKind(kind as BundleKind);
    const problems: string[] = [];
    const values: Record<string, unknown> = {};
    const known = new Set<string>();
    const missing: string[] = [];
    for (const [field, rule] of Object.entries(descriptor.fields)) {
      if (rule.type === "excluded") continue;
      const key = bundleKey(field, rule);
      known.add(key);
      // A field added after the file's format version is absent, not missing: it stays undefined for the import.
      if (given[key] === undefined && "since" in rule && rule.since !== undefined && header.formatVersion < rule.since) continue;
      if (given[key] === undefined) missing.push(key);
      else {
        const problem = checkValue(rule, given[key]);
        if (problem) problems.push(`${key}: ${problem}`);
      }
      values[key] = given[key];
    }
    // One message for every missing field: a truncated or hand-written line may lack most of them.
    if (missing.length === 1) problems.unshift(`${missing[0]}: is missing`);
    else if (missing.length > 1) problems.unshift(`missing fields ${missing.join(", ")} (every ${descriptor.label} has them)`);
    const unknown = Object.keys(given).filter((key) => !known.has(key));
    if (unknown.length > 0) {
      problems.push(
        `unknown field${unknown.length > 1 ? "s" : ""} ${unknown.map((key) => JSON.stringify(key)).join(", ")} (no ${descriptor.label} has it)`,
      );
    }
    if (problems.length === 0) problems.push(...checkRecord(kind as BundleKind, values));
    const id = typeof values.id === "string" ? values.id : null;
    if (id !== null) {
      const earlier = seenIds.get(`${kind}:${id}`);
      if (earlier !== undefined) problems.push(`id: ${id} is also the id of the ${descriptor.label} on line ${earlier}`);
      else seenIds.set(`${kind}:${id}`, line);
    }
    if (problems.length > 0) {
      for (const message of problems) errors.push({ line, message });
      if (id !== null) rejected.push({ kind: kind as BundleKind, id, line });
    } else records.push({ kind: kind as BundleKind, id: id!, values, line });
  });
  // A download cut short loses the last lines: the header's counts say what should be there. Lines added by
  // hand are fine; lines removed on purpose need the header's "records" corrected (or removed).
  const announced = headerResult.header.records;
  if (announced && typeof announced === "object") {
    const shortfalls = bundleKindNames.flatMap((kind) => {
      const expected = announced[kind];
      if (typeof expected !== "number") return [];
      const found = records.filter((record) => record.kind === kind).length + rejected.filter((entry) => entry.kind === kind).length;
      return found < expected ? [`${expected} ${describeKind(kind).label}(s) but holds ${found}`] : [];
    });
    if (shortfalls.length > 0) {
      errors.unshift({
        line: headerIndex + 1,
        message: `header: the bundle announces ${shortfalls.join(", ")}: the file may have been cut short. Download it again; if lines were removed on purpose, correct "records" in the header or remove it`,
      });
    }
  }
  return { header: headerResult.header, records, errors, rejected };
}
