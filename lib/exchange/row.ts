// The exchange row: one stance coding with its statement and provenance, the
// unit of Stancewatch's CSV and JSON Lines import and export. The field names
// are the CSV header names and the JSON Lines keys alike.
//
// Names follow PLOVER (Political Language Ontology for Verifiable Event
// Records, Open Event Data Alliance, "JSON Data Fields" chapter) where PLOVER
// has one, flattened to one value per key so that the same names work as CSV
// columns. The records are not full PLOVER events (no `id`, no `event`
// category): PLOVER lends the vocabulary, not the record shape.
//
//   field             PLOVER                              Stancewatch
//   actor             source[].actor_text (see note 1)    Statement.speaker.name
//   actor_slug        source[].identifier_id (note 2)     Statement.speaker.slug
//   recipient         recipient[].actor_text              StanceCoding.target.name
//   recipient_slug    recipient[].identifier_id (note 2)  StanceCoding.target.slug
//   date              date (YYYY-MM-DD)                   Statement.saidOn
//   date_precision    (none)                              Statement.saidOnPrecision: DAY | MONTH
//   text              text                                Statement.quote, the exact words
//   text_start        text_info.start (note 3)            Statement.startOffset
//   text_end          text_info.end (note 3)              Statement.endOffset
//   coder             coder                               StanceCoding.coder.email
//   coded_date        coded_date + coded_time (note 4)    StanceCoding.updatedAt
//   comment           comment                             StanceCoding.rationale
//   score             (none; not event_scale, note 5)     StanceCoding.score, −3..+3
//   conditional       (none)                              StanceCoding.isConditional
//   confidence        (none)                              StanceCoding.confidence: LOW | MEDIUM | HIGH
//   form              (none)                              Statement.form: DIRECT_QUOTE | PARAPHRASE
//   channel           (none)                              Statement.channel
//   source_title      cite_info.title                     Source.title
//   source_publisher  cite_info.publication               Source.publisher
//   source_url        cite_info.url                       Source.url, null when there is none
//   source_published  (none)                              Source.publishedOn (YYYY-MM-DD)
//   source_language   cite_info.language                  Source.language
//   source_hash       (none)                              Source.contentHash: SHA-256 hex of the text
//   codebook_version  (none; note 6)                      StanceCoding.codebookVersion
//   statement_id      (none)                              Statement.id (note 7)
//   adjudicated_score (none)                              the live Adjudication's score of the statement
//                                                         toward the recipient, null when not adjudicated (note 7)
//   translation       (none)                              Statement.translationQuote (note 8)
//   translation_start (none)                              Statement.translationStart
//   translation_end   (none)                              Statement.translationEnd
//
// Notes:
// 1. PLOVER calls the acting party `source`, a list of actor objects. Stancewatch
//    already says "source" for the document, so the speaker is `actor`, one name.
// 2. PLOVER's identifier is meant for a canonical (Wikidata) id; Stancewatch's
//    stable key for an actor is its slug.
// 3. Offsets count UTF-16 code units (JavaScript string indices), not Unicode
//    code points: an emoji before the quote counts 2. Python's str indices differ.
// 4. PLOVER splits the coding instant into `coded_date` (a date) and `coded_time`;
//    here `coded_date` holds the whole UTC instant, e.g. 2025-03-01T09:30:00.000Z.
// 5. PLOVER's `event_scale` is an event's intensity on the producer's scale; the
//    stance score is a speaker's stance toward the recipient, so it keeps its name.
// 6. The codebook version the coding was made under (docs/decisions/0029). Export
//    always writes it: a number, or null for a coding made before the first
//    version. On import a number must name a published version and is kept; null
//    keeps "before the codebook"; a file without the field (an older export, a
//    file made elsewhere) gets the version in force at the import.
// 7. Added later, so optional on import: files written before them still import. An
//    imported statement that is new gets `statement_id` as its id when that id is free,
//    so export, import and export give the same ids. `adjudicated_score` is written for
//    the reader and not imported: an adjudication has its own adjudicator and reason,
//    which the corpus bundle carries (docs/decisions/0028).
// 8. The passage of the source's translation that renders the quote (docs/decisions/0032); the three are
//    null (empty in CSV) when the source has no translation, and may be left out of a file altogether.
//
// Each field reuses the rule the application applies when the value is typed in
// (lib/actors, lib/statements, lib/codings, lib/sources, lib/users), so anything
// exported can be imported and nothing is imported that could not be entered.

import { z } from "zod";
import { actorSchema } from "../actors/schemas";
import { earliestDay } from "../calendar";
import { scoreSchema, stanceCodingSchema } from "../codings/schemas";
import { Channel, Confidence, DatePrecision, StatementForm } from "../generated/prisma/enums";
import { sourceSchema } from "../sources/schemas";
import { insideCharacterProblem } from "../sources/spans";
import { statementSchema } from "../statements/schemas";
import { userSchema } from "../users/schemas";
import { describeZodError, idSchema } from "../validation";

/** A value as a short phrase for an error message: `"abc"`, `null`, `an array`. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}…` : value);
  return String(value);
}

/** The message for a value of the wrong type, or for a missing one. */
function typeError(expected: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? "is required" : `must be ${expected}, not ${describeValue(issue.input)}`;
}

function enumError(values: Record<string, string>) {
  const allowed = Object.values(values).join(", ");
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? "is required" : `must be one of ${allowed}, not ${describeValue(issue.input)}`;
}

const text = (rule: z.ZodType<string, string>) => z.string({ error: typeError("text") }).pipe(rule);
const code = (rule: z.ZodType<string, string>, expected: string) => z.string({ error: typeError(expected) }).pipe(rule);
const offset = z
  .number({ error: typeError("a whole number") })
  .int("must be a whole number")
  .min(0, "must be 0 or more");

export const exchangeRowSchema = z
  .strictObject(
    {
      actor: text(actorSchema.shape.name),
      actor_slug: code(actorSchema.shape.slug, "a slug"),
      recipient: text(actorSchema.shape.name),
      recipient_slug: code(actorSchema.shape.slug, "a slug"),
      date: code(statementSchema.shape.saidOn, "a date written YYYY-MM-DD"),
      date_precision: z.enum(DatePrecision, { error: enumError(DatePrecision) }),
      // The exact quote: never trimmed, since it must equal the source text between the offsets.
      text: z
        .string({ error: typeError("text") })
        .refine((quote) => quote === quote.trim(), "must not begin or end with spaces or line breaks: it is the exact quote")
        .pipe(statementSchema.shape.quote),
      text_start: offset,
      text_end: offset,
      coder: code(userSchema.shape.email, "an e-mail address"),
      coded_date: code(
        z.iso
          .datetime("use an ISO 8601 UTC timestamp such as 2025-03-01T09:30:00.000Z")
          .refine((timestamp) => timestamp >= earliestDay, `use a time from ${earliestDay} on: there was no year 0`),
        "an ISO 8601 UTC timestamp such as 2025-03-01T09:30:00.000Z",
      ),
      comment: text(stanceCodingSchema.shape.rationale),
      score: z.number({ error: typeError("a whole number from -3 to +3") }).pipe(scoreSchema),
      conditional: z.boolean({ error: typeError("true or false") }),
      confidence: z.enum(Confidence, { error: enumError(Confidence) }),
      form: z.enum(StatementForm, { error: enumError(StatementForm) }),
      channel: z.enum(Channel, { error: enumError(Channel) }),
      source_title: text(sourceSchema.shape.title),
      source_publisher: text(sourceSchema.shape.publisher),
      source_url: z
        .string({ error: typeError("an http(s) address or null") })
        .nullable()
        .pipe(sourceSchema.shape.url.unwrap()),
      source_published: code(sourceSchema.shape.publishedOn, "a date written YYYY-MM-DD"),
      source_language: code(sourceSchema.shape.language.unwrap(), "a language code such as en or fa"),
      source_hash: code(
        z.string().regex(/^[0-9a-f]{64}$/, "must be the SHA-256 of the source text: 64 lower-case hexadecimal characters"),
        "64 lower-case hexadecimal characters",
      ),
      // The last six are optional, unlike every other field: files written before they existed stay importable (notes 6-8).
      codebook_version: z
        .number({ error: typeError("a codebook version number, or null for a coding made before the codebook") })
        .int("must be a whole number")
        .min(1, "must be 1 or more: codebook versions are numbered from 1")
        .nullable()
        .optional(),
      statement_id: code(idSchema(), "a statement id").optional(),
      adjudicated_score: z
        .number({ error: typeError("a whole number from -3 to +3, or null") })
        .pipe(scoreSchema)
        .nullable()
        .optional(),
      translation: z
        .string({ error: typeError("text or null") })
        .refine((passage) => passage === passage.trim() && passage.length > 0, "must be the exact passage, without spaces around it")
        .nullable()
        .default(null),
      translation_start: offset.nullable().default(null),
      translation_end: offset.nullable().default(null),
    },
    {
      error: (issue) => {
        if (issue.code === "unrecognized_keys") {
          const keys = issue.keys.map((key) => JSON.stringify(key)).join(", ");
          return issue.keys.length === 1 ? `unknown field ${keys}` : `unknown fields ${keys}`;
        }
        if (issue.code === "invalid_type") return `a row must be an object with the exchange fields, not ${describeValue(issue.input)}`;
        return undefined;
      },
    },
  )
  .superRefine(
    (row, context) => {
      if (row.text_end <= row.text_start) {
        context.addIssue({ code: "custom", path: ["text_end"], message: `must be greater than text_start (${row.text_start})` });
      } else if (row.text_end - row.text_start !== row.text.length) {
        context.addIssue({
          code: "custom",
          path: ["text_end"],
          message:
            `must be text_start + the length of text (${row.text_start} + ${row.text.length} = ${row.text_start + row.text.length}); ` +
            "offsets count UTF-16 code units",
        });
      }
    },
    // Cross-field checks run whenever the three fields they read are valid, even if others are not.
    {
      when: (payload) =>
        typeof payload.value === "object" &&
        payload.value !== null &&
        !Array.isArray(payload.value) &&
        payload.issues.every((issue) => !["text", "text_start", "text_end"].includes(String(issue.path?.[0]))),
    },
  );

export type ExchangeRow = z.output<typeof exchangeRowSchema>;
export type ExchangeField = keyof ExchangeRow;

/** Every field, in the fixed order of CSV columns and JSON Lines keys. */
export const exchangeFields: readonly ExchangeField[] = Object.keys(exchangeRowSchema.shape) as ExchangeField[];

/** Fields added after files were first written: a file without them (a CSV without the column, a JSON Lines record without the key) still imports. */
export const optionalExchangeFields: ReadonlySet<ExchangeField> = new Set<ExchangeField>([
  "codebook_version",
  "statement_id",
  "adjudicated_score",
  "translation",
  "translation_start",
  "translation_end",
]);

/** One problem in an imported file; `line` is the 1-based physical line where the record starts. */
export type ExchangeError = { line: number; message: string };

/** `lines[i]` is the line on which `rows[i]` starts, for reporting problems found later (e.g. in the database). */
export type ExchangeParseResult = { rows: ExchangeRow[]; lines: number[]; errors: ExchangeError[] };

/** `line 7: score: must be at most +3 (very conciliatory)` */
export function describeExchangeError(error: ExchangeError): string {
  return `line ${error.line}: ${error.message}`;
}

/** Validates one record read from a file: the row, or one message per problem, each naming its field. */
export function validateExchangeRecord(record: unknown): { row: ExchangeRow } | { problems: string[] } {
  const result = exchangeRowSchema.safeParse(record);
  return result.success ? { row: result.data } : { problems: describeZodError(result.error) };
}

/**
 * Whether the row's quote is exactly `sourceText.slice(text_start, text_end)`: null if it is, otherwise
 * a message naming the field at fault (and where the quote does appear, if it does).
 */
export function checkQuoteOffsets(row: Pick<ExchangeRow, "text" | "text_start" | "text_end">, sourceText: string): string | null {
  const { text: quote, text_start: start, text_end: end } = row;
  if (!Number.isSafeInteger(start) || start < 0) return `text_start: must be a whole number, 0 or more, not ${describeValue(start)}`;
  if (!Number.isSafeInteger(end) || end <= start) return `text_end: must be a whole number greater than text_start (${start})`;
  if (end > sourceText.length) {
    return `text_end: ${end} is beyond the end of the source text (${sourceText.length} characters)`;
  }
  const split = insideCharacterProblem(sourceText, { startOffset: start, endOffset: end }, { start: "text_start", end: "text_end" });
  if (split) return `${split.field}: ${split.message}`;
  const found = sourceText.slice(start, end);
  if (found === quote) return null;
  const at = sourceText.indexOf(quote);
  const hint =
    at === -1
      ? "the quote does not appear verbatim in the source text"
      : `the quote appears at text_start ${at}, text_end ${at + quote.length}`;
  return `text: does not match the source text between ${start} and ${end}, which reads ${describeValue(found)}; ${hint}`;
}

/**
 * Whether the row's translation passage fits the source's translation: all three fields null (and then the
 * source may have a translation or not), or all three given and the passage exactly `translation.slice(start, end)`.
 * Null if it fits, otherwise a message naming the field at fault.
 */
export function checkTranslationOffsets(
  row: Pick<ExchangeRow, "translation" | "translation_start" | "translation_end">,
  sourceTranslation: string | null,
): string | null {
  const { translation: passage, translation_start: start, translation_end: end } = row;
  if (passage === null && start === null && end === null) return null;
  if (passage === null || start === null || end === null)
    return `${passage === null ? "translation" : start === null ? "translation_start" : "translation_end"}: give translation, translation_start and translation_end together, or none of them`;
  if (sourceTranslation === null)
    return "translation: the source has no translation; leave translation, translation_start and translation_end empty";
  if (end <= start) return `translation_end: must be greater than translation_start (${start})`;
  if (end > sourceTranslation.length)
    return `translation_end: ${end} is beyond the end of the source's translation (${sourceTranslation.length} characters)`;
  const split = insideCharacterProblem(
    sourceTranslation,
    { startOffset: start, endOffset: end },
    { start: "translation_start", end: "translation_end" },
  );
  if (split) return `${split.field}: ${split.message}`;
  const found = sourceTranslation.slice(start, end);
  return found === passage
    ? null
    : `translation: does not match the source's translation between ${start} and ${end}, which reads ${describeValue(found)}`;
}
