/**
 * A second statement hung on the first by a participle: "Al-Saadi said Iraq had asked for talks, adding that Baghdad
 * was ready for arbitration", "…, saying the situation had become “unbearable”", "“…,” she said, adding: “…”".
 * The words after the participle are a statement of their own by the same speaker, and the statement before stops
 * at the comma.
 */
import { isBlank, quotationAt, sentenceAt, trimSpan, wordCount, type TextLayout } from "./text-layout";
import type { Candidate, Span } from "./types";

// Only "adding" and "saying" begin a new statement. "…condemned Israel’s actions, warning that…" is one statement: the
// warning qualifies the condemnation (and "warning of war" is not a clause at all).
const PARTICIPLE = /,\s+(?:and\s+)?(adding|saying)(?:\s*:|\s+that)?\s+/gu;

export function splitAtParticiples(layout: TextLayout, candidates: Candidate[]): Candidate[] {
  const { text } = layout;
  const result = [...candidates];
  for (const match of text.matchAll(PARTICIPLE)) {
    const comma = match.index;
    const after = comma + match[0].length;
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
      cue: match[1]!,
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
