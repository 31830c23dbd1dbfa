// How speakers are told apart on the charts, shared by every panel so a
// speaker keeps one colour and shape throughout the dashboard.
import type { StanceSeries } from "@/lib/dashboard/types";

// Okabe–Ito colours, distinguishable with the common forms of colour blindness;
// point shapes differ too, so colour is never the only cue.
export const speakerColours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C8C8C"] as const;
export const speakerShapes = ["circle", "rectRot", "triangle", "rect", "star", "crossRot", "rectRounded", "cross"] as const;

export type SpeakerStyle = { colour: string; shape: (typeof speakerShapes)[number] };

/**
 * The style of the index-th speaker. Shapes advance one extra place on every
 * round of colours, so the first 64 speakers all differ in colour or shape.
 */
export function speakerStyle(index: number): SpeakerStyle {
  const colour = speakerColours[index % speakerColours.length]!;
  const shape = speakerShapes[(index + Math.floor(index / speakerColours.length)) % speakerShapes.length]!;
  return { colour, shape };
}

/** Each speaker's style index, in order of first appearance across the series. */
export function speakerStyleIndexes(series: readonly StanceSeries[]): Record<string, number> {
  const indexes: Record<string, number> = {};
  let next = 0;
  for (const { speaker } of series) if (!(speaker.id in indexes)) indexes[speaker.id] = next++;
  return indexes;
}
