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
import type { Candidate, Span } from "./types";
import { matchAddressee, skipAdverbials, verbRoleOf } from "./vocabulary";

// Only "adding" and "saying" begin a new statement. "…condemned Israel’s actions, warning that…" is one statement: the
// warning qualifies the condemnation (and "warning of war" is not a clause at all).
const PARTICIPLE = /,\s+(?:and\s+)?(adding|saying)(?:\s*:|\s+that)?\s+/gu;

const SECOND_VERB =
  /,?\s+and\s+(?:also\s+)?(said|told|added|warned|insisted|urged|called|accused|demanded|vowed|pledged|condemned|rejected|criticised|criticized|denied|announced)(?![\p{L}])/gu;

type Joint = { index: number; after: number; cue: string };

/** Where a participle or second verb begins and where the words it reports start. */
function jointsIn(layout: TextLayout): Joint[] {
  const { text } = layout;
  const joints: Joint[] = [];
  for (const match of text.matchAll(PARTICIPLE)) joints.push({ index: match.index, after: match.index + match[0].length, cue: match[1]! });
  for (const match of text.matchAll(SECOND_VERB)) {
    const verb = match[1]!;
    const role = verbRoleOf(verb);
    if (!role) continue;
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
  return joints.sort((a, b) => a.index - b.index);
}

export function splitAtParticiples(layout: TextLayout, candidates: Candidate[]): Candidate[] {
  const { text } = layout;
  const result = [...candidates];
  for (const joint of jointsIn(layout)) {
    const comma = joint.index;
    const after = joint.after;
    if (quotationAt(layout, comma)) continue;
    const sentence = sentenceAt(layout, comma);
    if (!sentence) continue;
    // The statement the participle continues: the latest one in this sentence whose speaker is named before it.
    const owner = result
      .filter(
        (candidate) => candidate.speaker.start >= sentence.start && candidate.speaker.start < comma && candidate.content.start < comma,
      )
      .sort((a, b) => a.content.start - b.content.start)
      .at(-1);
    if (!owner) continue;
    const ownerRole = verbRoleOf(owner.cue.split(/\s+/)[0] ?? "");
    const jointRole = verbRoleOf(joint.cue);
    if (ownerRole?.clause === "none" && jointRole?.clause === "none") continue;
    const sentenceEnd = trimSpan(text, sentence).end;
    const wordsEnd = text[sentenceEnd - 1] === "." && !quotationAt(layout, sentenceEnd - 1) ? sentenceEnd - 1 : sentenceEnd;
    const content = contentAfter(layout, after, wordsEnd);
    if (!content) continue;

    if (owner.content.end > comma) {
      const clipped = trimSpan(text, { start: owner.content.start, end: comma });
      if (wordCount(text.slice(clipped.start, clipped.end)) < 3) continue;
      result[result.indexOf(owner)] = { ...owner, content: clipped };
    }
    result.push({
      ...owner,
      form: content.quoted ? "DIRECT_QUOTE" : "PARAPHRASE",
      content: content.span,
      cue: joint.cue,
      lastSentence: sentence.index,
    });
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
