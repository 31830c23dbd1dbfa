// JSON Lines (one source object a line) and JSON (an array of source
// objects) files. A malformed line is reported by its number; the fields are
// validated later, with every other format's.
import type { IntakeProblem, ParsedFile, SourceDraft } from "./drafts";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function parseJsonLinesSources(fileName: string, text: string): ParsedFile {
  const result: ParsedFile = { drafts: [], problems: [] };
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  lines.forEach((rawLine, index) => {
    const item = jsonLineItem(fileName, index + 1, rawLine);
    if (item === null) return;
    if ("message" in item) result.problems.push(item);
    else result.drafts.push(item);
  });
  if (result.drafts.length === 0 && result.problems.length === 0) result.problems.push({ where: fileName, message: "is empty" });
  return result;
}

/**
 * One line of a JSON Lines file as a draft, or the problem with it; null for a
 * blank line. A trailing carriage return (a file written on Windows) is dropped.
 * Shared by the whole-text parser above and the streaming one (./stream.ts).
 */
export function jsonLineItem(fileName: string, lineNumber: number, rawLine: string): SourceDraft | IntakeProblem | null {
  const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
  if (!line.trim()) return null;
  const where = `${fileName}, line ${lineNumber}`;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { where, message: "is not valid JSON (each line must be one complete JSON object)" };
  }
  if (!isObject(value)) return { where, message: "must be a JSON object with title, publisher, publishedOn, language and text" };
  return { where, fields: value };
}

export function parseJsonSources(fileName: string, text: string): ParsedFile {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    return { drafts: [], problems: [{ where: fileName, message: `is not valid JSON (${(error as Error).message})` }] };
  }
  const list = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.sources) ? value.sources : undefined;
  if (!list)
    return { drafts: [], problems: [{ where: fileName, message: "must be a JSON array of sources (or an object with a sources array)" }] };
  const drafts: SourceDraft[] = [];
  const problems: ParsedFile["problems"] = [];
  list.forEach((item: unknown, index: number) => {
    const where = `${fileName}, item ${index + 1}`;
    if (isObject(item)) drafts.push({ where, fields: item });
    else problems.push({ where, message: "must be a JSON object" });
  });
  return { drafts, problems };
}

/** A plain-text file is one source: its first non-empty line is the title. */
export function parsePlainText(fileName: string, text: string): ParsedFile {
  const body = text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .trim();
  const title = body
    .split("\n")
    .find((line) => line.trim())
    ?.trim();
  if (!title) return { drafts: [], problems: [{ where: fileName, message: "is empty" }] };
  return { drafts: [{ where: fileName, fields: { title: title.slice(0, 500), text: body } }], problems: [] };
}
