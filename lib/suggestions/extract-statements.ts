/**
 * Suggests candidate statements in a source text for an analyst to accept, edit or dismiss: direct quotations with
 * their attributed speaker, and reported speech. Pure and synchronous: no I/O, no model, only the text's own
 * attribution formulas ("…,” Velayati said", "X told a press conference", "according to X", "X accused Y of…").
 *
 * The passes, in order:
 * 1. layout: paragraphs, quotation marks (curly and straight) and sentences, as offsets into the text;
 * 2. direct quotations and the attribution around them;
 * 3. reported speech on the reporting verbs the quotations did not use;
 * 4. "he"/"she" resolved to the latest named person, "the official" to the latest one so described;
 * 4b. a participle ("…, adding that …", "…, saying …") hands the rest of the sentence to the same speaker;
 * 5. unattributed quotations that continue the quotation (or paraphrase) just before;
 * 6. reported speech cut short where a quotation with its own attribution begins;
 * 7. duplicates and overlaps removed, results in text order.
 */
import { buildActorIndex, normalisePhrase } from "./actor-matching";
import { continueQuotations, suggestDirectQuotes } from "./direct-quotes";
import { splitAtParticiples } from "./participles";
import { resolvePronouns } from "./pronouns";
import { suggestReportedSpeech } from "./reported-speech";
import { analyseLayout, quotationAt, trimSpan, wordCount, type TextLayout } from "./text-layout";
import type { Candidate, KnownActor, StatementSuggestion } from "./types";

export type { ActorKind, KnownActor, StatementSuggestion, SuggestionChannel } from "./types";

export function suggestStatements(text: string, actors: KnownActor[]): StatementSuggestion[] {
  if (text.trim() === "") return [];
  const layout = analyseLayout(text);
  const actorIndex = buildActorIndex(actors);

  const quoted = suggestDirectQuotes(layout, actorIndex);
  const reported = suggestReportedSpeech(layout, actorIndex, quoted.consumedCues);
  const attributed = resolvePronouns(layout, actorIndex, splitAtParticiples(layout, actorIndex, [...quoted.candidates, ...reported]));
  const continued = continueQuotations(layout, quoted.unattributed, attributed);

  const quotations = [...attributed.filter((candidate) => candidate.form === "DIRECT_QUOTE"), ...continued];
  const clipped = attributed
    .flatMap((candidate) => clippedAtQuotations(layout, candidate, quotations))
    .flatMap((candidate) => withoutWritersWords(layout, candidate));
  return withoutOverlaps(withoutDuplicates(text, [...clipped, ...continued]))
    .sort((a, b) => a.content.start - b.content.start)
    .map((candidate) => toSuggestion(text, candidate));
}

function toSuggestion(text: string, candidate: Candidate): StatementSuggestion {
  const { start, end } = candidate.content;
  return {
    quote: text.slice(start, end),
    startOffset: start,
    endOffset: end,
    form: candidate.form,
    speakerText: candidate.speakerText,
    speakerId: candidate.speakerId,
    ...(candidate.channel ? { channel: candidate.channel } : {}),
    cue: candidate.cue,
  };
}

/**
 * Reported speech ends where a quotation that is a statement of its own begins. Without this, "X warned the West
 * against sanctions, “We are ready to talk,” the minister said." became one paraphrase holding the first clause, the
 * quotation and its attribution (issue #13). A quoted fragment with no attribution of its own ("his country was
 * “honoured to help”") stays inside the paraphrase, which is its statement. Returns [] when too little is left.
 */
function clippedAtQuotations(layout: TextLayout, candidate: Candidate, quotations: Candidate[]): Candidate[] {
  if (candidate.form !== "PARAPHRASE") return [candidate];
  const { start, end } = candidate.content;
  let clipEnd = end;
  for (const quoted of quotations) {
    const open = quotationAt(layout, quoted.content.start)?.open ?? quoted.content.start;
    if (open >= start && open < clipEnd) clipEnd = open;
  }
  if (clipEnd === end) return [candidate];
  const words = layout.text.slice(start, clipEnd).replace(/[\s,;:—–-]+$/u, "");
  const content = trimSpan(layout.text, { start, end: start + words.length });
  return wordCount(layout.text.slice(content.start, content.end)) >= 3 ? [{ ...candidate, content }] : [];
}

/** A news dateline opening a paragraph: "JERUSALEM (Reuters) - ", "BAGHDAD, July 9 (AFP) - ", "VIENNA — ". */
const DATELINE = /^\p{Lu}[\p{Lu}\p{L} .'’]{1,40}(?:,\s+\p{Lu}\p{Ll}+\.?\s+\d{1,2})?\s*(?:\([^)]{1,30}\))?\s*[—–-]\s+/u;
// Where the reporter's words take over inside a paraphrase: another source ("…, according to the ministry") or an
// aside ("…, an allegation Israel denies").
const WRITERS_WORDS =
  /,\s+(?:according\s+to\s|(?:an?\s+)?(?:allegation|accusation|charge|claim)s?\s+(?:that\s+)?[^,.]{0,60}?\b(?:denies|deny|denied|rejects|rejected|disputes|disputed)\b)/u;

/**
 * The words of a paraphrase that are the reporter's, not the speaker's: a dateline at its start, and from another
 * source's "according to" or an aside such as "an allegation Israel denies" to its end. Returns [] when too little is left.
 */
function withoutWritersWords(layout: TextLayout, candidate: Candidate): Candidate[] {
  if (candidate.form !== "PARAPHRASE") return [candidate];
  const { text } = layout;
  let { start, end } = candidate.content;
  const dateline = DATELINE.exec(text.slice(start, end));
  if (dateline && (start === 0 || text[start - 1] === "\n")) start += dateline[0].length;
  const aside = WRITERS_WORDS.exec(text.slice(start, end));
  const ownSource = /^according to$/iu.test(candidate.cue) && /according/iu.test(aside?.[0] ?? "");
  if (aside && !ownSource && !quotationAt(layout, start + aside.index)) end = start + aside.index;
  if (start === candidate.content.start && end === candidate.content.end) return [candidate];
  const content = trimSpan(text, { start, end });
  return wordCount(text.slice(content.start, content.end)) >= 3 ? [{ ...candidate, content }] : [];
}

/** The same words from the same speaker said twice (a headline repeated in a scraped page) are one suggestion. */
function withoutDuplicates(text: string, candidates: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return [...candidates]
    .sort((a, b) => a.content.start - b.content.start)
    .filter((candidate) => {
      const words = text.slice(candidate.content.start, candidate.content.end);
      const key = [candidate.form, candidate.speakerId ?? normalisePhrase(candidate.speakerText), words].join("\u0000");
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/**
 * Of two overlapping suggestions keep one. Of two paraphrases, the one whose speaker is named inside the other's
 * words wins. A direct quotation beats a paraphrase that is mostly the same words;
 * a paraphrase beats a quoted fragment inside it (“much ado about nothing” in "Velayati dismissed the strikes
 * as “much ado about nothing” and accused…"), since the paraphrase is the statement. Otherwise the longer wins.
 */
function withoutOverlaps(candidates: Candidate[]): Candidate[] {
  const kept: Candidate[] = [];
  const sorted = [...candidates].sort((a, b) => a.content.start - b.content.start || b.content.end - a.content.end);
  for (const candidate of sorted) {
    const rivals = kept.filter((other) => overlaps(other, candidate));
    if (rivals.every((rival) => preferred(candidate, rival) === candidate)) {
      for (const rival of rivals) kept.splice(kept.indexOf(rival), 1);
      kept.push(candidate);
    }
  }
  return kept;
}

function overlaps(a: Candidate, b: Candidate): boolean {
  return a.content.start < b.content.end && b.content.start < a.content.end;
}

function length(candidate: Candidate): number {
  return candidate.content.end - candidate.content.start;
}

function preferred(a: Candidate, b: Candidate): Candidate {
  // "Vermeulen said the bloc…, according to a statement from the Commission": the attribution inside the other's
  // words is the closer one.
  const inside = (speaker: Candidate, words: Candidate) =>
    speaker.speaker.start >= words.content.start && speaker.speaker.end <= words.content.end;
  if (a.form === "PARAPHRASE" && b.form === "PARAPHRASE" && inside(a, b) !== inside(b, a)) return inside(a, b) ? a : b;
  if (a.form !== b.form) {
    const [direct, paraphrase] = a.form === "DIRECT_QUOTE" ? [a, b] : [b, a];
    const shared = Math.min(direct.content.end, paraphrase.content.end) - Math.max(direct.content.start, paraphrase.content.start);
    return shared * 2 >= length(paraphrase) ? direct : paraphrase;
  }
  return length(b) > length(a) ? b : a;
}
