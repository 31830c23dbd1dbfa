// From uploaded files to validated sources, with every problem named by file
// and line or item. No I/O.
import { hashSourceText } from "../sources/content-hash";
import { canonicalLanguageCode } from "../sources/languages";
import { storedTranslation, type SourceCreation } from "../sources/schemas";
import { describeZodError, findTextWithNul, nulCharacterProblem } from "../validation";
import type { DraftFields, IntakeProblem, ParsedFile, SourceDraft } from "./drafts";
import { parseFeed } from "./feeds";
import { extractArticle } from "./html";
import { parseJsonLinesSources, parseJsonSources, parsePlainText } from "./json-sources";
import { intakeLimits, intakeSourceSchema, type IntakeOptions } from "./schemas";

export type IntakeFormat = "jsonl" | "json" | "html" | "feed" | "text";

export function intakeFormatOf(fileName: string): IntakeFormat | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  switch (extension) {
    case "jsonl":
    case "ndjson":
      return "jsonl";
    case "json":
      return "json";
    case "html":
    case "htm":
    case "xhtml":
      return "html";
    case "xml":
    case "rss":
    case "atom":
      return "feed";
    case "txt":
    case "text":
      return "text";
    default:
      return null;
  }
}

export const acceptedExtensions = [".jsonl", ".ndjson", ".json", ".html", ".htm", ".xml", ".rss", ".atom", ".txt"];

/** A file whose text is at hand (tests, the whole-file formats once read). */
export type TextIntakeFile = { name: string; size: number; content: string };
/** A file read piece by piece (an upload spooled to disk): JSON Lines are parsed as the bytes come. */
export type StreamedIntakeFile = { name: string; size: number; chunks: () => AsyncIterable<Uint8Array> };
export type IntakeFile = TextIntakeFile | StreamedIntakeFile;

/** What is wrong with a file before any of it is read (a format Stancewatch does not read, a size over the limit), or null. */
export function fileProblem(file: { name: string; size: number }): IntakeProblem | null {
  const format = intakeFormatOf(file.name);
  if (!format) return { where: file.name, message: `is not a format Stancewatch reads; use ${acceptedExtensions.join(", ")}` };
  const limit = format === "html" ? intakeLimits.htmlBytes : intakeLimits.fileBytes;
  if (file.size > limit)
    return {
      where: file.name,
      message: `is ${megabytes(file.size)}, over the limit of ${megabytes(limit)} for one ${format === "html" ? "HTML page" : "file"}`,
    };
  return null;
}

export function parseIntakeFile(file: TextIntakeFile): ParsedFile {
  const problem = fileProblem(file);
  if (problem) return { drafts: [], problems: [problem] };
  switch (intakeFormatOf(file.name)!) {
    case "jsonl":
      return parseJsonLinesSources(file.name, file.content);
    case "json":
      return parseJsonSources(file.name, file.content);
    case "feed":
      return parseFeed(file.name, file.content);
    case "text":
      return parsePlainText(file.name, file.content);
    case "html": {
      const extraction = extractArticle(file.content);
      return "problem" in extraction
        ? { drafts: [], problems: [{ where: file.name, message: extraction.problem }] }
        : { drafts: [{ where: file.name, fields: extraction.fields }], problems: [] };
    }
  }
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`;
}

export type ValidSource = { where: string; source: SourceCreation; contentHash: string };

/** Fills what a format lacks from the user's defaults, canonicalises the language and checks every field. */
export function validateDraft(draft: SourceDraft, defaults: IntakeOptions["defaults"]): ValidSource | IntakeProblem {
  const translated = originalAndTranslation(draft.fields);
  if ("message" in translated) return { where: draft.where, message: translated.message };
  const fields = translated.fields;
  for (const key of ["publisher", "publishedOn", "language"] as const)
    if ((fields[key] === undefined || fields[key] === null || fields[key] === "") && defaults[key]) fields[key] = defaults[key];
  for (const key of ["language", "translationLanguage"] as const) {
    const code = fields[key];
    if (typeof code !== "string") continue;
    const canonical = canonicalLanguageCode(code);
    if (!canonical)
      return {
        where: draft.where,
        message: `${translated.languageFields[key]}: “${code}” is not a known language code; use an ISO 639 code such as en, fa or ar (optionally with a region: fa-IR)`,
      };
    fields[key] = canonical;
  }
  if (fields.url === "") fields.url = null;
  const missing = (["title", "publisher", "publishedOn", "language"] as const).filter(
    (key) => fields[key] === undefined || fields[key] === null,
  );
  if (missing.length > 0)
    return {
      where: draft.where,
      message: `${missing.join(", ")}: missing; ${missing.length > 1 ? "they are" : "it is"} not in the ${fields.text !== undefined ? "item" : "file"}, so give ${missing.length > 1 ? "defaults" : "a default"} on the import form or add ${missing.length > 1 ? "them" : "it"} to the file`,
    };
  const result = intakeSourceSchema.safeParse(fields);
  if (!result.success) return { where: draft.where, message: describeZodError(result.error).map(translated.renamed).join("; ") };
  // PostgreSQL's text cannot hold it: refused here, by field, rather than failing the whole import's insert.
  const withNul = findTextWithNul(result.data);
  if (withNul !== null) return { where: draft.where, message: translated.renamed(`${withNul}: ${nulCharacterProblem}`) };
  const { translation, translationLanguage, problems } = storedTranslation(result.data);
  const problem = Object.entries(problems)[0];
  if (problem) return { where: draft.where, message: translated.renamed(`${problem[0]}: ${problem[1]}`) };
  return {
    where: draft.where,
    source: { ...result.data, translation, translationLanguage },
    contentHash: hashSourceText(result.data.text),
  };
}

/**
 * An item gives its original and translation one of two ways (docs/decisions/0032):
 * `text` in `language` with its `translation` (in `translationLanguage`, English
 * unless named), or `originalText` in `originalLanguage` with `text` as its
 * translation in `language`. Either becomes the stored shape: `text` is the
 * original. Messages keep naming the fields as the file did.
 */
function originalAndTranslation(
  given: DraftFields,
):
  | { fields: DraftFields; languageFields: Record<"language" | "translationLanguage", string>; renamed: (message: string) => string }
  | { message: string } {
  const fields: DraftFields = { ...given };
  const same = (message: string) => message;
  if (!("originalText" in fields)) {
    if ("originalLanguage" in fields)
      return { message: "originalLanguage: is given without originalText; remove it, or add the original text" };
    return { fields, languageFields: { language: "language", translationLanguage: "translationLanguage" }, renamed: same };
  }
  if ("translation" in fields || "translationLanguage" in fields)
    return {
      message:
        "originalText and translation: give one or the other (with originalText, text is its translation; with translation, text is the original)",
    };
  if (fields.originalLanguage === undefined || fields.originalLanguage === null || fields.originalLanguage === "")
    return { message: "originalLanguage: missing; name the language originalText is written in, e.g. fa or ar" };
  const { originalText, originalLanguage, text, language, ...rest } = fields;
  // The renaming runs backwards on messages: "text: …" about the stored original is about originalText in the file.
  const names: Record<string, string> = {
    text: "originalText",
    language: "originalLanguage",
    translation: "text",
    translationLanguage: "language",
  };
  return {
    fields: { ...rest, text: originalText, language: originalLanguage, translation: text, translationLanguage: language ?? null },
    languageFields: { language: "originalLanguage", translationLanguage: "language" },
    renamed: (message) => message.replace(/^(\w+)(?=[ :])/, (field) => names[field] ?? field),
  };
}

export function isProblem(value: ValidSource | IntakeProblem): value is IntakeProblem {
  return "message" in value;
}
