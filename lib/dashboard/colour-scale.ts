// The diverging colour scale of the actor × target matrix. Pure, no I/O.
//
// Hostile is orange, conciliatory blue and neutral near white: orange and
// blue stay apart for the common forms of colour blindness (red–green), unlike
// the red–green scales dashboards often use. The hostile half follows
// ColorBrewer's PuOr, the conciliatory half its RdBu, so both ends are as dark
// as each other and a reader judges distance from neutral by lightness alone.
import { maximumScore, minimumScore } from "../codings/scale";

/** The colour at each whole score from −3 to +3. */
export const stanceScaleStops: readonly string[] = ["#b35806", "#f1a340", "#fee0b6", "#f7f7f7", "#d1e5f0", "#67a9cf", "#2166ac"];

/** Body text on light cells; white on dark ones. Pure black is the fallback that always reaches 4.5:1 (see textColourOn). */
export const darkText = "#1f2328";
export const lightText = "#ffffff";
const black = "#000000";

/** WCAG's minimum contrast for normal-size text (AA). */
export const minimumTextContrast = 4.5;

type Rgb = [number, number, number];

function parseHex(hex: string): Rgb {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match) throw new RangeError(`Expected a colour written #rrggbb; got ${hex}`);
  const value = Number.parseInt(match[1]!, 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function toHex([red, green, blue]: Rgb): string {
  return `#${[red, green, blue].map((channel) => Math.round(channel).toString(16).padStart(2, "0")).join("")}`;
}

/** WCAG 2 relative luminance of an sRGB colour, 0 (black) to 1 (white). */
export function relativeLuminance(hex: string): number {
  const [red, green, blue] = parseHex(hex).map((channel) => {
    const value = channel / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

/** WCAG 2 contrast ratio, from 1 (none) to 21 (black on white). */
export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [relativeLuminance(first), relativeLuminance(second)].sort((a, b) => b - a) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/**
 * The colour of a (possibly fractional) mean score: linear between the two
 * neighbouring whole-score stops, clamped to the scale's ends.
 */
export function stanceColour(score: number): string {
  const clamped = Math.min(maximumScore, Math.max(minimumScore, score));
  const position = clamped - minimumScore;
  const lowerIndex = Math.min(Math.floor(position), stanceScaleStops.length - 2);
  const fraction = position - lowerIndex;
  const lower = parseHex(stanceScaleStops[lowerIndex]!);
  const upper = parseHex(stanceScaleStops[lowerIndex + 1]!);
  return toHex(lower.map((channel, index) => channel + (upper[index]! - channel) * fraction) as Rgb);
}

/**
 * The text colour for a background: the page's dark text or white, whichever
 * contrasts more; where neither reaches 4.5:1 (mid-dark backgrounds) pure
 * black, which always does against a colour white text cannot reach 4.5:1 on.
 */
export function textColourOn(background: string): string {
  const dark = contrastRatio(darkText, background);
  const light = contrastRatio(lightText, background);
  if (Math.max(dark, light) >= minimumTextContrast) return dark >= light ? darkText : lightText;
  return black;
}

/** A matrix cell's colours; a cell without statements is left neutral grey. */
export function stanceCellColours(mean: number | null): { background: string; text: string } {
  if (mean === null) return { background: "#f6f8fa", text: darkText };
  const background = stanceColour(mean);
  return { background, text: textColourOn(background) };
}
