/**
 * The structure of a source text that attribution depends on: paragraphs, quotations and sentences, all as offsets
 * into the original string so that every suggestion can point back at exact characters.
 */
import type { Span } from "./types";

export type Quotation = {
  /** Offsets of the opening and the closing quotation mark. */
  open: number;
  close: number;
  /** The quoted words: inside the marks, without surrounding spaces or the comma that hands over to "he said". */
  content: Span;
  paragraph: number;
};

export type Sentence = Span & { index: number; paragraph: number };

export type TextLayout = {
  text: string;
  paragraphs: Span[];
  /** In text order; a quotation never contains a sentence boundary, so punctuation inside quotes cannot split one. */
  sentences: Sentence[];
  /** In text order, never nested or overlapping. */
  quotations: Quotation[];
};

// Words whose full stop does not end a sentence ("Mr. Velayati", "Jan. 3"). Single letters (initials, "U.S.") are handled apart.
const ABBREVIATIONS = new Set(
  "mr mrs ms dr prof gen lt col maj capt sgt sen rep gov rev st jr sr no vs etc inc ltd corp jan feb mar apr jun jul aug sep sept oct nov dec".split(
    " ",
  ),
);

export function analyseLayout(text: string): TextLayout {
  const paragraphs = splitParagraphs(text);
  const quotations: Quotation[] = [];
  const sentences: Sentence[] = [];
  paragraphs.forEach((paragraph, index) => {
    const inParagraph = findQuotations(text, paragraph, index);
    quotations.push(...inParagraph);
    for (const span of splitSentences(text, paragraph, inParagraph)) {
      sentences.push({ ...span, index: sentences.length, paragraph: index });
    }
  });
  return { text, paragraphs, sentences, quotations };
}

/** Blank lines separate paragraphs when the text has any; otherwise (text pasted from a web page) every line is one. */
function splitParagraphs(text: string): Span[] {
  const separator = /\n[ \t\r\f\v]*\n/.test(text) ? /\n\s*\n/g : /\n/g;
  const spans: Span[] = [];
  let start = 0;
  for (const match of text.matchAll(separator)) {
    spans.push({ start, end: match.index });
    start = match.index + match[0].length;
  }
  spans.push({ start, end: text.length });
  return spans.map((span) => trimSpan(text, span)).filter((span) => span.end > span.start);
}

/** Directional opening marks and the mark that closes each: English curly quotes and the guillemets of French, Persian and Arabic copy. */
const CLOSING_MARK: Record<string, string> = { "“": "”", "«": "»" };
const CLOSING_MARKS = new Set(Object.values(CLOSING_MARK));

/**
 * Pairs quotation marks within one paragraph (multi-paragraph quotations are out of scope): directional marks by
 * direction, straight ones in order of appearance. Single marks are ignored because ’ is also the apostrophe.
 */
function findQuotations(text: string, paragraph: Span, index: number): Quotation[] {
  const pairs: { open: number; close: number }[] = [];
  const straight: number[] = [];
  let open: number | null = null;
  for (let i = paragraph.start; i < paragraph.end; i++) {
    const mark = text[i]!;
    if (CLOSING_MARK[mark] !== undefined)
      open = i; // an earlier mark that never closed is abandoned
    else if (CLOSING_MARKS.has(mark) && open !== null && CLOSING_MARK[text[open]!] === mark) {
      pairs.push({ open, close: i });
      open = null;
    } else if (mark === '"') straight.push(i);
  }
  for (let k = 0; k + 1 < straight.length; k += 2) pairs.push({ open: straight[k]!, close: straight[k + 1]! });
  pairs.push(...singleQuotations(text, paragraph));
  pairs.sort((a, b) => a.open - b.open);

  const kept: Quotation[] = [];
  for (const pair of pairs) {
    const previous = kept.at(-1);
    if (previous && pair.open < previous.close) continue; // a mark of the other style inside a quotation
    const content = quotedWords(text, pair.open, pair.close);
    if (content.end > content.start) kept.push({ ...pair, content, paragraph: index });
  }
  return kept;
}

/**
 * British style quotes with single curly marks: ‘…’. The closing mark is also the apostrophe, so an opening ‘ at a
 * word's start is paired with a ’ that ends a word before the next opening mark: the first one after punctuation
 * (‘…,’ he said), else the last (so that "the ministers’ plan" inside the quotation does not close it).
 */
function singleQuotations(text: string, paragraph: Span): { open: number; close: number }[] {
  const openers: number[] = [];
  for (let i = paragraph.start; i < paragraph.end; i++) {
    if (text[i] === "‘" && (i === paragraph.start || /[\s(“"—–-]/u.test(text[i - 1]!))) openers.push(i);
  }
  const pairs: { open: number; close: number }[] = [];
  openers.forEach((open, index) => {
    const limit = openers[index + 1] ?? paragraph.end;
    let afterPunctuation: number | null = null;
    let last: number | null = null;
    for (let j = open + 2; j < limit; j++) {
      if (text[j] !== "’" || /\s/u.test(text[j - 1]!) || (j + 1 < paragraph.end && /\p{L}/u.test(text[j + 1]!))) continue;
      last = j;
      if (afterPunctuation === null && /[,.?!]/u.test(text[j - 1]!)) afterPunctuation = j;
    }
    const close = afterPunctuation ?? last;
    if (close !== null) pairs.push({ open, close });
  });
  return pairs;
}

function quotedWords(text: string, open: number, close: number): Span {
  const span = trimSpan(text, { start: open + 1, end: close });
  if (text[span.end - 1] === ",") span.end -= 1;
  return trimSpan(text, span);
}

function splitSentences(text: string, paragraph: Span, quotations: Quotation[]): Span[] {
  const spans: Span[] = [];
  let start = paragraph.start;
  const endSentence = (end: number) => {
    spans.push(trimSpan(text, { start, end }));
    start = end;
  };
  let next = 0;
  for (let i = paragraph.start; i < paragraph.end; i++) {
    const quotation = quotations[next];
    if (quotation && i === quotation.open) {
      // Jump over the quotation. Only a full stop inside it can end the outer sentence: after “…?” or “…!” the
      // attribution usually follows ("“What now?” Velayati asked").
      next += 1;
      i = quotation.close;
      if (text[quotation.content.end - 1] === "." && startsNewSentence(text, quotation.close + 1, paragraph.end)) {
        endSentence(quotation.close + 1);
      }
      continue;
    }
    const mark = text[i];
    if (mark !== "." && mark !== "?" && mark !== "!") continue;
    let end = i + 1;
    while (end < paragraph.end && /[)\]’]/.test(text[end]!)) end++;
    if (end < paragraph.end && !startsNewSentence(text, end, paragraph.end)) continue;
    if (mark === "." && isAbbreviation(text, i)) continue;
    endSentence(end);
    i = end - 1;
  }
  if (start < paragraph.end) endSentence(paragraph.end);
  return spans.filter((span) => span.end > span.start);
}

/** After a sentence-ending mark: a space, then a capital, a digit or an opening quotation mark. */
function startsNewSentence(text: string, position: number, limit: number): boolean {
  if (position >= limit) return true;
  if (!/\s/.test(text[position]!)) return false;
  let i = position;
  while (i < limit && /\s/.test(text[i]!)) i++;
  return i >= limit || /[\p{Lu}\p{N}“"‘«]/u.test(text[i]!);
}

function isAbbreviation(text: string, fullStop: number): boolean {
  const word = /(\p{L}+)$/u.exec(text.slice(Math.max(0, fullStop - 12), fullStop))?.[1];
  if (!word) return false;
  return word.length === 1 || ABBREVIATIONS.has(word.toLowerCase());
}

export function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

export function isBlank(text: string, start: number, end: number): boolean {
  return end <= start || text.slice(start, end).trim() === "";
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** The last item whose start is at or before `offset` (items sorted by start). */
function lastStartingAtOrBefore<T>(items: T[], offset: number, startOf: (item: T) => number): T | undefined {
  let low = 0;
  let high = items.length - 1;
  let found: T | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const item = items[middle]!;
    if (startOf(item) <= offset) {
      found = item;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

export function sentenceAt(layout: TextLayout, offset: number): Sentence | undefined {
  const sentence = lastStartingAtOrBefore(layout.sentences, offset, (s) => s.start);
  return sentence && offset < sentence.end ? sentence : undefined;
}

/** The quotation whose marks enclose `offset` (the marks included). */
export function quotationAt(layout: TextLayout, offset: number): Quotation | undefined {
  const quotation = lastStartingAtOrBefore(layout.quotations, offset, (q) => q.open);
  return quotation && offset <= quotation.close ? quotation : undefined;
}

export function paragraphIndexAt(layout: TextLayout, offset: number): number {
  const paragraph = lastStartingAtOrBefore(layout.paragraphs, offset, (p) => p.start);
  return paragraph ? layout.paragraphs.indexOf(paragraph) : 0;
}

export function neighbouringQuotations(layout: TextLayout, quotation: Quotation): { previous?: Quotation; next?: Quotation } {
  const index = layout.quotations.indexOf(quotation);
  const previous = layout.quotations[index - 1];
  const next = layout.quotations[index + 1];
  return {
    previous: previous?.paragraph === quotation.paragraph ? previous : undefined,
    next: next?.paragraph === quotation.paragraph ? next : undefined,
  };
}
