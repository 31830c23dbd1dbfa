// A statement's passage of its source's translation (docs/decisions/0032):
// the words of the translation that render the quote. The quote is cut from
// the original and checked verbatim; the passage is cut from the translation
// in the same way, at offsets the aligner proposed or the analyst chose.

import { alignTexts, translationPassageFor } from "../sources/alignment";
import type { TextSpan } from "../sources/offsets";
import { splitsCharacter, trimSpan } from "../sources/spans";

export type TranslationPassage = { quote: string; startOffset: number; endOffset: number };

/** The stored passage as one value: null when the statement has none (its source has no translation). */
export function translationPassageOf(row: {
  translationQuote: string | null;
  translationStart: number | null;
  translationEnd: number | null;
}): TranslationPassage | null {
  if (row.translationQuote === null || row.translationStart === null || row.translationEnd === null) return null;
  return { quote: row.translationQuote, startOffset: row.translationStart, endOffset: row.translationEnd };
}

/** The statement's columns for a passage, or for none. */
export function translationColumns(passage: TranslationPassage | null) {
  return {
    translationQuote: passage?.quote ?? null,
    translationStart: passage?.startOffset ?? null,
    translationEnd: passage?.endOffset ?? null,
  };
}

type Source = { text: string; language: string; translation: string | null; translationLanguage: string | null };

/**
 * The passage for a statement's span of the original: the one the analyst
 * chose (checked: inside the translation, whole characters, not only white
 * space), else the aligned one. Problems are reported by field, for a 422.
 */
export function choosePassage(
  source: Source,
  span: TextSpan,
  chosen: { translationStart?: number | null; translationEnd?: number | null },
  problems: Record<string, string>,
): TranslationPassage | null {
  const start = chosen.translationStart ?? null;
  const end = chosen.translationEnd ?? null;
  if (source.translation === null) {
    if (start !== null || end !== null)
      problems.translationStart = "this source has no translation; leave translationStart and translationEnd out";
    return null;
  }
  if (start === null && end === null) return alignedPassage(source, span);
  if (start === null || end === null) {
    problems[start === null ? "translationStart" : "translationEnd"] =
      "give both the start and the end of the translation passage, or neither";
    return null;
  }
  if (end > source.translation.length) {
    problems.translationEnd = `is beyond the end of the translation (${source.translation.length} characters)`;
    return null;
  }
  if (end <= start) {
    problems.translationEnd = "must come after translationStart: the passage would be empty";
    return null;
  }
  if (splitsCharacter(source.translation, start) || splitsCharacter(source.translation, end)) {
    problems.translationStart = "the passage cuts a character (an emoji or a flag) in half; choose whole characters";
    return null;
  }
  const trimmed = trimSpan(source.translation, { startOffset: start, endOffset: end });
  if (trimmed.endOffset === trimmed.startOffset) {
    problems.translationStart = "the passage holds only white space; choose the words of the translation";
    return null;
  }
  return { quote: source.translation.slice(trimmed.startOffset, trimmed.endOffset), ...trimmed };
}

/** The aligner's passage for a span of the original, or null when it finds none. */
export function alignedPassage(source: Source, span: TextSpan): TranslationPassage | null {
  if (source.translation === null) return null;
  const alignment = alignTexts(
    { text: source.text, language: source.language },
    { text: source.translation, language: source.translationLanguage ?? "en" },
  );
  const found = translationPassageFor(alignment, span);
  return found ? { quote: source.translation.slice(found.startOffset, found.endOffset), ...found } : null;
}
