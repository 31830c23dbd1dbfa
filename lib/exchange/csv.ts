// CSV (RFC 4180) writer and reader for exchange rows. No I/O: text in, text out.
//
// Writing: a header row with the exchange field names, then one record per
// row, fields in the fixed order of `exchangeFields`, "\n" after every record
// (the file ends with one). A field is enclosed in double quotes only when it
// contains a comma, a double quote, a carriage return or a line feed; quotes
// inside are doubled. Booleans are true/false, null is an empty field, numbers
// are plain digits. The same rows always give the same bytes.
//
// Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that
// begins with =, +, -, @, a tab or a carriage return as a formula. Every cell
// that holds text (all but the numeric `text_start`, `text_end` and `score`
// and the boolean `conditional`) is written with a single quote in front when
// it begins with one of those, after any run of single quotes already there;
// the reader takes exactly one such quote off again, so export, import and
// export give the same bytes. Numeric cells are never prefixed: `-2` stays a
// number a spreadsheet can sum, and the writer only ever puts digits there.
//
// Reading: CRLF, LF or a lone CR end a record; line breaks inside quoted
// fields are kept as they are. A leading UTF-8 byte order mark is skipped,
// blank lines are ignored, and columns may come in any order but must be
// exactly the exchange fields (those added later, `optionalExchangeFields`, may
// be missing, so older files still import). Cells are converted before validation: numbers
// from digits (a leading "+" or a true minus sign "−" is accepted), booleans
// from true/false in any case, an empty source_url to null. Free-text cells
// are taken as they are; the other cells are trimmed.
import { formatInteger, withoutByteOrderMark } from "./format-values";
import {
  exchangeFields,
  optionalExchangeFields,
  validateExchangeRecord,
  type ExchangeError,
  type ExchangeField,
  type ExchangeParseResult,
  type ExchangeRow,
} from "./row";

type CellKind = "text" | "code" | "integer" | "nullableInteger" | "boolean" | "nullable";

const cellKinds: Record<ExchangeField, CellKind> = {
  actor: "text",
  actor_slug: "code",
  recipient: "text",
  recipient_slug: "code",
  date: "code",
  date_precision: "code",
  text: "text",
  text_start: "integer",
  text_end: "integer",
  coder: "code",
  coded_date: "code",
  comment: "text",
  score: "integer",
  conditional: "boolean",
  confidence: "code",
  form: "code",
  channel: "code",
  source_title: "text",
  source_publisher: "text",
  source_url: "nullable",
  source_published: "code",
  source_language: "code",
  source_hash: "code",
  codebook_version: "nullableInteger",
  statement_id: "code",
  adjudicated_score: "nullableInteger",
  translation: "nullable",
  translation_start: "nullableInteger",
  translation_end: "nullableInteger",
};

/** One RFC 4180 field: quoted only when it holds a comma, a double quote or a line break; inner quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

// A value a spreadsheet would run as a formula, possibly behind single quotes
// that are part of the value (so that the quote added in front stays reversible).
const formulaStart = /^'*[=+\-@\t\r]/;
// What the writer makes of such a value: one more single quote in front.
const neutralisedFormulaStart = /^'+[=+\-@\t\r]/;

/** A text value a spreadsheet will show as text, never run: a single quote in front of what would start a formula. */
export function neutraliseFormula(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

/** Undoes `neutraliseFormula` exactly: `restoreFormula(neutraliseFormula(value)) === value` for every string. */
export function restoreFormula(cell: string): string {
  return neutralisedFormulaStart.test(cell) ? cell.slice(1) : cell;
}

/** A text cell: neutralised against formula injection, then quoted as RFC 4180 requires. */
export function csvTextField(value: string): string {
  return csvField(neutraliseFormula(value));
}

function cellFromValue(value: ExchangeRow[ExchangeField], field: ExchangeField): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return formatInteger(value, field);
  return neutraliseFormula(value);
}

/** The rows as CSV: a header, then one record per row; "\n" line endings and a trailing newline. */
export function formatCsv(rows: readonly ExchangeRow[]): string {
  const lines = [exchangeFields.map(csvField).join(",")];
  for (const row of rows) lines.push(exchangeFields.map((field) => csvField(cellFromValue(row[field], field))).join(","));
  return `${lines.join("\n")}\n`;
}

type CsvRecord = {
  /** 1-based physical line on which the record starts. */
  line: number;
  fields: string[];
  /** Why the record is not well-formed CSV, if it is not. */
  problem: string | null;
  /** A line with nothing on it but spaces. */
  blank: boolean;
};

/** Splits CSV text into records, never throwing: malformed records are returned with a problem. */
function readCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const length = text.length;
  let position = 0;
  let line = 1;

  const isRecordEnd = (index: number) => index >= length || text[index] === "\n" || text[index] === "\r";

  while (position < length) {
    const startLine = line;
    const fields: string[] = [];
    let problem: string | null = null;
    let quoted = false;

    for (;;) {
      let value = "";
      if (text[position] === '"') {
        quoted = true;
        const openLine = line;
        position += 1;
        let closed = false;
        while (position < length) {
          const quote = text.indexOf('"', position);
          const chunk = text.slice(position, quote === -1 ? length : quote);
          value += chunk;
          line += chunk.match(/\r\n|\r|\n/g)?.length ?? 0;
          if (quote === -1) {
            position = length;
            break;
          }
          if (text[quote + 1] === '"') {
            value += '"';
            position = quote + 2;
            continue;
          }
          position = quote + 1;
          closed = true;
          break;
        }
        if (!closed) problem ??= `a quoted field opened on line ${openLine} is never closed`;
        // Only a comma or the end of the record may follow a closing quote; keep any stray text.
        const rest = position;
        while (!isRecordEnd(position) && text[position] !== ",") position += 1;
        if (position > rest) {
          problem ??= `text after the closing quote of field ${fields.length + 1}: ${JSON.stringify(text.slice(rest, position))}`;
          value += text.slice(rest, position);
        }
      } else {
        const start = position;
        while (!isRecordEnd(position) && text[position] !== ",") position += 1;
        value = text.slice(start, position);
        if (value.includes('"')) {
          problem ??= `a double quote inside unquoted field ${fields.length + 1}: enclose the field in double quotes and double the quotes inside it`;
        }
      }
      fields.push(value);
      if (text[position] === ",") {
        position += 1;
        continue;
      }
      break;
    }

    if (text[position] === "\r" || text[position] === "\n") {
      position += text.startsWith("\r\n", position) ? 2 : 1;
      line += 1;
    }

    const blank = !quoted && fields.length === 1 && (fields[0] ?? "").trim() === "";
    records.push({ line: startLine, fields, problem, blank });
  }
  return records;
}

function valueFromCell(cell: string, kind: CellKind): unknown {
  if (kind === "text") return restoreFormula(cell);
  const trimmed = cell.trim();
  if (kind === "nullable") return trimmed === "" ? null : restoreFormula(trimmed);
  // An empty nullable number (codebook_version, adjudicated_score, translation offsets) is null; a file without the column leaves it out altogether.
  if (kind === "nullableInteger" && trimmed === "") return null;
  if (trimmed === "") return undefined;
  if (kind === "integer" || kind === "nullableInteger") {
    const normalised = trimmed.replace(/^\u2212/, "-");
    return /^[+-]?\d+(?:\.\d+)?$/.test(normalised) ? Number(normalised) : trimmed;
  }
  if (kind === "boolean") {
    const lower = trimmed.toLowerCase();
    return lower === "true" ? true : lower === "false" ? false : trimmed;
  }
  return restoreFormula(trimmed);
}

function describeColumn(name: string, index: number): string {
  return name === "" ? `an unnamed column (column ${index + 1})` : JSON.stringify(name);
}

/** Checks the header; returns the field of each column, or the problems with it. */
function readHeader(names: string[]): { columns: ExchangeField[] } | { problems: string[] } {
  const known = new Set<string>(exchangeFields);
  const seen = new Set<string>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  names.forEach((name, index) => {
    if (!known.has(name)) unknown.push(describeColumn(name, index));
    else if (seen.has(name)) repeated.push(JSON.stringify(name));
    seen.add(name);
  });
  const missing = exchangeFields
    .filter((field) => !seen.has(field) && !optionalExchangeFields.has(field))
    .map((field) => JSON.stringify(field));
  const problems: string[] = [];
  if (unknown.length) problems.push(`header: unknown column${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}`);
  if (missing.length) problems.push(`header: missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
  if (repeated.length) problems.push(`header: column${repeated.length > 1 ? "s" : ""} ${repeated.join(", ")} given more than once`);
  return problems.length ? { problems } : { columns: names as ExchangeField[] };
}

/**
 * Reads exchange rows from CSV text. Never throws: every problem is reported with the line on which its
 * record starts (the header is line 1). A bad header is reported once and no rows are read.
 */
export function parseCsv(text: string): ExchangeParseResult {
  const lines: number[] = [];
  const rows: ExchangeRow[] = [];
  const errors: ExchangeError[] = [];
  const records = readCsvRecords(withoutByteOrderMark(text)).filter((record) => !record.blank);

  const [header, ...data] = records;
  if (header === undefined) {
    errors.push({ line: 1, message: `the file is empty: expected a header row with the columns ${exchangeFields.join(",")}` });
    return { rows, lines, errors };
  }
  if (header.problem !== null) {
    errors.push({ line: header.line, message: `header: malformed CSV: ${header.problem}` });
    return { rows, lines, errors };
  }
  const headerResult = readHeader(header.fields.map((name) => name.trim()));
  if ("problems" in headerResult) {
    for (const message of headerResult.problems) errors.push({ line: header.line, message });
    return { rows, lines, errors };
  }
  const { columns } = headerResult;

  for (const record of data) {
    if (record.problem !== null) {
      errors.push({ line: record.line, message: `malformed CSV: ${record.problem}` });
      continue;
    }
    if (record.fields.length !== columns.length) {
      errors.push({ line: record.line, message: `has ${record.fields.length} fields; the header has ${columns.length}` });
      continue;
    }
    const values: Record<string, unknown> = {};
    columns.forEach((field, index) => {
      values[field] = valueFromCell(record.fields[index] ?? "", cellKinds[field]);
    });
    const result = validateExchangeRecord(values);
    if ("row" in result) {
      rows.push(result.row);
      lines.push(record.line);
    } else for (const message of result.problems) errors.push({ line: record.line, message });
  }
  return { rows, lines, errors };
}
