/**
 * Finding the words that name a speaker around a reporting verb, and judging whether they can be a speaker at all.
 * There is no parser here: news attribution is formulaic enough that comma-separated chunks and a few word lists
 * recover the subject, and a strict plausibility check throws out what they get wrong.
 */
import { trimSpan } from "./text-layout";
import type { Span, SuggestionChannel } from "./types";
import {
  ADVERBIAL_OPENER,
  FUNCTION_WORDS,
  INSTITUTION_WORDS,
  NON_SPEAKER_WORDS,
  PERSON_NOUNS,
  PREPOSITIONS,
  SPEAKER_NOUNS,
  channelOf,
  isGivenName,
  isSpeechVerb,
  stripTrailingAdverbials,
} from "./vocabulary";

// "it" stands for an organisation or government quoted before ("In a statement, it said…").
const PRONOUNS = new Set(["he", "she", "it"]);

// Words that may stand between a subject and its verb: "Iran has also said", "Khamenei on Sunday signalled".
const AUXILIARIES = new Set("has have had also later earlier again previously then since once first reportedly further".split(" "));
// A verb after these is not a statement made: "did not say", "declined to comment", "would warn", "was condemned".
const BLOCKERS = new Set(
  "not never to would will could can may might must should shall did does do was were is are be been being".split(" "),
);
// Adverbs in -ly are dropped too ("strongly condemned"), but not these nouns ("a close ally said").
const NOUNS_ENDING_IN_LY = new Set("ally family assembly rally daily supply monopoly anomaly".split(" "));
const TRAILING_TIME = /\s(?:late\s+|early\s+)?on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/u;

const NAME_PARTICLES = /^(?:al|el|bin|bint|ibn|abu|de|van|von|der|da|di|la|le)$|^(?:al|el)-/u;

export function isPronoun(phrase: string): boolean {
  return PRONOUNS.has(phrase.trim().toLowerCase());
}

/** "Salim al-Harthy", "Esmaeil Baghaei": every word capitalised or a name particle. */
export function looksLikeProperName(phrase: string): boolean {
  const words = phrase.trim().split(/\s+/);
  // Up to seven words: "Sayyid Hilal bin Saud Al Hinai".
  if (words.length === 0 || words.length > 7) return false;
  if (words.some((word) => /['’]s?$/.test(word))) return false;
  return words.every((word) => /^\p{Lu}/u.test(word) || NAME_PARTICLES.test(word)) && words.some((word) => /^\p{Lu}/u.test(word));
}

/** The noun a speaker phrase is about: "adviser" in "A senior adviser to Iran’s supreme leader", "diplomats" in "two Gulf diplomats briefed on…". */
export function headWord(words: string[]): string {
  // "one of the sources", "two of them": the head is what the quantifier counts.
  if (words.length > 2 && FUNCTION_WORDS_BEFORE_OF.test(words[0]!) && words[1]!.toLowerCase() === "of") return headWord(words.slice(2));
  let head = words[0] ?? "";
  for (const [position, word] of words.entries()) {
    const bare = word.replace(/['’]s?$/, "");
    if (position > 0 && (PREPOSITIONS.has(bare) || (/^\p{Ll}/u.test(bare) && /(?:ed|ing)$/.test(bare)))) break;
    head = bare;
  }
  return head.replace(/[^\p{L}\p{N}-]+$/u, "");
}

const FUNCTION_WORDS_BEFORE_OF = /^(?:one|two|three|four|five|some|several|many|most|each|none|all|both|few|any)$/iu;

/** Whether a phrase can name a speaker at all: short, verb-free, headed by a name or by a noun such as "officials". */
export function isPlausibleSpeaker(phrase: string): boolean {
  const words = phrase.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 14) return false;
  if (words.length === 1 && isPronoun(phrase)) return true;
  if (words.length === 3 && FUNCTION_WORDS_BEFORE_OF.test(words[0]!) && /^of\s+them$/iu.test(words.slice(1).join(" "))) return true;
  if (/[“”"«»‘?!]/.test(phrase)) return false;
  if (words.some((word) => NON_SPEAKER_WORDS.has(word.toLowerCase()) || isSpeechVerb(word))) return false;
  if (looksLikeProperName(phrase)) return true;
  const head = headWord(words);
  if (SPEAKER_NOUNS.has(head.toLowerCase())) return true;
  // "water resources minister Ahmed al-Saadi": a surname with its article is still a name.
  return /^\p{Lu}/u.test(head.replace(/^(?:al|el)-/u, "")) && !FUNCTION_WORDS.has(head.toLowerCase());
}

/** Whether "he" or "she" could refer to this (unknown) speaker: a personal name or a one-person role. */
export function looksLikePerson(phrase: string): boolean {
  const words = phrase.trim().split(/\s+/);
  if (PERSON_NOUNS.has(headWord(words).toLowerCase())) return true;
  if (INSTITUTION_WORDS.has(headWord(words).toLowerCase())) return false;
  if (words.length === 1 && isGivenName(words[0]!)) return true; // "Shirin", named by her first name only
  const capitalisedTail = words.slice(-2);
  return capitalisedTail.length === 2 && looksLikeProperName(capitalisedTail.join(" "));
}

type Segment = Span;

/** Splits a stretch of text at commas, semicolons, colons and dashes into its non-empty chunks. */
function segmentsOf(text: string, from: number, to: number): { segments: Segment[]; endsWithSeparator: boolean } {
  // A comma handing a quotation over ("…at any time,” Foreign Minister X said") takes the closing mark with it.
  const separator = /\s*(?:[,;:][”"’»]?|\s[-–—]\s|[–—])\s*/gu;
  const slice = text.slice(from, to);
  const segments: Segment[] = [];
  let start = 0;
  for (const match of slice.matchAll(separator)) {
    segments.push(trimSpan(text, { start: from + start, end: from + match.index }));
    start = match.index + match[0].length;
  }
  const last = trimSpan(text, { start: from + start, end: to });
  segments.push(last);
  return { segments: segments.filter((segment) => segment.end > segment.start), endsWithSeparator: last.end === last.start };
}

/** Scene-setting openers ("On Monday", "In Tehran", "However") and, at the start of a paragraph, datelines ("RIYADH"). */
function isSceneSetting(text: string, segment: Segment): boolean {
  const words = text.slice(segment.start, segment.end);
  if (ADVERBIAL_OPENER.test(words)) return true;
  const opensParagraph = segment.start === 0 || text[segment.start - 1] === "\n";
  return opensParagraph && /^[\p{Lu}\s/.'-]{3,}$/u.test(words);
}

/** Of a name and its apposition ("Velayati, a former foreign minister," / "Oman’s foreign minister, Salim al-Harthy,"), the one that names. */
function namingSegment(text: string, first: Segment, second: Segment | undefined, isKnown: (phrase: string) => boolean): Segment {
  if (!second || second.end === second.start) return first;
  const firstWords = text.slice(first.start, first.end);
  const secondWords = text.slice(second.start, second.end);
  if (isKnown(firstWords)) return first;
  if (isKnown(secondWords)) return second;
  if (looksLikeProperName(secondWords) && !looksLikeProperName(firstWords)) return second;
  return first;
}

function withoutLeadingConjunction(text: string, segment: Segment): Segment {
  const match = /^(?:and|but|yet|so|then|while)\s+/i.exec(text.slice(segment.start, segment.end));
  return match ? { start: segment.start + match[0].length, end: segment.end } : segment;
}

/** Drops the auxiliaries and adverbs before the verb; null when they show the verb is not a statement made. */
function endOfSubject(text: string, from: number, verbStart: number): number | null {
  let end = verbStart;
  for (;;) {
    const before = text.slice(from, end).replace(/\s+$/, "");
    const time = TRAILING_TIME.exec(before);
    if (time) {
      end = from + time.index;
      continue;
    }
    const word = /(?:^|\s)([\p{L}’'-]+)$/u.exec(before)?.[1];
    if (!word) return from + before.length;
    const lower = word.toLowerCase();
    if (BLOCKERS.has(lower) || /n[’']t$/.test(lower)) return null;
    if (AUXILIARIES.has(lower) || (/^\p{Ll}+ly$/u.test(word) && !NOUNS_ENDING_IN_LY.has(lower))) {
      end = from + before.length - word.length;
      continue;
    }
    return from + before.length;
  }
}

export type SubjectFound = {
  /** The words naming the speaker. */
  speaker: Span;
  /** The whole subject, apposition included ("Oman’s foreign minister, Salim al-Harthy"). */
  subject: Span;
  /** In trailing mode, the reported words before the subject. */
  contentBefore: Span | null;
};

/**
 * The speaker named before a verb, within [from, verbStart).
 * - "forward": the clause starts with scene-setting and then the subject ("On Monday, Iran’s foreign ministry
 *   spokesman said…", "Ali Akbar Velayati, a former foreign minister…, told…").
 * - "trailing": the reported words come first ("Iran would respond, the spokesman said."); they are returned too.
 * A subject followed by a comma is a name and its apposition; either of the two may be the naming part.
 */
export function speakerBeforeVerb(
  text: string,
  from: number,
  verbStart: number,
  mode: "forward" | "trailing",
  isKnown: (phrase: string) => boolean,
): SubjectFound | null {
  const end = endOfSubject(text, from, verbStart);
  if (end === null || end <= from) return null;
  const { segments: named, endsWithSeparator } = segmentsOf(text, from, end);

  let group: Segment[];
  let contentBefore: Span | null = null;
  if (mode === "forward") {
    const firstIndex = named.findIndex((segment) => !isSceneSetting(text, segment));
    if (firstIndex < 0) return null;
    group = endsWithSeparator ? named.slice(firstIndex, firstIndex + 2) : named.slice(-1);
  } else {
    group = endsWithSeparator ? named.slice(-2) : named.slice(-1);
    const before = named.slice(0, named.length - group.length);
    const firstContent = before.findIndex((segment) => !isSceneSetting(text, segment));
    if (firstContent < 0 || group.length === 0) return null;
    // Trailing attribution is set off by a comma ("…, the spokesman said"); after a dash the words are more likely
    // a relative clause ("— an allegation Tehran denies").
    if (!text.slice(before.at(-1)!.end, group[0]!.start).includes(",")) return null;
    contentBefore = { start: before[firstContent]!.start, end: before.at(-1)!.end };
  }
  // "France, Germany and Britain said": a list of names is one speaker, not "Germany and Britain".
  if (mode === "forward" && !endsWithSeparator) {
    const listStart = startOfNameList(text, named);
    if (listStart !== null) group = [{ start: listStart, end: named.at(-1)!.end }];
  }
  const [first, second] = group;
  if (!first) return null;
  // A lone capitalised word before the verb is a subject ("NATO said"), never a dateline, so only openers disqualify it.
  if (ADVERBIAL_OPENER.test(text.slice(first.start, first.end))) return null;
  const subjectStart = withoutLeadingConjunction(text, first).start;
  const speaker = withoutLeadingConjunction(text, namingSegment(text, first, second, isKnown));
  if (!isPlausibleSpeaker(text.slice(speaker.start, speaker.end))) return null;
  return { speaker, subject: { start: subjectStart, end: (second ?? first).end }, contentBefore };
}

/** Where a comma-separated list of names ending "…, B and C" starts, when the last segment is its end; else null. */
function startOfNameList(text: string, segments: Segment[]): number | null {
  const last = segments.at(-1);
  if (!last) return null;
  const lastWords = text.slice(last.start, last.end);
  const pair = /^(.+?)\s+and\s+(.+)$/u.exec(lastWords);
  if (!pair || !looksLikeProperName(pair[1]!) || !looksLikeProperName(pair[2]!)) return null;
  let start: number | null = null;
  for (let index = segments.length - 2; index >= 0; index--) {
    const words = text.slice(segments[index]!.start, segments[index]!.end);
    if (!looksLikeProperName(words) || words.split(/\s+/).length > 3 || isSceneSetting(text, segments[index]!)) break;
    start = segments[index]!.start;
  }
  return start;
}

/** The words after a verb up to the next punctuation, without time or channel phrases: "said Velayati on Monday." → "Velayati". */
export function phraseAfter(text: string, position: number, limit: number): Span {
  let start = position;
  while (start < limit && /\s/.test(text[start]!)) start++;
  let end = start;
  while (end < limit && !/[,;:.?!(“”"«»‘—–]/.test(text[end]!)) end++;
  const phrase = stripTrailingAdverbials(text.slice(start, end).trimEnd());
  return { start, end: start + phrase.length };
}

/** The speaker named after an inverted verb ("said a senior western diplomat in Tehran, …"). */
export function speakerAfterVerb(text: string, position: number, limit: number): Span | null {
  const speaker = phraseAfter(text, position, limit);
  return speaker.end > speaker.start && isPlausibleSpeaker(text.slice(speaker.start, speaker.end)) ? speaker : null;
}

const DOCUMENT_FROM =
  /^(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,2}?(statement|readout|communiqu[eé]|transcript|release|report|post|letter)\s+(?:from|by|issued\s+by|released\s+by|published\s+by|of)\s+/iu;

/**
 * "according to a statement from the Saudi foreign ministry" names the ministry as the speaker and a statement as
 * the channel; "according to figures from the UN" names no speaker (the plausibility check rejects "figures").
 */
export function sourceSpeaker(text: string, phrase: Span): { speaker: Span; channel?: SuggestionChannel } | null {
  const words = text.slice(phrase.start, phrase.end);
  const document = DOCUMENT_FROM.exec(words);
  const speaker = document ? { start: phrase.start + document[0].length, end: phrase.end } : phrase;
  if (!isPlausibleSpeaker(text.slice(speaker.start, speaker.end))) return null;
  return { speaker, channel: document ? channelOf(document[0]) : undefined };
}
