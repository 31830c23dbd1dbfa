/**
 * A second statement hung on the first by a participle or a second verb: "Al-Saadi said Iraq had asked for talks, adding that Baghdad
 * was ready for arbitration", "…, saying the situation had become “unbearable”", "“…,” she said, adding: “…”".
 * Likewise a second reporting verb sharing the subject: "X told the council that the fighting risked a catastrophe,
 * and urged the parties to agree a pause", "X accused the RSF of killings and said Washington would impose
 * sanctions". The words after the participle or verb are a statement of their own by the same speaker, and the
 * statement before stops where they begin. Two denunciations joined by "and" ("dismissed the strikes as … and
 * accused Israel of …") stay one statement, as the analyst codes them together.
 */
import { isBlank, quotationAt, sentenceAt, trimSpan, wordCount, type TextLayout } from "./text-layout";
import type { ActorIndex } from "./actor-matching";
import { isPronoun, speakerBeforeVerb } from "./speaker-phrases";
import type { Candidate, Span } from "./types";
import { matchAddressee, skipAdverbials, verbRoleOf } from "./vocabulary";

// "adding" and "saying" begin a new statement, with or without "that" ("adding, “…”" too); "stressing", "noting",
// "insisting", "emphasising" and "underlining" only with "that". "…condemned Israel’s actions, warning that…" stays
// one statement: the warning qualifies the condemnation (and "warning of war" is not a clause at all).
const PARTICIPLE =
  /,[”"’»]?\s+(?:and\s+)?(?:(adding|saying)(?:\s*[:,]|\s+that)?|(stressing|noting|insisting|emphasi[sz]ing|underlining)\s+that)\s+/gu;

// Past tenses only: "and calls" or "and claims" are more often nouns.
const SECOND_VERB = /,?\s+(?:and|but)\s+(?:also\s+)?(said|told|\p{Ll}+ed)(?![\p{L}])/gu;

// Participles whose subject is the sentence's, even when the main verb reports nothing: "X went further, calling for
// sanctions", "X ended the briefing by saying that…".
const SUBJECT_PARTICIPLE = /(?:,\s+(calling)\s+(?=(?:for|on)\s)|\s+by\s+(saying)(?:\s+that)?\s+)/gu;
const PREDICATE = /(?<![\p{L}’'-])(?:\p{Ll}+ed|went|made|took|gave|spoke|came|began|broke|struck|sought|stood)(?![\p{L}’'-])/u;

// "…said in a statement that it enforced all obligations, but that it could not be held responsible…"
const SECOND_THAT = /,\s+(?:but|and)\s+(?:also\s+)?that\s+/gu;

type Joint = { index: number; after: number; cue: string; ownSubject?: boolean; sameCue?: boolean };

/** Where a participle or second verb begins and where the words it reports start. */
function jointsIn(layout: TextLayout): Joint[] {
  const { text } = layout;
  const joints: Joint[] = [];
  // The joint is where the space begins, so that "…as “strategic,” stressing that…" keeps its closing mark.
  for (const match of text.matchAll(PARTICIPLE))
    joints.push({ index: match.index + match[0].search(/\s/u), after: match.index + match[0].length, cue: match[1] ?? match[2]! });
  for (const match of text.matchAll(SECOND_VERB)) {
    const verb = match[1]!;
    const role = verbRoleOf(verb);
    if (!role || !role.quotes) continue;
    const verbStart = match.index + match[0].length - verb.length;
    let after = match.index + match[0].length;
    if (role.clause === "none")
      after = verbStart; // "and urged the parties to…": the statement is the predicate
    else {
      if (role.addressee !== "none") after = matchAddressee(text, after, text.length)?.end ?? after;
      after = skipAdverbials(text, after, text.length);
      const that = /^\s*,?\s*that\s+/u.exec(text.slice(after, after + 12));
      if (that) after += that[0].length;
      else if (role.clause === "that-only") after = verbStart;
    }
    joints.push({ index: match.index, after, cue: verb });
  }
  for (const match of text.matchAll(SECOND_THAT))
    joints.push({ index: match.index, after: match.index + match[0].length, cue: "", sameCue: true });
  for (const match of text.matchAll(SUBJECT_PARTICIPLE))
    joints.push({
      index: match.index,
      // "calling for…" is itself the statement; after "by saying (that)" the clause is.
      after: match[1] ? match.index + match[0].indexOf(match[1]) : match.index + match[0].length,
      cue: match[1] ?? match[2]!,
      ownSubject: true,
    });
  return joints.sort((a, b) => a.index - b.index);
}

/** The subject of a sentence's first predicate ("Democratic Senator Peter Van Allen" in "… went further, calling…"). */
function sentenceSubject(layout: TextLayout, actors: ActorIndex, from: number, to: number): Candidate | null {
  const { text } = layout;
  const predicate = PREDICATE.exec(text.slice(from, to));
  if (!predicate || predicate.index === 0) return null;
  const found = speakerBeforeVerb(text, from, from + predicate.index, "forward", (phrase) => actors.match(phrase) !== null);
  if (!found) return null;
  const speakerText = text.slice(found.speaker.start, found.speaker.end);
  const pronoun = isPronoun(speakerText);
  return {
    form: "PARAPHRASE",
    content: { start: to, end: to },
    speaker: found.speaker,
    subject: found.subject,
    speakerText,
    speakerId: pronoun ? null : (actors.match(speakerText)?.id ?? null),
    pronoun,
    cue: "",
    lastSentence: -1,
  };
}

export function splitAtParticiples(layout: TextLayout, actors: ActorIndex, candidates: Candidate[]): Candidate[] {
  const { text } = layout;
  const result = [...candidates];
  // Candidates by the sentence their speaker is named in, so that each joint looks only at its own sentence.
  const bySentence = new Map<number, Candidate[]>();
  const positions = new Map<Candidate, number>();
  const file = (candidate: Candidate) => {
    const index = sentenceAt(layout, candidate.speaker.start)?.index ?? -1;
    const filed = bySentence.get(index);
    if (filed) filed.push(candidate);
    else bySentence.set(index, [candidate]);
  };
  result.forEach((candidate, position) => {
    positions.set(candidate, position);
    file(candidate);
  });
  for (const joint of jointsIn(layout)) {
    const comma = joint.index;
    const after = joint.after;
    if (quotationAt(layout, comma)) continue;
    const sentence = sentenceAt(layout, comma);
    if (!sentence) continue;
    // The statement the participle continues: the latest one in this sentence whose speaker is named before it.
    const owner =
      (bySentence.get(sentence.index) ?? [])
        .filter((candidate) => candidate.speaker.start < comma && candidate.content.start < comma)
        .sort((a, b) => a.content.start - b.content.start)
        .at(-1) ?? (joint.ownSubject ? sentenceSubject(layout, actors, sentence.start, comma) : undefined);
    if (!owner) continue;
    const ownerRole = verbRoleOf(owner.cue.split(/\s+/)[0] ?? "");
    const jointRole = verbRoleOf(joint.cue);
    if (ownerRole?.clause === "none" && jointRole?.clause === "none") continue;
    if (joint.sameCue && (ownerRole?.clause === "none" || owner.content.end <= comma)) continue;
    const sentenceEnd = trimSpan(text, sentence).end;
    const wordsEnd = text[sentenceEnd - 1] === "." && !quotationAt(layout, sentenceEnd - 1) ? sentenceEnd - 1 : sentenceEnd;
    const content = contentAfter(layout, after, wordsEnd);
    if (!content) continue;

    const position = positions.get(owner);
    if (owner.content.end > comma && position !== undefined) {
      const clipped = trimSpan(text, { start: owner.content.start, end: text[comma - 1] === "," ? comma - 1 : comma });
      if (wordCount(text.slice(clipped.start, clipped.end)) < 3) continue;
      const replacement = { ...owner, content: clipped };
      result[position] = replacement;
      positions.delete(owner);
      positions.set(replacement, position);
      const filed = bySentence.get(sentence.index)!;
      filed[filed.indexOf(owner)] = replacement;
    }
    const added: Candidate = {
      ...owner,
      form: content.quoted ? "DIRECT_QUOTE" : "PARAPHRASE",
      content: content.span,
      cue: joint.sameCue ? owner.cue : joint.cue,
      lastSentence: sentence.index,
    };
    positions.set(added, result.length);
    result.push(added);
    file(added);
  }
  return result;
}

/** The reported words after the participle; a quotation that makes up all of them is a direct quote. */
function contentAfter(layout: TextLayout, start: number, end: number): { span: Span; quoted: boolean } | null {
  const { text } = layout;
  const quotation = quotationAt(layout, start);
  if (quotation && quotation.open === start && isBlank(text, quotation.close + 1, end)) return { span: quotation.content, quoted: true };
  const span = trimSpan(text, { start, end });
  return wordCount(text.slice(span.start, span.end)) >= 3 ? { span, quoted: false } : null;
}
