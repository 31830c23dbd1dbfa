// Aligns a source's original text with its translation, so that a span cut
// from the original maps to the passage of the translation that renders it.
// Pure: no I/O, the same in the browser (the panel) and on the server (the
// default passage of a statement made through the API).
//
// Both texts are split into paragraphs (line breaks) and paragraphs into
// sentences (Intl.Segmenter, which knows the Arabic question mark and the
// Persian and Urdu full stops). Paragraphs are paired by index when both
// texts have as many; otherwise, and always for the sentences within a pair of
// paragraphs, by length in the manner of Gale and Church (1993, "A program for
// aligning sentences in bilingual corpora"): a dynamic programme over 1–1,
// 1–0, 0–1, 2–1, 1–2 and 2–2 beads whose cost is how unlikely the lengths are
// as translations of each other. The expected ratio of lengths is read from
// the two texts themselves (Persian is shorter than its English rendering),
// not fixed at Gale and Church's 1.

import type { TextSpan } from "./offsets";

/** One bead: consecutive units of the original rendered by consecutive units of the translation (either side may be empty). */
export type AlignedPair = { original: TextSpan | null; translation: TextSpan | null };

export type Alignment = {
  paragraphs: AlignedPair[];
  /** Sentence beads in text order, within aligned paragraphs. */
  sentences: AlignedPair[];
};

/** Paragraphs: runs of text between line breaks, trimmed, empty ones left out. */
export function splitParagraphs(text: string, within: TextSpan = { startOffset: 0, endOffset: text.length }): TextSpan[] {
  const spans: TextSpan[] = [];
  const pattern = /[^\r\n]+/g;
  pattern.lastIndex = within.startOffset;
  for (let match = pattern.exec(text); match && match.index < within.endOffset; match = pattern.exec(text)) {
    const span = trimmed(text, { startOffset: match.index, endOffset: Math.min(match.index + match[0].length, within.endOffset) });
    if (span) spans.push(span);
  }
  return spans;
}

const segmenters = new Map<string, Intl.Segmenter>();
function sentenceSegmenter(language: string): Intl.Segmenter {
  let segmenter = segmenters.get(language);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(language, { granularity: "sentence" });
    segmenters.set(language, segmenter);
  }
  return segmenter;
}

/** The sentences of one span of text (a paragraph), by the language's rules, trimmed. */
export function splitSentences(text: string, within: TextSpan, language: string): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const { index, segment } of sentenceSegmenter(language).segment(text.slice(within.startOffset, within.endOffset))) {
    const span = trimmed(text, { startOffset: within.startOffset + index, endOffset: within.startOffset + index + segment.length });
    if (span) spans.push(span);
  }
  return spans;
}

function trimmed(text: string, span: TextSpan): TextSpan | null {
  let { startOffset, endOffset } = span;
  while (startOffset < endOffset && /\s/.test(text[startOffset]!)) startOffset += 1;
  while (endOffset > startOffset && /\s/.test(text[endOffset - 1]!)) endOffset -= 1;
  return endOffset > startOffset ? { startOffset, endOffset } : null;
}

const length = (span: TextSpan) => span.endOffset - span.startOffset;

// Gale and Church's priors for each kind of bead and the variance of the length difference per character.
const beadKinds: { original: number; translation: number; prior: number }[] = [
  { original: 1, translation: 1, prior: 0.89 },
  { original: 1, translation: 0, prior: 0.0099 / 2 },
  { original: 0, translation: 1, prior: 0.0099 / 2 },
  { original: 2, translation: 1, prior: 0.089 / 2 },
  { original: 1, translation: 2, prior: 0.089 / 2 },
  { original: 2, translation: 2, prior: 0.011 },
];
const varianceFactor = 6.8;

/** The standard normal distribution's upper tail, P(Z > z) for z ≥ 0 (Abramowitz and Stegun 26.2.17, error < 7.5e-8). */
function upperTail(z: number): number {
  const t = 1 / (1 + 0.2316419 * z);
  const density = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);
  return density * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
}

/** −log P(bead kind) − log P(the two lengths | a true translation), Gale and Church's match cost. */
function beadCost(originalLength: number, translationLength: number, ratio: number, prior: number): number {
  if (originalLength === 0 && translationLength === 0) return 0;
  const mean = (originalLength + translationLength / ratio) / 2;
  const delta = (translationLength - originalLength * ratio) / Math.sqrt(mean * varianceFactor);
  const probability = Math.max(2 * upperTail(Math.abs(delta)), 1e-12);
  return -Math.log(prior) - Math.log(probability);
}

/**
 * Aligns two sequences of units by length: the cheapest sequence of beads
 * covering both. `ratio` is the expected translation length per original character.
 */
export function alignByLength(original: readonly TextSpan[], translation: readonly TextSpan[], ratio: number): AlignedPair[] {
  const rows = original.length;
  const columns = translation.length;
  const cost: number[][] = Array.from({ length: rows + 1 }, () => Array<number>(columns + 1).fill(Infinity));
  const step: number[][] = Array.from({ length: rows + 1 }, () => Array<number>(columns + 1).fill(-1));
  cost[0]![0] = 0;
  for (let i = 0; i <= rows; i += 1) {
    for (let j = 0; j <= columns; j += 1) {
      if (i === 0 && j === 0) continue;
      beadKinds.forEach((kind, index) => {
        const fromI = i - kind.original;
        const fromJ = j - kind.translation;
        if (fromI < 0 || fromJ < 0 || cost[fromI]![fromJ] === Infinity) return;
        let originalLength = 0;
        for (let k = fromI; k < i; k += 1) originalLength += length(original[k]!);
        let translationLength = 0;
        for (let k = fromJ; k < j; k += 1) translationLength += length(translation[k]!);
        const total = cost[fromI]![fromJ]! + beadCost(originalLength, translationLength, ratio, kind.prior);
        if (total < cost[i]![j]!) {
          cost[i]![j] = total;
          step[i]![j] = index;
        }
      });
    }
  }
  const pairs: AlignedPair[] = [];
  for (let i = rows, j = columns; i > 0 || j > 0;) {
    const kind = beadKinds[step[i]![j]!]!;
    const fromI = i - kind.original;
    const fromJ = j - kind.translation;
    pairs.push({ original: union(original.slice(fromI, i)), translation: union(translation.slice(fromJ, j)) });
    i = fromI;
    j = fromJ;
  }
  return pairs.reverse();
}

function union(spans: readonly TextSpan[]): TextSpan | null {
  if (spans.length === 0) return null;
  return { startOffset: spans[0]!.startOffset, endOffset: spans[spans.length - 1]!.endOffset };
}

function totalLength(spans: readonly TextSpan[]): number {
  return spans.reduce((sum, span) => sum + length(span), 0);
}

/** Aligns an original text with its translation, paragraph by paragraph, then sentence by sentence. */
export function alignTexts(original: { text: string; language: string }, translation: { text: string; language: string }): Alignment {
  const originalParagraphs = splitParagraphs(original.text);
  const translationParagraphs = splitParagraphs(translation.text);
  const ratio = totalLength(translationParagraphs) / Math.max(1, totalLength(originalParagraphs)) || 1;
  // Translators keep paragraphs: when the counts agree, the index is the alignment.
  const paragraphs =
    originalParagraphs.length === translationParagraphs.length
      ? originalParagraphs.map((paragraph, index) => ({ original: paragraph, translation: translationParagraphs[index]! }))
      : alignByLength(originalParagraphs, translationParagraphs, ratio);
  const sentences: AlignedPair[] = [];
  for (const pair of paragraphs) {
    if (!pair.original || !pair.translation) {
      sentences.push(pair);
      continue;
    }
    const originalSentences = splitParagraphs(original.text, pair.original).flatMap((line) =>
      splitSentences(original.text, line, original.language),
    );
    const translationSentences = splitParagraphs(translation.text, pair.translation).flatMap((line) =>
      splitSentences(translation.text, line, translation.language),
    );
    // The ratio within this pair of paragraphs, so one loosely translated paragraph does not skew the others.
    const localRatio = totalLength(translationSentences) / Math.max(1, totalLength(originalSentences)) || ratio;
    sentences.push(...alignByLength(originalSentences, translationSentences, localRatio));
  }
  return { paragraphs, sentences };
}

const overlaps = (a: TextSpan, b: TextSpan) => a.startOffset < b.endOffset && b.startOffset < a.endOffset;

/**
 * The passage of the translation that renders a span of the original: the
 * translated sentences of every sentence the span touches. When those
 * sentences have no counterpart (a sentence the translator left out), the
 * translation of their paragraph. Null when the span lies outside the text or
 * the paragraph itself was not translated.
 */
export function translationPassageFor(alignment: Alignment, span: TextSpan): TextSpan | null {
  const sentences = alignment.sentences.filter((pair) => pair.original && overlaps(pair.original, span));
  const rendered = sentences.flatMap((pair) => (pair.translation ? [pair.translation] : []));
  if (rendered.length > 0)
    return {
      startOffset: Math.min(...rendered.map((found) => found.startOffset)),
      endOffset: Math.max(...rendered.map((found) => found.endOffset)),
    };
  const paragraphs = alignment.paragraphs.flatMap((pair) =>
    pair.original && pair.translation && overlaps(pair.original, span) ? [pair.translation] : [],
  );
  if (paragraphs.length === 0) return null;
  return {
    startOffset: Math.min(...paragraphs.map((found) => found.startOffset)),
    endOffset: Math.max(...paragraphs.map((found) => found.endOffset)),
  };
}

// Scripts written right to left: Arabic, Persian, Urdu, Pashto, Sindhi, Central and Southern Kurdish (Arabic
// script), Uyghur, Hebrew, Yiddish, Dhivehi, Syriac, N'Ko. The language subtag decides; a script subtag is not accepted
// by the language codes Stancewatch stores (lib/sources/languages.ts).
const rightToLeftLanguages = new Set([
  "ar",
  "fa",
  "ur",
  "ps",
  "sd",
  "ckb",
  "sdh",
  "ug",
  "he",
  "yi",
  "dv",
  "syr",
  "nqo",
  "prs",
  "arz",
  "apc",
  "acm",
  "ajp",
  "ary",
  "aeb",
]);

/** The direction a language's text runs in, for an element's `dir`. */
export function textDirection(language: string): "rtl" | "ltr" {
  return rightToLeftLanguages.has(language.split("-")[0]!.toLowerCase()) ? "rtl" : "ltr";
}
