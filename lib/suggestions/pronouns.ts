/**
 * Speakers that refer back. "he" and "she" stand for the nearest person named before them, in the same paragraph or
 * the one before, whose gender does not contradict the pronoun: "she" skips a man named in between and finds the
 * woman named before him. Gender comes from given names, titles and gendered nouns ("spokeswoman", "a mother of
 * six") and from earlier pronouns about the same person. When the nearest candidate's gender is unknown but a
 * different person further back is known to fit, the pronoun is ambiguous and is left unresolved ("she", no actor)
 * for the analyst rather than guessed, unless that nearest candidate is the speaker of a statement earlier in the
 * same paragraph (the usual reading of "…, he said"). "it" stands for the nearest organisation or government quoted before it.
 * "the official told the Financial Times" stands for the latest person in that window described by the same noun
 * ("A senior Saudi official"). Names inside quotation marks do not count (Velayati quoting Biden does not make Biden
 * the next "he").
 */
import type { ActorIndex, Mention } from "./actor-matching";
import { headWord, looksLikePerson, looksLikeProperName } from "./speaker-phrases";
import { paragraphIndexAt, quotationAt, sentenceAt, type TextLayout } from "./text-layout";
import type { Candidate } from "./types";
import { PERSON_NOUNS, genderOfWords, isGivenName, type Gender } from "./vocabulary";

/** A mention with who it is (an actor id, or a surname or description for people not among the known actors). */
type Antecedent = Mention & { entity: string; gender: Gender | null; /** The speaker of a statement, not only named. */ speaker: boolean };

const PRONOUN_GENDER: Record<string, Gender> = { he: "MALE", she: "FEMALE" };

/** "the official", "the Saudi minister": the role noun they refer back with, or null. */
function definiteRole(candidate: Candidate): string | null {
  if (candidate.pronoun || candidate.speakerId) return null;
  const match = /^the\s+(?:[\p{L}-]+\s+)?([\p{L}-]+)$/iu.exec(candidate.speakerText.trim());
  const noun = match?.[1]?.toLowerCase();
  return noun && PERSON_NOUNS.has(noun) ? noun : null;
}

/** Who a name or description is, for matching later mentions: "Samira Khoury" and "Khoury" are both "khoury". */
function entityOf(words: string, actorId: string | null): string {
  if (actorId) return actorId;
  const trimmed = words.trim().replace(/['’]s$/u, "");
  const name = /(?:\p{Lu}[\p{L}’'-]*|(?:al|el)-\p{Lu}[\p{L}’'-]*)$/u.exec(trimmed)?.[0];
  return (name && looksLikeProperName(name) ? name : trimmed).toLowerCase();
}

/**
 * Resolves referring speakers. A pronoun with no one to refer to is dropped, as a quotation with no speaker is; a
 * definite description with no antecedent stays as it is (named, if vaguely). Resolved to a known actor, the
 * speakerText stays "he"; resolved to a person named in the text but not among the known actors, it becomes that
 * person's words, so that the analyst can create the actor from them.
 */
export function resolvePronouns(layout: TextLayout, actors: ActorIndex, candidates: Candidate[]): Candidate[] {
  const { text } = layout;
  const mentions = initialMentions(layout, actors, candidates).sort((a, b) => a.start - b.start);
  const genders = new Map<string, Gender>();
  for (const mention of mentions) if (mention.gender) genders.set(mention.entity, mention.gender);
  const genderOf = (mention: Antecedent) => mention.gender ?? genders.get(mention.entity) ?? null;

  const resolved: Candidate[] = [];
  for (const candidate of [...candidates].sort((a, b) => a.speaker.start - b.speaker.start)) {
    const role = definiteRole(candidate);
    if (!candidate.pronoun && !role) {
      resolved.push(candidate);
      continue;
    }
    const paragraph = paragraphIndexAt(layout, candidate.speaker.start);
    const windowStart = layout.paragraphs[Math.max(0, paragraph - 1)]?.start ?? 0;
    const before = () => mentionsBefore(mentions, windowStart, candidate.speaker.start);
    const pronoun = candidate.pronoun ? text.slice(candidate.speaker.start, candidate.speaker.end).toLowerCase() : null;

    let antecedent: Antecedent | null | "ambiguous";
    if (role) {
      antecedent = first(before(), (mention) =>
        mention.actorId ? actors.holdsRole(mention.actorId, role) : headWord(mention.text.split(/\s+/)).toLowerCase() === role,
      );
    } else if (pronoun === "it") {
      antecedent = first(before(), (mention) => mention.speaker && !mention.person);
    } else {
      const gender = PRONOUN_GENDER[pronoun ?? ""] ?? null;
      let nearest: Antecedent | null = null;
      let confirmed: Antecedent | undefined;
      for (const mention of before()) {
        if (!mention.person || (gender !== null && (genderOf(mention) ?? gender) !== gender)) continue;
        nearest ??= mention;
        if (gender !== null && genderOf(mention) === gender) {
          confirmed = mention;
          break;
        }
      }
      // The speaker of a statement earlier in the same paragraph is the likeliest "he said", whatever their gender.
      // So is a person who opens the sentence before ("Ukrainian Foreign Minister Andriy Koval thanked Turkey. He said…").
      const salient =
        nearest !== null &&
        paragraphIndexAt(layout, nearest.start) === paragraph &&
        (nearest.speaker || opensSentence(layout, nearest.start));
      const doubtful =
        nearest !== null && genderOf(nearest) === null && !salient && confirmed !== undefined && confirmed.entity !== nearest.entity;
      antecedent = doubtful ? "ambiguous" : nearest;
    }

    if (antecedent === "ambiguous") {
      resolved.push(candidate);
      continue;
    }
    if (!antecedent) {
      if (role) resolved.push(candidate);
      continue;
    }
    const speakerText = antecedent.actorId ? candidate.speakerText : antecedent.text;
    resolved.push({ ...candidate, speakerId: antecedent.actorId, speakerText });
    // A resolved reference is itself a mention, so that "he said … he added" chains across paragraphs; it also
    // teaches the person's gender to later pronouns.
    const gender = pronoun ? (PRONOUN_GENDER[pronoun] ?? null) : genderOf(antecedent);
    if (gender && !genders.has(antecedent.entity)) genders.set(antecedent.entity, gender);
    insertByStart(mentions, { ...antecedent, ...candidate.speaker, gender, speaker: true });
  }
  return resolved;
}

/** The last span starting at or before `offset` (spans sorted by start). */
function lastStartingAtOrBefore<T extends { start: number }>(spans: T[], offset: number): T | undefined {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (spans[middle]!.start <= offset) low = middle + 1;
    else high = middle;
  }
  return spans[low - 1];
}

/** Index of the first mention starting at or after `offset` (mentions sorted by start). */
function firstStartingFrom(mentions: Antecedent[], offset: number): number {
  let low = 0;
  let high = mentions.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (mentions[middle]!.start < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The mentions in [windowStart, position), nearest first, read lazily: most pronouns stop at the first one or two. */
function* mentionsBefore(mentions: Antecedent[], windowStart: number, position: number): Generator<Antecedent> {
  for (let index = firstStartingFrom(mentions, position) - 1; index >= 0 && mentions[index]!.start >= windowStart; index--) {
    if (mentions[index]!.end <= position) yield mentions[index]!;
  }
}

function first(mentions: Iterable<Antecedent>, fits: (mention: Antecedent) => boolean): Antecedent | null {
  for (const mention of mentions) if (fits(mention)) return mention;
  return null;
}

function insertByStart(mentions: Antecedent[], mention: Antecedent): void {
  mentions.splice(firstStartingFrom(mentions, mention.start), 0, mention);
}

/** Known people named outside quotations, people named by a known given name, plus every named speaker. */
function initialMentions(layout: TextLayout, actors: ActorIndex, candidates: Candidate[]): Antecedent[] {
  const { text } = layout;
  const speakers: Antecedent[] = candidates
    .filter((candidate) => !candidate.pronoun && !definiteRole(candidate))
    .map((candidate) => {
      const subjectText = candidate.subject ? text.slice(candidate.subject.start, candidate.subject.end) : candidate.speakerText;
      // "Parvaneh said she did not mind": the pronoun opening the reported clause is the speaker's own.
      const ownPronoun =
        candidate.form === "PARAPHRASE"
          ? /^(he|she)\s/iu.exec(text.slice(candidate.content.start, candidate.content.start + 4))?.[1]?.toLowerCase()
          : undefined;
      const person = candidate.speakerId
        ? actors.kindOf(candidate.speakerId) === "PERSON"
        : ownPronoun !== undefined || looksLikePerson(candidate.speakerText) || looksLikePerson(subjectText);
      return {
        ...candidate.speaker,
        actorId: candidate.speakerId,
        text: candidate.speakerText,
        person,
        speaker: true,
        entity: entityOf(candidate.speakerText, candidate.speakerId),
        gender: person
          ? (genderOfWords(`${subjectText} ${appositionAfter(text, candidate.speaker.end)}`) ??
            (ownPronoun ? PRONOUN_GENDER[ownPronoun]! : null))
          : null,
      };
    });
  // "A senior adviser to … Ali Khamenei has said" mentions the adviser, not Khamenei.
  const speakerSpans = speakers.map((speaker) => ({ start: speaker.start, end: speaker.end })).sort((a, b) => a.start - b.start);
  const insideSpeaker = (mention: Mention) => {
    // Speaker spans do not nest, so only the last one starting at or before the mention can hold it.
    const holder = lastStartingAtOrBefore(speakerSpans, mention.start);
    return holder !== undefined && mention.end <= holder.end;
  };
  const known = actors.personMentions(layout).filter((mention) => !insideSpeaker(mention));
  const knownSpans = [...known].sort((a, b) => a.start - b.start);
  const named = namedPeople(layout).filter((mention) => {
    const other = lastStartingAtOrBefore(knownSpans, mention.end - 1);
    return !insideSpeaker(mention) && !(other !== undefined && mention.start < other.end);
  });
  // "Reardon said" is a person when "Tom Reardon" was named before.
  const people = new Set([
    ...[...known, ...named].map((mention) => entityOf(mention.text, mention.actorId)),
    ...speakers.filter((speaker) => speaker.person).map((speaker) => speaker.entity),
  ]);
  for (const speaker of speakers) if (!speaker.person && people.has(speaker.entity)) speaker.person = true;
  return [
    ...known.map((mention) => ({
      ...mention,
      entity: entityOf(mention.text, mention.actorId),
      gender: genderOfWords(mention.text),
      speaker: false,
    })),
    ...named,
    ...speakers,
  ];
}

/** Whether only a title stands between a sentence's start and this offset ("Ukrainian Foreign Minister …"). */
function opensSentence(layout: TextLayout, offset: number): boolean {
  const sentence = sentenceAt(layout, offset);
  return sentence !== undefined && /^(?:[\p{Lu}][\p{L}’'.-]*\s+)*$/u.test(layout.text.slice(sentence.start, offset));
}

/** The description after a name, where a gender often shows: "Um Mohammed, a mother of six," / "X, a spokeswoman for…". */
function appositionAfter(text: string, position: number): string {
  return /^,\s+(?:a|an|the)\s+[^,.;:“”"]{1,80}/u.exec(text.slice(position, position + 90))?.[0] ?? "";
}

const CAPITALISED = /\p{Lu}[\p{L}’'-]*/gu;
const TITLE_BEFORE =
  /(?:Minister|President|Prime Minister|Spokesman|Spokeswoman|Spokesperson|Ambassador|Envoy|Senator|Representative|Governor|General|Admiral|Secretary|Chancellor|Mayor|Dr\.?|Mr\.?|Mrs\.?|Ms\.?)\s+$/u;
const NAME_PART = /^\s+(?:(?:bin|bint|ibn|abu|al|el|de|van|von|der|da|di)\s+)?(?:al-|el-)?\p{Lu}[\p{L}’'-]*/u;

/** People not among the known actors, named outside quotations with a given name this module knows: "Omar Jassim". */
function namedPeople(layout: TextLayout): Antecedent[] {
  const { text } = layout;
  const found: Antecedent[] = [];
  for (const match of text.matchAll(CAPITALISED)) {
    const titled = !isGivenName(match[0]) && TITLE_BEFORE.test(text.slice(Math.max(0, match.index - 40), match.index));
    if ((!isGivenName(match[0]) && !titled) || quotationAt(layout, match.index)) continue;
    if (match.index > 0 && /[\p{L}-]/u.test(text[match.index - 1]!)) continue;
    let end = match.index + match[0].length;
    for (let parts = 0; parts < 4; parts++) {
      const part = NAME_PART.exec(text.slice(end, end + 40));
      if (!part) break;
      end += part[0].length;
    }
    if (end === match.index + match[0].length) continue; // a given name alone may be a word ("Will", "Mark")
    const words = text.slice(match.index, end).replace(/['’]s$/u, "");
    found.push({
      start: match.index,
      end: match.index + words.length,
      actorId: null,
      text: words,
      person: true,
      speaker: false,
      entity: entityOf(words, null),
      gender: genderOfWords(match[0]),
    });
  }
  return found;
}
