// JSON Lines writer and reader for exchange rows. No I/O: text in, text out.
//
// Writing: one compact JSON object per row, keys in the fixed order of
// `exchangeFields`, "\n" after every row (an empty export is the empty
// string). null is JSON null, numbers are plain digits, non-ASCII characters
// are written as they are (the file is UTF-8). The same rows always give the
// same bytes.
//
// Reading: one object per line, LF or CRLF; a leading UTF-8 byte order mark is
// skipped and blank lines are ignored. Values are not converted: a score
// must be a JSON number, `conditional` a JSON boolean. Every field is required
// but the later additions (`optionalExchangeFields`), and unknown keys are refused.
import { formatInteger, withoutByteOrderMark } from "./format-values";
import {
  exchangeFields,
  validateExchangeRecord,
  type ExchangeError,
  type ExchangeField,
  type ExchangeParseResult,
  type ExchangeRow,
} from "./row";

function jsonValue(value: ExchangeRow[ExchangeField], field: ExchangeField): string {
  // Only the later, optional fields may be undefined (a row read from a file without them): written as null.
  if (value === undefined) return "null";
  if (typeof value === "number") return formatInteger(value, field);
  return JSON.stringify(value);
}

/** The rows as JSON Lines: one object per line, "\n" after each. */
export function formatJsonLines(rows: readonly ExchangeRow[]): string {
  return rows
    .map((row) => `{${exchangeFields.map((field) => `${JSON.stringify(field)}:${jsonValue(row[field], field)}`).join(",")}}\n`)
    .join("");
}

/** Reads exchange rows from JSON Lines text. Never throws: every problem is reported with its 1-based line number. */
export function parseJsonLines(text: string): ExchangeParseResult {
  const rows: ExchangeRow[] = [];
  const lines: number[] = [];
  const errors: ExchangeError[] = [];
  withoutByteOrderMark(text)
    .split("\n")
    .forEach((physical, index) => {
      const line = index + 1;
      const content = physical.endsWith("\r") ? physical.slice(0, -1) : physical;
      if (content.trim() === "") return;
      let record: unknown;
      try {
        record = JSON.parse(content);
      } catch (error) {
        errors.push({ line, message: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` });
        return;
      }
      const result = validateExchangeRecord(record);
      if ("row" in result) {
        rows.push(result.row);
        lines.push(line);
      } else for (const message of result.problems) errors.push({ line, message });
    });
  return { rows, lines, errors };
}
