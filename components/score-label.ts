import { describeScore, formatScore } from "@/lib/codings/scale";

/** "+2 Conciliatory", "0 Neutral or mixed", "−3 Very hostile". */
export function scoreWithLabel(score: number): string {
  return `${formatScore(score)} ${describeScore(score)}`;
}
