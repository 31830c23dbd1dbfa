import type { TextSpan } from "./offsets";

/** A selection without the spaces and line breaks a mouse drag tends to catch at either end. */
export function trimSpan(text: string, span: TextSpan): TextSpan {
  let { startOffset, endOffset } = span;
  while (startOffset < endOffset && /\s/.test(text[startOffset]!)) startOffset += 1;
  while (endOffset > startOffset && /\s/.test(text[endOffset - 1]!)) endOffset -= 1;
  return { startOffset, endOffset };
}

/**
 * Whether an offset falls between the two halves of a character outside the
 * basic plane (an emoji, a flag): a span cut there would hold half a character,
 * which no database stores faithfully.
 */
export function splitsCharacter(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/**
 * Why a span cannot be cut from `text` because an end of it falls inside a character, naming the field to
 * move (`fields`: what the entry point calls the span's start and end); null when both ends fall between
 * characters. An import's offsets come from a file, written by hand or by another program: they may fall anywhere.
 */
export function insideCharacterProblem(
  text: string,
  span: TextSpan,
  fields: { start: string; end: string },
): { field: string; message: string } | null {
  const which = splitsCharacter(text, span.startOffset) ? "start" : splitsCharacter(text, span.endOffset) ? "end" : null;
  if (which === null) return null;
  return { field: fields[which], message: `the span ${which}s inside a character (an emoji or a flag); move it by one` };
}

/** Lower-case words joined by hyphens, for a new actor's slug; at most 120 characters. */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    // Cut before the ends are trimmed: compatibility characters can grow several-fold under NFKD ("㎒" is "mhz"),
    // and a slug travels in every address and bundle that names the actor.
    .slice(0, 120)
    .replace(/^-+|-+$/g, "");
  return slug || "actor";
}
