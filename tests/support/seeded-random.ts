import { seededRandom } from "@/lib/reliability/bootstrap";

/** Random test data that a failure can replay from the seed it prints (the app's own mulberry32 generator). */
export function seededGenerator(seed: number) {
  const next = seededRandom(seed);
  return {
    next,
    below: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
