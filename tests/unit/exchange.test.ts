import { describe, expect, it } from "vitest";
import { formatCsv, neutraliseFormula, parseCsv, restoreFormula } from "@/lib/exchange/csv";
import { formatJsonLines, parseJsonLines } from "@/lib/exchange/json-lines";
import {
  checkQuoteOffsets,
  checkTranslationOffsets,
  describeExchangeError,
  exchangeFields,
  exchangeRowSchema,
  type ExchangeRow,
} from "@/lib/exchange/row";
import { hashSourceText } from "@/lib/sources/content-hash";
import { locateQuote } from "@/lib/sources/offsets";
import { describeZodError } from "@/lib/validation";

// A source text with everything a naive CSV or offset handling gets wrong:
// commas, straight and curly quotes, a line break inside the quote, an em dash
// and an emoji before the quote (two UTF-16 code units).
const sourceText = [
  "🇮🇷 Tehran, 3 March — Araghchi told reporters:",
  '“We are ready, if Washington is “serious”, to talk — but not under "maximum pressure".',
  "We won’t negotiate with a gun to our head.” The ministry declined to comment.",
].join("\n");

const trickyQuote = [
  '“We are ready, if Washington is “serious”, to talk — but not under "maximum pressure".',
  "We won’t negotiate with a gun to our head.”",
].join("\n");

/** The CSV without the named columns, as a file written before they existed (its cells hold no commas). */
function withoutCsvColumns(csv: string, names: readonly string[]): string {
  const lines = csv.split("\n").filter((line) => line !== "");
  const dropped = new Set(names.map((name) => lines[0]!.split(",").indexOf(name)));
  return lines
    .map((line) =>
      line
        .split(",")
        .filter((_, index) => !dropped.has(index))
        .join(","),
    )
    .join("\n");
}

function rowFor(quote: string, overrides: Partial<ExchangeRow> = {}): ExchangeRow {
  const span = locateQuote(sourceText, quote);
  return {
    actor: "Abbas Araghchi",
    actor_slug: "abbas-araghchi",
    recipient: "United States",
    recipient_slug: "united-states",
    date: "2025-03-03",
    date_precision: "DAY",
    text: quote,
    text_start: span.startOffset,
    text_end: span.endOffset,
    coder: "coder@example.org",
    coded_date: "2025-03-04T09:30:00.000Z",
    comment: 'Conditional openness, "maximum pressure" rejected;\nsee also the 2 March remarks — 🙂',
    score: -1,
    conditional: true,
    confidence: "HIGH",
    form: "DIRECT_QUOTE",
    channel: "PRESS_CONFERENCE",
    source_title: "Iran says ready to talk, “but not under pressure”",
    source_publisher: "Press, Wire & Co.",
    source_url: null,
    source_published: "2025-03-03",
    source_language: "en",
    source_hash: hashSourceText(sourceText),
    codebook_version: 2,
    statement_id: "cstatement0001",
    adjudicated_score: null,
    translation: null,
    translation_start: null,
    translation_end: null,
    ...overrides,
  };
}

const rows: ExchangeRow[] = [
  rowFor(trickyQuote),
  rowFor("The ministry declined to comment.", {
    recipient: "European Union",
    recipient_slug: "european-union",
    date: "2025-03-01",
    date_precision: "MONTH",
    score: 0,
    conditional: false,
    confidence: "LOW",
    form: "PARAPHRASE",
    channel: "REPORTED_BY_OTHERS",
    comment: "Neutral.",
    source_url: 'https://example.org/news?id=1,2&q="x"',
    source_language: "fa",
    codebook_version: null,
  }),
  rowFor("Tehran", { score: 3, coder: "second.coder@example.org", comment: 'Ends with a quote mark "' }),
];

/** A row whose CSV record has no quoted fields, so tests can edit it as text. */
const plain = (overrides: Partial<ExchangeRow> = {}) =>
  rowFor("Tehran", { comment: "Plain.", source_title: "Plain title", source_publisher: "Wire", ...overrides });

/** The CSV record of one plain row, without its line ending. */
const plainRecord = (overrides: Partial<ExchangeRow> = {}) => formatCsv([plain(overrides)]).split("\n")[1]!;

/** A CSV file of one plain row with the cell of `field` replaced. */
function csvWith(field: string, cell: string): string {
  const lines = formatCsv([plain()]).split("\n");
  const cells = lines[1]!.split(",");
  cells[exchangeFields.indexOf(field as (typeof exchangeFields)[number])] = cell;
  lines[1] = cells.join(",");
  return lines.join("\n");
}

/** The cells of one CSV record as a spreadsheet sees them (quotes of RFC 4180 removed). */
function parseCsvCells(record: string): string[] {
  const cells: string[] = [];
  let position = 0;
  while (position <= record.length) {
    if (record[position] === '"') {
      let value = "";
      position += 1;
      for (;;) {
        const quote = record.indexOf('"', position);
        value += record.slice(position, quote);
        if (record[quote + 1] === '"') {
          value += '"';
          position = quote + 2;
        } else {
          position = quote + 2;
          break;
        }
      }
      cells.push(value);
    } else {
      const comma = record.indexOf(",", position);
      const end = comma === -1 ? record.length : comma;
      cells.push(record.slice(position, end));
      position = end + 1;
    }
  }
  return cells;
}

describe("the exchange row", () => {
  it("has the fixed field order, PLOVER names first", () => {
    expect(exchangeFields).toEqual([
      "actor",
      "actor_slug",
      "recipient",
      "recipient_slug",
      "date",
      "date_precision",
      "text",
      "text_start",
      "text_end",
      "coder",
      "coded_date",
      "comment",
      "score",
      "conditional",
      "confidence",
      "form",
      "channel",
      "source_title",
      "source_publisher",
      "source_url",
      "source_published",
      "source_language",
      "source_hash",
      "codebook_version",
      "statement_id",
      "adjudicated_score",
      "translation",
      "translation_start",
      "translation_end",
    ]);
  });

  it("reads files written before statement_id and adjudicated_score were added, in both formats", () => {
    const oldCsv = withoutCsvColumns(formatCsv([plain()]), ["statement_id", "adjudicated_score"]);
    expect(parseCsv(oldCsv).errors).toEqual([]);
    expect(parseCsv(oldCsv).rows[0]).not.toHaveProperty("statement_id");
    const line = JSON.parse(formatJsonLines([plain()])) as Record<string, unknown>;
    delete line.statement_id;
    delete line.adjudicated_score;
    expect(parseJsonLines(JSON.stringify(line)).errors).toEqual([]);
    expect(parseJsonLines(formatJsonLines([plain({ adjudicated_score: -2 })])).rows[0]!.adjudicated_score).toBe(-2);
  });

  it("accepts the fixtures unchanged", () => {
    for (const row of rows) expect(exchangeRowSchema.parse(row)).toEqual(row);
  });

  it("names the field in every message, using the application's own rules", () => {
    const problems = (value: unknown) => {
      const result = exchangeRowSchema.safeParse(value);
      return result.success ? [] : describeZodError(result.error);
    };
    const row = rowFor("Tehran");
    expect(problems({ ...row, score: 4 })).toEqual(["score: must be at most +3 (very conciliatory)"]);
    expect(problems({ ...row, score: -4 })).toEqual(["score: must be at least -3 (very hostile)"]);
    expect(problems({ ...row, score: 1.5 })).toEqual(["score: must be a whole number"]);
    expect(problems({ ...row, score: "2" })).toEqual(['score: must be a whole number from -3 to +3, not "2"']);
    expect(problems({ ...row, confidence: "SURE" })).toEqual(['confidence: must be one of LOW, MEDIUM, HIGH, not "SURE"']);
    expect(problems({ ...row, date: "2025-02-30" })).toEqual(["date: use a real date written YYYY-MM-DD"]);
    expect(problems({ ...row, source_url: "ftp://example.org" })).toEqual(["source_url: use a full http(s) address"]);
    expect(problems({ ...row, actor_slug: "Abbas Araghchi" })).toEqual([
      "actor_slug: use lower-case letters and digits, words joined by hyphens",
    ]);
    expect(problems({ ...row, source_hash: "abc" })).toEqual([
      "source_hash: must be the SHA-256 of the source text: 64 lower-case hexadecimal characters",
    ]);
    expect(problems({ ...row, coded_date: "yesterday" })).toEqual([
      "coded_date: use an ISO 8601 UTC timestamp such as 2025-03-01T09:30:00.000Z",
    ]);
    // PostgreSQL has no year 0: refused here, not by the database.
    expect(problems({ ...row, coded_date: "0000-12-31T23:00:00.000Z" })).toEqual([
      "coded_date: use a time from 0001-01-01 on: there was no year 0",
    ]);
    expect(problems({ ...row, date: "0000-12-31" })).toEqual(["date: use a date from 0001-01-01 on: there was no year 0"]);
    expect(problems({ ...row, comment: "  " })).toEqual(["comment: must not be empty"]);
    expect(problems({ ...row, text: " Tehran" })).toEqual([
      "text: must not begin or end with spaces or line breaks: it is the exact quote",
    ]);
    expect(problems({ ...row, extra: 1 })).toEqual(['unknown field "extra"']);
    const withoutConditional: Record<string, unknown> = { ...row };
    delete withoutConditional.conditional;
    expect(problems(withoutConditional)).toEqual(["conditional: is required"]);
    expect(problems([row])).toEqual(["a row must be an object with the exchange fields, not an array"]);
  });

  it("requires text_end after text_start, spanning exactly the quote, even when other fields are wrong", () => {
    const row = rowFor("Tehran");
    const problems = (value: unknown) => {
      const result = exchangeRowSchema.safeParse(value);
      return result.success ? [] : describeZodError(result.error);
    };
    expect(problems({ ...row, text_end: row.text_start, score: 9 })).toEqual([
      "score: must be at most +3 (very conciliatory)",
      `text_end: must be greater than text_start (${row.text_start})`,
    ]);
    expect(problems({ ...row, text_end: row.text_end + 1 })).toEqual([
      `text_end: must be text_start + the length of text (${row.text_start} + 6 = ${row.text_end}); offsets count UTF-16 code units`,
    ]);
    expect(problems({ ...row, text_start: -1 })).toEqual(["text_start: must be 0 or more"]);
  });
});

describe("the translation passage", () => {
  const translation = "Araghchi told reporters: “We are ready to talk.” The ministry declined to comment.";
  const passage = "“We are ready to talk.”";
  const start = translation.indexOf(passage);
  const withPassage = rowFor(trickyQuote, { translation: passage, translation_start: start, translation_end: start + passage.length });

  it("travels through CSV and JSON Lines byte for byte, and files without its columns still read", () => {
    for (const [format, parse] of [
      [formatCsv, parseCsv],
      [formatJsonLines, parseJsonLines],
    ] as const) {
      const text = format([withPassage, rows[1]!]);
      const parsed = parse(text);
      expect(parsed.errors).toEqual([]);
      expect(parsed.rows[0]).toMatchObject({ translation: passage, translation_start: start });
      expect(parsed.rows[1]).toMatchObject({ translation: null, translation_start: null, translation_end: null });
      expect(format(parsed.rows)).toBe(text);
    }
    const older = formatCsv([rows[0]!])
      .replace(",translation,translation_start,translation_end\n", "\n")
      .replace(/,,,\n$/, "\n");
    expect(parseCsv(older)).toMatchObject({ errors: [], rows: [{ translation: null }] });
  });

  it("must be the source's translation between its offsets, all three fields or none", () => {
    expect(checkTranslationOffsets(withPassage, translation)).toBeNull();
    expect(checkTranslationOffsets(rowFor(trickyQuote), null)).toBeNull();
    expect(checkTranslationOffsets(withPassage, null)).toMatch(/^translation: the source has no translation/);
    expect(checkTranslationOffsets({ ...withPassage, translation_end: 999 }, translation)).toMatch(
      /^translation_end: 999 is beyond the end/,
    );
    expect(checkTranslationOffsets({ ...withPassage, translation_start: 0 }, translation)).toMatch(/^translation: does not match/);
    expect(checkTranslationOffsets({ ...withPassage, translation_end: null }, translation)).toMatch(/^translation_end: give translation/);
  });
});

describe("checkQuoteOffsets", () => {
  it("accepts a quote that is the source text between its offsets, counting UTF-16 code units", () => {
    for (const row of rows) expect(checkQuoteOffsets(row, sourceText)).toBeNull();
    // The flag before "Tehran" is four code units.
    expect(rows[2]!.text_start).toBe(5);
  });

  it("says where the quote really is when the offsets are wrong", () => {
    const row = rowFor("Tehran");
    expect(checkQuoteOffsets({ ...row, text_start: 4, text_end: 10 }, sourceText)).toBe(
      'text: does not match the source text between 4 and 10, which reads " Tehra"; the quote appears at text_start 5, text_end 11',
    );
    expect(checkQuoteOffsets(row, sourceText.replace("Tehran", "Teheran"))).toMatch(/the quote does not appear verbatim/);
    expect(checkQuoteOffsets({ ...row, text_start: 5, text_end: 11 }, "short")).toBe(
      "text_end: 11 is beyond the end of the source text (5 characters)",
    );
  });
});

describe("CSV", () => {
  it("writes a header and quotes only the fields that need it", () => {
    const csv = formatCsv([rows[1]!]);
    const [header, record, end] = csv.split("\n");
    expect(header).toBe(exchangeFields.join(","));
    expect(end).toBe("");
    expect(record).toBe(
      [
        "Abbas Araghchi",
        "abbas-araghchi",
        "European Union",
        "european-union",
        "2025-03-01",
        "MONTH",
        "The ministry declined to comment.",
        String(rows[1]!.text_start),
        String(rows[1]!.text_end),
        "coder@example.org",
        "2025-03-04T09:30:00.000Z",
        "Neutral.",
        "0",
        "false",
        "LOW",
        "PARAPHRASE",
        "REPORTED_BY_OTHERS",
        '"Iran says ready to talk, “but not under pressure”"',
        '"Press, Wire & Co."',
        '"https://example.org/news?id=1,2&q=""x"""',
        "2025-03-03",
        "fa",
        hashSourceText(sourceText),
        "",
        "cstatement0001",
        "", // not adjudicated
        "",
        "",
        "",
      ].join(","),
    );
    expect(formatCsv([])).toBe(`${exchangeFields.join(",")}\n`);
  });

  it("writes null as an empty field and booleans as true/false", () => {
    const record = formatCsv([rows[2]!]).split("\n")[1]!;
    expect(record).toContain(",3,true,HIGH,");
    expect(record).toContain(",,2025-03-03,en,");
  });

  it("survives a round trip byte for byte, line breaks, quotes, commas, curly quotes and emoji included", () => {
    const csv = formatCsv(rows);
    const parsed = parseCsv(csv);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual(rows);
    expect(formatCsv(parsed.rows)).toBe(csv);
  });

  it("is deterministic", () => {
    expect(formatCsv(rows)).toBe(formatCsv(structuredClone(rows)));
  });

  // OWASP CSV injection: a spreadsheet runs a cell beginning with =, +, -, @, tab or CR as a formula.
  // (A leading tab or carriage return is trimmed away by the fields' own rules before it could be stored;
  // the writer neutralises it all the same, checked on the functions themselves below.)
  const formulas = ['=HYPERLINK("http://evil.example/";"click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)"];

  it("neutralises every formula start, tab and carriage return included, reversibly", () => {
    for (const value of [...formulas, "\tindented", "\rreturn", "'\t", "''=x", "'", "plain", "", "1-2", "-"]) {
      const neutralised = neutraliseFormula(value);
      expect(neutralised, JSON.stringify(value)).not.toMatch(/^[=+\-@\t\r]/);
      expect(restoreFormula(neutralised)).toBe(value);
    }
    expect(neutraliseFormula("it's")).toBe("it's");
    expect(neutraliseFormula("'=x")).toBe("''=x");
  });

  it("writes no text cell a spreadsheet would run as a formula, and keeps negative scores numbers", () => {
    for (const formula of formulas) {
      const row = rowFor("Tehran", { comment: formula, source_title: formula, actor: formula, score: -2 });
      const [, record] = formatCsv([row]).split("\n");
      const cells = parseCsvCells(record!);
      for (const field of ["comment", "source_title", "actor"] as const)
        expect(cells[exchangeFields.indexOf(field)], `${field} of ${JSON.stringify(formula)}`).toBe(`'${formula}`);
      expect(cells[exchangeFields.indexOf("score")]).toBe("-2");
      expect(parseCsv(formatCsv([row]))).toMatchObject({ rows: [row], errors: [] });
    }
  });

  it("round-trips formula-like text and text that already begins with single quotes, byte for byte", () => {
    const values = [...formulas, "'=already quoted", "''+two quotes", "'plain quote", "it's fine", "'", "''", "-", "=", "a=b"];
    const generated = values.map((value, index) =>
      rowFor("Tehran", { comment: value, source_title: `${value}`, actor: value, score: (index % 7) - 3 }),
    );
    const csv = formatCsv(generated);
    const parsed = parseCsv(csv);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual(generated);
    expect(formatCsv(parsed.rows)).toBe(csv);
    for (const record of csv.split("\n").slice(1, -1))
      for (const cell of parseCsvCells(record)) expect(cell, record).not.toMatch(/^[=+@\t\r]|^-(?!\d+$)/);
  });

  it("keeps CRLF inside a quoted field and accepts CRLF between records", () => {
    const withCrlf = rowFor("Tehran", { comment: "first line\r\nsecond line" });
    const csv = formatCsv([withCrlf]);
    expect(csv).toContain('"first line\r\nsecond line"');
    const headerEnd = csv.indexOf("\n");
    const crlfFile = `${csv.slice(0, headerEnd)}\r\n${csv.slice(headerEnd + 1, -1)}\r\n`;
    const parsed = parseCsv(crlfFile);
    expect(parsed).toMatchObject({ rows: [withCrlf], errors: [] });
    expect(formatCsv(parsed.rows)).toBe(csv);
  });

  it("tolerates a byte order mark, blank lines and reordered columns", () => {
    const csv = formatCsv(rows);
    const [header, ...records] = csv.trimEnd().split("\n");
    expect(parseCsv(`\uFEFF${csv}`)).toMatchObject({ rows, errors: [] });
    expect(parseCsv(`${header}\n\n${records.join("\n")}\n\n   \n`)).toMatchObject({ rows, errors: [] });

    const single = parseCsv(formatCsv([rows[1]!]));
    const reordered = [...exchangeFields].reverse();
    const cells = (row: ExchangeRow) =>
      reordered.map((field) => {
        const value = row[field];
        const text = value === null ? "" : String(value);
        return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
      });
    expect(parseCsv(`${reordered.join(",")}\n${cells(rows[1]!).join(",")}\n`)).toEqual(single);
  });

  it("converts spreadsheet spellings of numbers and booleans", () => {
    expect(parseCsv(csvWith("score", "+3")).rows[0]?.score).toBe(3);
    expect(parseCsv(csvWith("score", "−2")).rows[0]?.score).toBe(-2);
    expect(parseCsv(csvWith("conditional", "FALSE")).rows[0]?.conditional).toBe(false);
  });

  it("reports the line on which each bad record starts, counting line breaks inside quoted fields", () => {
    // Line 1 header; line 2 starts a record whose quote spans lines 2–3 and whose comment spans lines 3–4;
    // line 5 is blank; line 6 is a good record; line 7 has a bad score; line 8 a bad confidence and date.
    const good = formatCsv([rows[0]!]).trimEnd();
    const [header] = good.split("\n");
    expect(good.split("\n")).toHaveLength(4);
    const body = good.slice(header!.length + 1);
    const bad = plainRecord({ score: 4 });
    const worse = plainRecord({ date: "2025-13-01" }).replace(",HIGH,", ",CERTAIN,");
    const tehran = plainRecord();
    const file = [header, body, "", tehran, bad, worse].join("\n") + "\n";

    const parsed = parseCsv(file);
    expect(parsed.rows).toEqual([rows[0], plain()]);
    expect(parsed.errors).toEqual([
      { line: 7, message: "score: must be at most +3 (very conciliatory)" },
      { line: 8, message: "date: use a real date written YYYY-MM-DD" },
      { line: 8, message: 'confidence: must be one of LOW, MEDIUM, HIGH, not "CERTAIN"' },
    ]);
    expect(describeExchangeError(parsed.errors[0]!)).toBe("line 7: score: must be at most +3 (very conciliatory)");

    // With CRLF everywhere the lines are counted the same; the quote on line 2 now holds a CRLF, one
    // code unit longer than its offsets span, and is refused rather than silently altered.
    const crlf = parseCsv(file.replaceAll("\n", "\r\n"));
    expect(crlf.errors.map((error) => error.line)).toEqual([2, 7, 8, 8]);
    expect(crlf.errors[0]!.message).toMatch(/^text_end: must be text_start \+ the length of text/);
  });

  it("reports missing values and unconvertible cells naming the field", () => {
    expect(parseCsv(csvWith("score", "")).errors).toEqual([{ line: 2, message: "score: is required" }]);
    expect(parseCsv(csvWith("score", "high")).errors).toEqual([
      { line: 2, message: 'score: must be a whole number from -3 to +3, not "high"' },
    ]);
    expect(parseCsv(csvWith("conditional", "yes")).errors).toEqual([{ line: 2, message: 'conditional: must be true or false, not "yes"' }]);
    expect(parseCsv(csvWith("comment", "")).errors).toEqual([{ line: 2, message: "comment: must not be empty" }]);
    expect(parseCsv(csvWith("text_start", "1e3")).errors).toEqual([{ line: 2, message: 'text_start: must be a whole number, not "1e3"' }]);
  });

  it("reports unknown, missing and repeated header columns once, on line 1, and reads no rows", () => {
    const csv = formatCsv(rows).replace("score,", "scroe,").replace(",comment,", ",comment,comment,");
    expect(parseCsv(csv)).toEqual({
      rows: [],
      lines: [],
      errors: [
        { line: 1, message: 'header: unknown column "scroe"' },
        { line: 1, message: 'header: missing column "score"' },
        { line: 1, message: 'header: column "comment" given more than once' },
      ],
    });
    const extra = formatCsv(rows).replace("\n", ",,notes\n");
    expect(parseCsv(extra).errors).toEqual([{ line: 1, message: `header: unknown columns an unnamed column (column 30), "notes"` }]);
    expect(parseCsv("")).toEqual({
      rows: [],
      lines: [],
      errors: [{ line: 1, message: `the file is empty: expected a header row with the columns ${exchangeFields.join(",")}` }],
    });
    expect(parseCsv("\uFEFF\n\n").errors).toHaveLength(1);
  });

  it("reports malformed records without losing track of the following lines", () => {
    const header = exchangeFields.join(",");
    const tehran = plainRecord();
    const file = [header, 'a"b,c', tehran, '"closed"x,y', "only,three,fields", tehran, '"never closed', tehran].join("\n");
    const parsed = parseCsv(file);
    expect(parsed.rows).toHaveLength(2);
    expect(parsed.errors).toEqual([
      {
        line: 2,
        message:
          "malformed CSV: a double quote inside unquoted field 1: enclose the field in double quotes and double the quotes inside it",
      },
      { line: 4, message: 'malformed CSV: text after the closing quote of field 1: "x"' },
      { line: 5, message: "has 3 fields; the header has 29" },
      { line: 7, message: "malformed CSV: a quoted field opened on line 7 is never closed" },
    ]);
  });

  it("never throws on arbitrary input", () => {
    for (const input of ['"', '""', ",", "\r", "\r\n\r\n", '"a""', 'a,"b\nc', "\uFEFF"]) {
      expect(() => parseCsv(input)).not.toThrow();
      expect(() => parseCsv(`${exchangeFields.join(",")}\n${input}`)).not.toThrow();
    }
  });
});

describe("JSON Lines", () => {
  it("writes one object per line with the fixed key order", () => {
    const jsonl = formatJsonLines(rows);
    const lines = jsonl.split("\n");
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines.at(-1)).toBe("");
    expect(Object.keys(JSON.parse(lines[0]!))).toEqual(exchangeFields);
    expect(lines[0]).toContain('"source_url":null');
    expect(lines[0]).toContain('"score":-1,"conditional":true,');
    expect(lines[0]).toContain("🙂");
    expect(formatJsonLines([])).toBe("");
  });

  it("survives a round trip byte for byte", () => {
    const jsonl = formatJsonLines(rows);
    const parsed = parseJsonLines(jsonl);
    expect(parsed).toMatchObject({ rows, errors: [] });
    expect(formatJsonLines(parsed.rows)).toBe(jsonl);
  });

  it("is deterministic, whatever order the row objects' keys were built in", () => {
    const shuffled = rows.map((row) => Object.fromEntries(Object.entries(row).reverse()) as ExchangeRow);
    expect(formatJsonLines(shuffled)).toBe(formatJsonLines(rows));
    expect(formatCsv(shuffled)).toBe(formatCsv(rows));
  });

  it("tolerates a byte order mark, CRLF and blank lines", () => {
    const jsonl = formatJsonLines(rows);
    expect(parseJsonLines(`\uFEFF${jsonl}`)).toMatchObject({ rows, errors: [] });
    expect(parseJsonLines(`\n${jsonl.replaceAll("\n", "\r\n\r\n")}  \n`)).toMatchObject({ rows, errors: [] });
  });

  it("reports bad rows and invalid JSON with their line numbers", () => {
    const [first, second] = formatJsonLines(rows).split("\n");
    const tooHigh = JSON.stringify({ ...rowFor("Tehran"), score: 7 });
    const file = [first, "", "{not json", second, tooHigh, "[1,2]", JSON.stringify({ ...rowFor("Tehran"), flavour: "x" })].join("\n");
    const parsed = parseJsonLines(file);
    expect(parsed.rows).toEqual([rows[0], rows[1]]);
    expect(parsed.errors.map((error) => error.line)).toEqual([3, 5, 6, 7]);
    expect(parsed.errors[0]!.message).toMatch(/^invalid JSON: /);
    expect(parsed.errors.slice(1)).toEqual([
      { line: 5, message: "score: must be at most +3 (very conciliatory)" },
      { line: 6, message: "a row must be an object with the exchange fields, not an array" },
      { line: 7, message: 'unknown field "flavour"' },
    ]);
  });

  it("requires JSON types rather than converting strings", () => {
    const line = JSON.stringify({ ...rowFor("Tehran"), conditional: "true", source_url: undefined });
    expect(parseJsonLines(line).errors).toEqual([
      { line: 1, message: 'conditional: must be true or false, not "true"' },
      { line: 1, message: "source_url: is required" },
    ]);
  });
});

describe("both formats", () => {
  it("round-trip generated awkward text byte for byte", () => {
    const pieces = [",", '"', '""', "\n", "\r", "\r\n", "a", " ", "“", "”", "’", "—", "😀", "\u2028", "\t", "é", "\\", "{}"];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const awkward = () => `x${Array.from({ length: 1 + (next() % 30) }, () => pieces[next() % pieces.length]).join("")}x`;
    const generated = Array.from({ length: 200 }, () =>
      rowFor("Tehran", { comment: awkward(), source_title: awkward(), actor: awkward() }),
    );
    const csv = formatCsv(generated);
    const jsonl = formatJsonLines(generated);
    expect(parseCsv(csv)).toMatchObject({ rows: generated, errors: [] });
    expect(parseJsonLines(jsonl)).toMatchObject({ rows: generated, errors: [] });
    expect(formatCsv(parseCsv(csv).rows)).toBe(csv);
    expect(formatJsonLines(parseJsonLines(jsonl).rows)).toBe(jsonl);
  });

  it("carry the same rows", () => {
    expect(parseCsv(formatCsv(rows)).rows).toEqual(parseJsonLines(formatJsonLines(rows)).rows);
  });

  it("write numbers without an exponent and refuse fractional ones", () => {
    const far = rowFor("Tehran");
    const big = { ...far, text_start: 1e21, text_end: 1e21 + 6 };
    expect(formatJsonLines([big])).toContain('"text_start":1000000000000000000000,');
    expect(formatCsv([big])).toContain(",1000000000000000000000,");
    expect(() => formatCsv([{ ...far, score: 0.5 }])).toThrowError(RangeError);
  });
});

describe("codebook_version", () => {
  it("may be left out of a file (older exports): the row then has none, and the import uses the version in force", () => {
    const withoutColumn = withoutCsvColumns(formatCsv([plain()]), ["codebook_version"]);
    expect(withoutColumn.split("\n")[0]).not.toContain("codebook_version");
    const parsed = parseCsv(withoutColumn);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0]!.codebook_version).toBeUndefined();

    const line = JSON.parse(formatJsonLines([plain()])) as Record<string, unknown>;
    delete line.codebook_version;
    const fromJson = parseJsonLines(JSON.stringify(line));
    expect(fromJson.errors).toEqual([]);
    expect(fromJson.rows[0]!.codebook_version).toBeUndefined();
  });

  it("is a version number or empty (null: before the codebook), and anything else is named", () => {
    expect(parseCsv(csvWith("codebook_version", "3")).rows[0]!.codebook_version).toBe(3);
    expect(parseCsv(csvWith("codebook_version", "")).rows[0]!.codebook_version).toBeNull();
    expect(parseCsv(csvWith("codebook_version", "first")).errors).toEqual([
      {
        line: 2,
        message: 'codebook_version: must be a codebook version number, or null for a coding made before the codebook, not "first"',
      },
    ]);
    expect(parseCsv(csvWith("codebook_version", "0")).errors[0]!.message).toMatch(/^codebook_version: must be 1 or more/);
  });
});
