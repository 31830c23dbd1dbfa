/**
 * Speakers that refer back: "he said" / "she told reporters" stand for the most recently named person in the
 * preceding text, within the same paragraph or the one before; "the official told the Financial Times" stands for
 * the latest person in that window described by the same noun ("A senior Saudi official"). Names inside quotation
 * marks do not count (Velayati quoting Biden does not make Biden the next "he").
 */
import type { ActorIndex, Mention } from "./actor-matching";
import { headWord, looksLikePerson } from "./speaker-phrases";
import { paragraphIndexAt, type TextLayout } from "./text-layout";
import type { Candidate } from "./types";
import { PERSON_NOUNS } from "./vocabulary";

/** "the official", "the Saudi minister": the role noun they refer back with, or null. */
function definiteRole(candidate: Candidate): string | null {
  if (candidate.pronoun || candidate.speakerId) return null;
  const match = /^the\s+(?:[\p{L}-]+\s+)?([\p{L}-]+)$/iu.exec(candidate.speakerText.trim());
  const noun = match?.[1]?.toLowerCase();
  return noun && PERSON_NOUNS.has(noun) ? noun : null;
}

/**
 * Resolves referring speakers. A pronoun with no person to refer to is dropped, as a quotation with no speaker is;
 * a definite description with no antecedent stays as it is (named, if vaguely). Resolved to a known actor, the
 * speakerText stays "he"; resolved to a person named in the text but not among the known actors, it becomes that
 * person's words, so that the analyst can create the actor from them.
 */
export function resolvePronouns(layout: TextLayout, actors: ActorIndex, candidates: Candidate[]): Candidate[] {
  const mentions = initialMentions(layout, actors, candidates);
  const resolved: Candidate[] = [];
  for (const candidate of [...candidates].sort((a, b) => a.speaker.start - b.speaker.start)) {
    const role = definiteRole(candidate);
    if (!candidate.pronoun && !role) {
      resolved.push(candidate);
      continue;
    }
    const paragraph = paragraphIndexAt(layout, candidate.speaker.start);
    const windowStart = layout.paragraphs[Math.max(0, paragraph - 1)]?.start ?? 0;
    const fits = (mention: Mention) =>
      role === null
        ? mention.person
        : mention !== undefined &&
          (mention.actorId ? actors.holdsRole(mention.actorId, role) : headWord(mention.text.split(/\s+/)).toLowerCase() === role);
    const antecedent = latestMention(mentions, windowStart, candidate.speaker.start, fits);
    if (!antecedent) {
      if (role) resolved.push(candidate);
      continue;
    }
    const speakerText = antecedent.actorId ? candidate.speakerText : antecedent.text;
    resolved.push({ ...candidate, speakerId: antecedent.actorId, speakerText });
    // A resolved reference is itself a mention, so that "he said … he added" chains across paragraphs.
    mentions.push({ ...candidate.speaker, actorId: antecedent.actorId, text: antecedent.text, person: true });
  }
  return resolved;
}

/** Known people named outside quotations, plus every named speaker (a speaker phrase is one mention as a whole). */
function initialMentions(layout: TextLayout, actors: ActorIndex, candidates: Candidate[]): Mention[] {
  const speakers: Mention[] = candidates
    .filter((candidate) => !candidate.pronoun && !definiteRole(candidate))
    .map((candidate) => ({
      ...candidate.speaker,
      actorId: candidate.speakerId,
      text: candidate.speakerText,
      person: candidate.speakerId ? actors.kindOf(candidate.speakerId) === "PERSON" : looksLikePerson(candidate.speakerText),
    }));
  // "A senior adviser to … Ali Khamenei has said" mentions the adviser, not Khamenei.
  const insideSpeaker = (mention: Mention) => speakers.some((speaker) => mention.start >= speaker.start && mention.end <= speaker.end);
  return [...actors.personMentions(layout).filter((mention) => !insideSpeaker(mention)), ...speakers];
}

function latestMention(mentions: Mention[], from: number, before: number, fits: (mention: Mention) => boolean): Mention | null {
  let latest: Mention | null = null;
  for (const mention of mentions) {
    if (mention.start < from || mention.end > before || !fits(mention)) continue;
    if (!latest || mention.start > latest.start) latest = mention;
  }
  return latest;
}
