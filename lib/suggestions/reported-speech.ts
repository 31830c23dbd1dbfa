/**
 * Reported speech without quotation marks. Three shapes, decided by what follows the reporting verb:
 * - a clause: "Iran’s leadership said the country reserved the right…" → the clause, spoken by the subject;
 * - an object: "Arab governments condemned Israel’s actions…" → the sentence from the subject on, because the
 *   object alone ("Israel’s actions") does not say what was said;
 * - nothing: "…, the spokesman said." → the words before the speaker.
 * Plus "according to X", at either end of a sentence.
 */
import type { ActorIndex } from "./actor-matching";
import {
  headWord,
  isPlausibleSpeaker,
  isPronoun,
  looksLikeProperName,
  phraseAfter,
  sourceSpeaker,
  speakerBeforeVerb,
} from "./speaker-phrases";
import { isBlank, quotationAt, trimSpan, wordCount, type Sentence, type TextLayout } from "./text-layout";
import type { Candidate, Span, SuggestionChannel } from "./types";
import { NAME_SEQUENCE, SPEAKER_NOUNS, channelOf, findSpeechVerbs, matchAddressee, skipAdverbials, type VerbMatch } from "./vocabulary";

// Longer "sentences" are tables, lists or text without punctuation: reading them for reported speech would guess,
// and would cost time quadratic in their length.
const MAX_SENTENCE_LENGTH = 2000;

// "warned Washington that…", "assured them that…"
const ADDRESSEE_THEN_THAT = new RegExp(
  String.raw`^\s+(?:(?:the\s+)?${NAME_SEQUENCE}|him|her|them|us|reporters|journalists)\s+that\s+`,
  "u",
);

export function suggestReportedSpeech(layout: TextLayout, actors: ActorIndex, consumedCues: Set<number>): Candidate[] {
  const candidates: Candidate[] = [];
  for (const sentence of layout.sentences) {
    if (sentence.end - sentence.start > MAX_SENTENCE_LENGTH) continue;
    for (const verb of findSpeechVerbs(layout.text, sentence.start, sentence.end)) {
      if (consumedCues.has(verb.start) || quotationAt(layout, verb.start)) continue;
      const candidate = reportedSpeechAt(layout, sentence, verb, actors);
      if (candidate) candidates.push(candidate);
    }
    candidates.push(...accordingTo(layout, sentence, actors, consumedCues));
  }
  const headline = headlineAttribution(layout, actors);
  return headline ? [headline, ...candidates] : candidates;
}

/** "FM spokesman: Iran will not negotiate under pressure": a headline naming its speaker before a colon. */
function headlineAttribution(layout: TextLayout, actors: ActorIndex): Candidate | null {
  const { text } = layout;
  const first = layout.paragraphs[0];
  const sentence = layout.sentences[0];
  if (!first || !sentence || layout.paragraphs.length < 2 || sentence.end < first.end) return null;
  const match = /^([^:“”"«»‘]{2,60}?):\s+(\S.{9,})$/u.exec(text.slice(first.start, first.end));
  // "Analysis: …" or "Note: …" are rubrics, not speakers: the phrase must be a known actor, a role or a full name.
  const words = match?.[1]?.trim().split(/\s+/) ?? [];
  const names =
    match !== null &&
    isPlausibleSpeaker(match[1]!) &&
    (actors.match(match[1]!) !== null ||
      SPEAKER_NOUNS.has(headWord(words).toLowerCase()) ||
      (words.length >= 2 && looksLikeProperName(match[1]!)));
  if (!match || words.length > 5 || !names) return null;
  const colon = first.start + match[1]!.length;
  const speaker = trimSpan(text, { start: first.start, end: colon });
  const content = trimSpan(text, { start: colon + 1, end: first.end });
  return paraphrase(text, sentence, content, { speaker, cue: { start: colon, end: colon + 1 }, channel: undefined }, actors);
}

/** The end of a sentence's words, without its full stop (which is the writer's, not the speaker's). */
function wordsEnd(text: string, sentence: Sentence): number {
  const span = trimSpan(text, sentence);
  return text[span.end - 1] === "." ? span.end - 1 : span.end;
}

// After "…, he said": the statement goes on ("but…", "had violated…"), rather than the reporter adding words of their own.
const INTERRUPTED =
  /^\s*,\s+(?:but|and|yet|so|or|had|has|have|was|were|is|are|would|will|could|should|must|did|does|do|can|may|might|remained|remains)\s/u;

type Shape = { kind: "clause"; contentStart: number } | { kind: "object" } | { kind: "trailing" };

/** What follows the verb (after "told"'s addressee and any "on Monday", "in a statement"): a clause, an object or nothing. */
function shapeAfterVerb(text: string, verb: VerbMatch, afterCue: number, limit: number): Shape | null {
  const afterAdverbials = skipAdverbials(text, afterCue, limit);
  const rest = text.slice(afterAdverbials, limit);
  const { role } = verb;
  if (role.clause !== "none") {
    const that = /^\s*,?\s*that\s+/u.exec(rest) ?? (role.addressee === "optional" ? ADDRESSEE_THEN_THAT.exec(rest) : null);
    if (that) return { kind: "clause", contentStart: afterAdverbials + that[0].length };
  }
  if (/^\s*(?:[,.;:!?]|$)/u.test(rest)) return role.trailing ? { kind: "trailing" } : null;
  if (role.clause === "optional-that") return { kind: "clause", contentStart: afterAdverbials + (rest.length - rest.trimStart().length) };
  return role.objectForm ? { kind: "object" } : null;
}

function reportedSpeechAt(layout: TextLayout, sentence: Sentence, verb: VerbMatch, actors: ActorIndex): Candidate | null {
  const { text } = layout;
  const end = wordsEnd(text, sentence);
  let cueEnd = verb.end;
  if (verb.role.addressee === "required") {
    const addressee = matchAddressee(text, verb.end, end);
    if (!addressee) return null; // "told" without someone told is not attribution
    cueEnd = addressee.end;
  }
  const shape = shapeAfterVerb(text, verb, cueEnd, end);
  if (!shape) return null;

  const isKnown = (phrase: string) => actors.match(phrase) !== null;
  // "Now, several residents said, the police rarely stop anyone": the attribution comes first, set off by commas, and
  // the statement is what follows it.
  const afterAttribution = skipAdverbials(text, cueEnd, end);
  const fronted =
    shape.kind === "trailing"
      ? /^\s*,\s+(?:(?:however|though|nonetheless),\s+)?(?:that\s+)?/u.exec(text.slice(afterAttribution, end))
      : null;
  let subject = speakerBeforeVerb(text, sentence.start, verb.start, shape.kind === "trailing" ? "trailing" : "forward", isKnown);
  if (fronted && !INTERRUPTED.test(text.slice(afterAttribution, end))) {
    const tiny = !subject?.contentBefore || wordCount(text.slice(subject.contentBefore.start, subject.contentBefore.end)) < 3;
    const opener = tiny ? (subject ?? speakerBeforeVerb(text, sentence.start, verb.start, "forward", isKnown)) : null;
    if (opener) subject = { ...opener, contentBefore: { start: afterAttribution + fronted[0].length, end } };
  }
  if (!subject) return null;

  let content: Span;
  let attributionWords: Span;
  if (shape.kind === "clause") {
    content = { start: shape.contentStart, end };
    attributionWords = { start: sentence.start, end: shape.contentStart };
  } else if (shape.kind === "object") {
    if (wordCount(text.slice(verb.end, end)) < 2) return null; // "…an allegation Tehran denies."
    content = { start: subject.subject.start, end };
    attributionWords = { start: sentence.start, end: skipAdverbials(text, cueEnd, end) };
  } else {
    if (!subject.contentBefore) return null;
    // "The RSF, he said, had violated every ceasefire": the attribution interrupts the statement, which is the whole
    // sentence (as with "according to" in the middle).
    const interrupted = INTERRUPTED.test(text.slice(skipAdverbials(text, cueEnd, end), end));
    content = interrupted ? { start: subject.contentBefore.start, end } : subject.contentBefore;
    attributionWords = { start: subject.speaker.start, end: sentence.end };
  }
  content = trimSpan(text, content);
  if (wordCount(text.slice(content.start, content.end)) < 3) return null;
  // Reported words start outside quotation marks, or exactly at an opening mark.
  const enclosing = quotationAt(layout, content.start);
  if (enclosing && enclosing.open !== content.start) return null;

  const adverbialEnd = skipAdverbials(text, cueEnd, end);
  if (channelOf(text.slice(cueEnd, adverbialEnd))) cueEnd = adverbialEnd;
  const channel = channelOf(text.slice(attributionWords.start, attributionWords.end));
  return paraphrase(
    text,
    sentence,
    content,
    { speaker: subject.speaker, subject: subject.subject, cue: { start: verb.start, end: cueEnd }, channel },
    actors,
  );
}

type Attribution = { speaker: Span; subject?: Span; cue: Span; channel: SuggestionChannel | undefined };

function paraphrase(text: string, sentence: Sentence, content: Span, attribution: Attribution, actors: ActorIndex): Candidate {
  const { speaker, subject, cue, channel } = attribution;
  const speakerText = text.slice(speaker.start, speaker.end);
  const pronoun = isPronoun(speakerText);
  return {
    form: "PARAPHRASE",
    content,
    speaker,
    ...(subject ? { subject } : {}),
    speakerText,
    speakerId: pronoun ? null : (actors.match(speakerText)?.id ?? null),
    pronoun,
    cue: text.slice(cue.start, cue.end),
    ...(channel ? { channel } : {}),
    lastSentence: sentence.index,
  };
}

/**
 * "According to X, …" (the rest of the sentence), "…, according to X." (what came before), or "…, according to X, …"
 * in the middle (the whole sentence, since the reported words are split around the attribution).
 */
function accordingTo(layout: TextLayout, sentence: Sentence, actors: ActorIndex, consumedCues: Set<number>): Candidate[] {
  const { text } = layout;
  const end = wordsEnd(text, sentence);
  const found: Candidate[] = [];
  for (const match of text.slice(sentence.start, end).matchAll(/according\s+to\s+/giu)) {
    const cue = { start: sentence.start + match.index, end: sentence.start + match.index + "according to".length };
    if (consumedCues.has(cue.start) || quotationAt(layout, cue.start)) continue;
    const phrase = phraseAfter(text, sentence.start + match.index + match[0].length, end);
    const source = sourceSpeaker(text, phrase);
    const around = source && wordsAroundAccordingTo(text, sentence, end, cue, phrase);
    if (!source || !around) continue;
    const content = trimSpan(text, around);
    if (wordCount(text.slice(content.start, content.end)) < 3) continue;
    const channel = source.channel ?? channelOf(text.slice(cue.start, phrase.end));
    found.push(paraphrase(text, sentence, content, { speaker: source.speaker, cue, channel }, actors));
  }
  return found;
}

/** A description set off by commas after a name: ", a hydrologist at the University of Baghdad," / ", who…,". */
const APPOSITION = /^\s*(?:a|an|who|(?:co-)?founder|head|director|author|editor|chair|chief|president|professor)\s+[^,.;:“”"]{1,120},/u;
const FINITE_VERB = /\s(?:is|are|was|were|will|would|has|have|had|can|could|may|might|must|should)\s/u;

function wordsAroundAccordingTo(text: string, sentence: Sentence, end: number, cue: Span, phrase: Span): Span | null {
  const afterPhrase = text.slice(phrase.end, end);
  if (isBlank(text, sentence.start, cue.start)) {
    if (!/^\s*,/.test(afterPhrase)) return null;
    const start = phrase.end + afterPhrase.indexOf(",") + 1;
    // "According to Layla Hamdan, a hydrologist at the University of Baghdad, Iraq loses…": skip the apposition.
    const apposition = looksLikeProperName(text.slice(phrase.start, phrase.end)) ? APPOSITION.exec(text.slice(start, end)) : null;
    // "a drought is likely," is what was said, not a description of the source.
    const describes = apposition !== null && (/^\s*who\s/u.test(apposition[0]) || !FINITE_VERB.test(apposition[0]));
    return { start: describes ? start + apposition[0].length : start, end };
  }
  if (!/,\s*$/.test(text.slice(sentence.start, cue.start))) return null;
  // "Inflation has been above 40%, according to the central bank, and the rial has lost…": a new clause after the
  // attribution is the reporter's, so the statement is what came before.
  const closesClause = /^[\s.]*$/.test(afterPhrase) || /^\s*,\s+(?:and|but|while|whereas)\s/u.test(afterPhrase);
  return closesClause ? { start: sentence.start, end: text.lastIndexOf(",", cue.start) } : { start: sentence.start, end };
}
