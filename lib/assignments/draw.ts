// The assignment draw: which coder codes which statement, and which statements
// form the double-coded sample. Pure and seeded, so that the stored seed
// re-derives exactly the same draw (docs/decisions/0024).

import { seededRandom as numberSeededRandom } from "../reliability/bootstrap";

export type DrawInput = {
  /** The statements that may be drawn; their order does not matter. */
  statementIds: readonly string[];
  /** Coders in the order they were chosen; at least one, two for an overlap. */
  coderIds: readonly string[];
  /** Share of the statements assigned at all, in (0, 1]. */
  share: number;
  /** Share of the assigned statements coded by a second coder, in [0, 1]. */
  overlap: number;
  seed: string;
};

export type DrawnAssignment = { statementId: string; coderId: string; isOverlap: boolean };

/** A 32-bit hash of the seed text (FNV-1a), the generator's starting state. */
function hashSeed(seed: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < seed.length; index++) {
    hash ^= seed.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The seed text's generator: mulberry32 (shared with the bootstrap) from its FNV-1a hash; not for secrets. */
export function seededRandom(seed: string): () => number {
  return numberSeededRandom(hashSeed(seed));
}

function shuffled<Item>(items: readonly Item[], random: () => number): Item[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [result[index], result[other]] = [result[other]!, result[index]!];
  }
  return result;
}

/**
 * Draws the assignment. Statements are sorted first, so the result depends only
 * on the set of statements, the coders and the seed. The assigned and
 * double-coded counts are rounded shares (not coin flips per statement), so a
 * 20 % overlap of 50 statements is exactly 10. Each assigned statement has a
 * first coder (dealt round-robin, so the load is even); each overlap statement
 * also goes to the next coder in the rotation, never to the same one twice.
 */
export function drawAssignments(input: DrawInput): DrawnAssignment[] {
  const { coderIds, share, overlap } = input;
  if (coderIds.length === 0) throw new RangeError("A draw needs at least one coder");
  if (new Set(coderIds).size !== coderIds.length) throw new RangeError("Each coder may be named once");
  if (!(share > 0 && share <= 1)) throw new RangeError("The share is in (0, 1]");
  if (!(overlap >= 0 && overlap <= 1)) throw new RangeError("The overlap is in [0, 1]");
  if (overlap > 0 && coderIds.length < 2) throw new RangeError("An overlap needs at least two coders");
  const random = seededRandom(input.seed);
  const statements = [...new Set(input.statementIds)].sort();
  const assigned = shuffled(statements, random).slice(0, Math.round(statements.length * share));
  const doubleCoded = new Set(shuffled(assigned, random).slice(0, Math.round(assigned.length * overlap)));
  const result: DrawnAssignment[] = [];
  assigned.forEach((statementId, position) => {
    const first = position % coderIds.length;
    result.push({ statementId, coderId: coderIds[first]!, isOverlap: doubleCoded.has(statementId) });
    if (doubleCoded.has(statementId)) {
      result.push({ statementId, coderId: coderIds[(first + 1) % coderIds.length]!, isOverlap: true });
    }
  });
  return result;
}
