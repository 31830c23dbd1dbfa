// What every intake format produces before validation: a draft source with
// whatever fields the file gave, and where it came from ("feed.xml, item 3"),
// so each problem can be reported by file and line or item.

export type DraftFields = {
  title?: unknown;
  publisher?: unknown;
  url?: unknown;
  publishedOn?: unknown;
  language?: unknown;
  text?: unknown;
} & Record<string, unknown>;

export type SourceDraft = { where: string; fields: DraftFields };

export type IntakeProblem = { where: string; message: string; existingSourceId?: string };

export type ParsedFile = { drafts: SourceDraft[]; problems: IntakeProblem[] };

/** YYYY-MM-DD from a date as pages and feeds write it: the calendar date as written when ISO, else its UTC date. */
export function calendarDateOf(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const iso = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(trimmed);
  if (iso) return iso[1];
  const time = Date.parse(trimmed);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}

/** Collapses spaces within lines and runs of blank lines, keeping paragraphs apart. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
