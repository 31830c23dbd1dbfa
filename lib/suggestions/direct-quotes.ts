/**
 * Direct quotations and who said them: the attribution after the quotation (“…,” Velayati said / said Velayati),
 * before it (Velayati said: “…” / According to Velayati, “…”), or carried over from the quotation just before
 * (a paragraph that is only “…” continues the previous speaker's remarks).
 */
import type { ActorIndex } from "./actor-matching";
import { isPronoun, phraseAfter, sourceSpeaker, speakerAfterVerb, speakerBeforeVerb } from "./speaker-phrases";
import { isBlank, neighbouringQuotations, sentenceAt, wordCount, type Quotation, type TextLayout } from "./text-layout";
import type { Candidate, Span, SuggestionChannel } from "./types";
import { channelOf, findSpeechVerbs, matchAddressee, skipAdverbials, type VerbMatch } from "./vocabulary";

/** Attribution sits next to its quotation; this bounds the search (and the work on text without full stops). */
const ATTRIBUTION_REACH = 600;

type Attribution = {
  speaker: Span;
  subject?: Span;
  cue: Span;
  /** The attribution words in which to look for the channel ("told a weekly press conference", "In a statement, …"). */
  channelWords: Span;
  /** Set when the source phrase itself says it ("according to a statement from…"). */
  channel?: SuggestionChannel;
};

export type DirectQuotes = {
  candidates: Candidate[];
  /** Quotations with no attribution of their own; a few continue the quotation before them. */
  unattributed: Quotation[];
  /** Offsets of the reporting verbs used here, so that reported-speech detection does not read them a second time. */
  consumedCues: Set<number>;
};

export function suggestDirectQuotes(layout: TextLayout, actors: ActorIndex): DirectQuotes {
  const isKnown = (phrase: string) => actors.match(phrase) !== null;
  const result: DirectQuotes = { candidates: [], unattributed: [], consumedCues: new Set() };
  for (const quotation of layout.quotations) {
    const attribution = attributionAfter(layout, quotation, isKnown) ?? attributionBefore(layout, quotation, isKnown);
    if (!attribution) {
      result.unattributed.push(quotation);
      continue;
    }
    result.consumedCues.add(attribution.cue.start);
    result.candidates.push(candidateFor(layout, quotation, attribution, actors));
  }
  return result;
}

function candidateFor(layout: TextLayout, quotation: Quotation, attribution: Attribution, actors: ActorIndex): Candidate {
  const { text } = layout;
  const speakerText = text.slice(attribution.speaker.start, attribution.speaker.end);
  const pronoun = isPronoun(speakerText);
  const channel = attribution.channel ?? channelOf(text.slice(attribution.channelWords.start, attribution.channelWords.end));
  const lastWord = Math.max(quotation.close, attribution.cue.end - 1, attribution.speaker.end - 1);
  return {
    form: "DIRECT_QUOTE",
    content: quotation.content,
    speaker: attribution.speaker,
    ...(attribution.subject ? { subject: attribution.subject } : {}),
    speakerText,
    speakerId: pronoun ? null : (actors.match(speakerText)?.id ?? null),
    pronoun,
    cue: text.slice(attribution.cue.start, attribution.cue.end),
    ...(channel ? { channel } : {}),
    lastSentence: sentenceAt(layout, lastWord)?.index ?? -1,
  };
}

/** The verb, "told"'s addressee, and a channel phrase right after them: "told a weekly press conference", "said in a statement". */
function cueFrom(text: string, verb: VerbMatch, limit: number): Span {
  let end = verb.end;
  if (verb.role.addressee !== "none") {
    const addressee = matchAddressee(text, end, limit);
    if (addressee) end = addressee.end;
  }
  const adverbialEnd = skipAdverbials(text, end, limit);
  if (channelOf(text.slice(end, adverbialEnd))) end = adverbialEnd;
  return { start: verb.start, end };
}

/** “…,” Velayati said / “…,” said a senior western diplomat in Tehran / “…” Esmaeil Baghaei told a weekly press conference. */
/**
 * A news dateline before a story's first quotation ("TEHRAN — ", "Riyadh (Reuters) - "): the quotation
 * still opens the sentence as far as attribution goes.
 */
function isDateline(prefix: string): boolean {
  return /^\s*\p{Lu}[\p{L} .'’]{0,40}(?:\([^)]{1,30}\))?\s*[—–-]\s*$/u.test(prefix);
}

function attributionAfter(layout: TextLayout, quotation: Quotation, isKnown: (phrase: string) => boolean): Attribution | null {
  const { text } = layout;
  const sentence = sentenceAt(layout, quotation.open);
  // Only a quotation that opens its sentence, or a clause of it ("X warned the West, “…,” the minister said"), is
  // handed over to a speaker after it; a quoted phrase inside a clause ("members of the “axis” said…") is not what
  // the following verb reports.
  if (!sentence) return null;
  const prefix = text.slice(sentence.start, quotation.open);
  if (!(isBlank(text, sentence.start, quotation.open) || isDateline(prefix) || /[,;:—–]\s*$/u.test(prefix))) return null;
  // “….” followed by a capital is a new sentence, not "he said".
  if (text[quotation.content.end - 1] === ".") return null;
  const { next } = neighbouringQuotations(layout, quotation);
  const limit = Math.min(sentence.end, next?.open ?? Infinity, quotation.close + ATTRIBUTION_REACH);
  let position = quotation.close + 1;
  while (position < limit && /[\s,]/.test(text[position]!)) position++;
  if (position >= limit) return null;

  const according = /according\s+to\s+/iuy;
  according.lastIndex = position;
  if (according.exec(text)) {
    const source = sourceSpeaker(text, phraseAfter(text, according.lastIndex, limit));
    const cue = { start: position, end: position + "according to".length };
    return source ? { speaker: source.speaker, cue, channelWords: cue, channel: source.channel } : null;
  }

  for (const verb of findSpeechVerbs(text, position, limit)) {
    if (!verb.role.quotes) continue;
    if (verb.start === position) {
      if (!verb.role.inverted) return null;
      const speaker = speakerAfterVerb(text, verb.end, limit);
      if (!speaker) return null;
      const clauseEnd = /[,;.]/.exec(text.slice(speaker.end, limit));
      return {
        speaker,
        cue: { start: verb.start, end: verb.end },
        channelWords: { start: verb.start, end: clauseEnd ? speaker.end + clauseEnd.index : limit },
      };
    }
    const found = speakerBeforeVerb(text, position, verb.start, "forward", isKnown);
    if (found) {
      const cue = cueFrom(text, verb, limit);
      return { speaker: found.speaker, subject: found.subject, cue, channelWords: { start: position, end: cue.end } };
    }
    // A speaker phrase is short; past that, the verb belongs to some other clause.
    if (wordCount(text.slice(position, verb.start)) > 14) return null;
  }
  return null;
}

/** Velayati said: “…” / X told reporters that “…” / According to X, “…” / “…,” Velayati said, “…” (the second part). */
function attributionBefore(layout: TextLayout, quotation: Quotation, isKnown: (phrase: string) => boolean): Attribution | null {
  const { text } = layout;
  const sentence = sentenceAt(layout, quotation.open);
  if (!sentence) return null;
  const { previous, next } = neighbouringQuotations(layout, quotation);
  const from = previous && previous.close >= sentence.start ? previous.close + 1 : sentence.start;
  // The quotation must be what the verb introduces, running to the end of the sentence: in "X said “the talks”
  // would resume" the quoted words are only part of a paraphrase.
  const tailEnd = Math.min(sentence.end, next?.open ?? Infinity);
  if (!/^[\s.,;:!?)…]*$/.test(text.slice(quotation.close + 1, tailEnd))) return null;

  if (quotation.open - from > ATTRIBUTION_REACH) return null;
  const before = text.slice(from, quotation.open);
  const according = /(?:^|[\s,])according\s+to\s+([^,]+?)\s*,\s*$/iu.exec(before);
  if (according) {
    const phraseStart = from + according.index + according[0].indexOf(according[1]!);
    const source = sourceSpeaker(text, { start: phraseStart, end: phraseStart + according[1]!.length });
    const cueStart = from + according.index + according[0].search(/according/i);
    const cue = { start: cueStart, end: cueStart + "according to".length };
    return source ? { speaker: source.speaker, cue, channelWords: { start: from, end: quotation.open }, channel: source.channel } : null;
  }

  const verb = findSpeechVerbs(text, from, quotation.open)
    .filter((v) => v.role.quotes)
    .at(-1);
  if (!verb) return null;
  let speaker: Span | null;
  let cue: Span;
  if (verb.role.inverted && /^[\s,]*$/.test(text.slice(from, verb.start))) {
    speaker = speakerAfterVerb(text, verb.end, quotation.open); // “…,” said Velayati, “…”
    cue = { start: verb.start, end: verb.end };
  } else {
    speaker = speakerBeforeVerb(text, from, verb.start, "forward", isKnown)?.speaker ?? null;
    cue = cueFrom(text, verb, quotation.open);
  }
  if (!speaker) return null;
  // Between the attribution and the quotation only adverbials and ":", "," or "that" may stand.
  const gapStart = skipAdverbials(text, Math.max(cue.end, speaker.end), quotation.open);
  if (!/^\s*(?:[:,]\s*)?(?:that\s+)?$/u.test(text.slice(gapStart, quotation.open))) return null;
  return { speaker, cue, channelWords: { start: from, end: quotation.open } };
}

/**
 * Quotations without attribution that carry on the statement just before: the next sentence after an attributed
 * quotation (in the same or the next paragraph), or after a paraphrase in the same paragraph. They inherit its
 * speaker, cue and channel. Anything else stays unattributed, and is not suggested.
 */
export function continueQuotations(layout: TextLayout, unattributed: Quotation[], attributed: Candidate[]): Candidate[] {
  const { text } = layout;
  const endingInSentence = new Map<number, Candidate>();
  for (const candidate of [...attributed].sort((a, b) => a.content.start - b.content.start))
    endingInSentence.set(candidate.lastSentence, candidate);

  const continued: Candidate[] = [];
  for (const quotation of unattributed) {
    const sentence = sentenceAt(layout, quotation.open);
    if (!sentence || !isBlank(text, sentence.start, quotation.open)) continue;
    if (!/^[\s.,;:!?)…]*$/.test(text.slice(quotation.close + 1, sentence.end))) continue;
    const previous = endingInSentence.get(sentence.index - 1);
    const previousSentence = layout.sentences[sentence.index - 1];
    if (!previous || !previousSentence) continue;
    const paragraphsApart = sentence.paragraph - previousSentence.paragraph;
    if (paragraphsApart > 1 || (previous.form === "PARAPHRASE" && paragraphsApart > 0)) continue;
    const candidate: Candidate = { ...previous, form: "DIRECT_QUOTE", content: quotation.content, lastSentence: sentence.index };
    continued.push(candidate);
    endingInSentence.set(sentence.index, candidate);
  }
  return continued;
}
