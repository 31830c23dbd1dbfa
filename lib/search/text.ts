// Pure helpers of search: the query as PostgreSQL will read it, the words to
// mark in results, and short excerpts around them. No I/O; unit-tested.

/** The longest query accepted: longer text is a pasted document, not a search. */
export const maximumQueryLength = 200;

/**
 * The folding PostgreSQL's search_fold() applies (prisma/sql/search.sql), so
 * the words marked in results are the words the database matched: lower case,
 * compatibility-decomposed, accents and Arabic-script marks dropped, Arabic
 * letter variants written as the Persian ones.
 */
export function foldForSearch(value: string): string {
  const stripped = value
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640\u200c\u200d]/g, "");
  const from = "يىكأإآٱۀةøłđ";
  const to = "ییکاااااههold";
  let folded = "";
  for (const character of stripped) {
    const index = from.indexOf(character);
    folded += index === -1 ? character : to[index];
  }
  return folded;
}

/**
 * The query as typed, tidied for websearch_to_tsquery: typographic quotation
 * marks become straight ones (so “red lines” is a phrase), control characters
 * and runs of space go. Null when nothing searchable is left.
 */
export function normaliseSearchQuery(raw: string): string | null {
  const tidied = raw
    .replace(/[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\uff02]/g, '"')
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!/[\p{L}\p{N}]/u.test(tidied)) return null;
  return tidied;
}

/**
 * Whether the query asks for exact words: a quoted phrase or an excluded word
 * ("-iran"). Typo matching reads the query as loose words and would ignore
 * both, so it is skipped then.
 */
export function queryAsksForExactWords(query: string): boolean {
  return query.includes('"') || /(^|\s)-[\p{L}\p{N}]/u.test(query);
}

/** The folded words to mark in results: every word of the query except excluded ones and "or". */
export function highlightTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const match of query.matchAll(/(^|\s)(-?)("?)([^\s"]+)/gu)) {
    if (match[2] === "-") continue;
    for (const word of foldForSearch(match[4]!).match(/[\p{L}\p{N}]+/gu) ?? []) {
      if (word === "or") continue;
      terms.add(word);
    }
  }
  return [...terms];
}

/** A piece of displayed text: marked when it matched the query. React renders it as text, never as HTML. */
export type TextPiece = { text: string; marked: boolean };

// A word matches a term when they share a stem-like prefix: "sanctions" marks
// "sanction" and "sanctioned" (English stemming found them), "zurich" marks
// "Zürich". Short terms must match the start of the word exactly.
function wordMatches(word: string, terms: string[]): boolean {
  const folded = foldForSearch(word);
  return terms.some((term) => {
    if (folded.startsWith(term)) return true;
    if (term.length < 4) return false;
    let shared = 0;
    while (shared < folded.length && shared < term.length && folded[shared] === term[shared]) shared += 1;
    return shared >= Math.max(4, Math.min(folded.length, term.length) - 2);
  });
}

/** Splits text into pieces, marking the words that match the terms. */
export function highlight(text: string, terms: string[]): TextPiece[] {
  const pieces: TextPiece[] = [];
  const push = (piece: string, marked: boolean) => {
    if (!piece) return;
    const last = pieces[pieces.length - 1];
    if (last && last.marked === marked) last.text += piece;
    else pieces.push({ text: piece, marked });
  };
  let position = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}\p{M}\u200c\u200d]+/gu)) {
    const start = match.index;
    push(text.slice(position, start), false);
    push(match[0], terms.length > 0 && wordMatches(match[0], terms));
    position = start + match[0].length;
  }
  push(text.slice(position), false);
  return pieces;
}

/**
 * About `length` characters of text around its first matching word, cut at
 * word boundaries, with an ellipsis where text was left out; the beginning of
 * the text when no word matches (the match was on a stem or a typo).
 */
export function excerpt(text: string, terms: string[], length = 240): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= length) return flat;
  let first = -1;
  for (const match of flat.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    if (wordMatches(match[0], terms)) {
      first = match.index;
      break;
    }
  }
  let start = first <= 0 ? 0 : Math.max(0, first - Math.floor(length / 3));
  let end = Math.min(flat.length, start + length);
  start = Math.max(0, end - length);
  if (start > 0) {
    const space = flat.indexOf(" ", start);
    if (space !== -1 && space < first) start = space + 1;
  }
  if (end < flat.length) {
    const space = flat.lastIndexOf(" ", end);
    if (space > start) end = space;
  }
  return `${start > 0 ? "… " : ""}${flat.slice(start, end)}${end < flat.length ? " …" : ""}`;
}
