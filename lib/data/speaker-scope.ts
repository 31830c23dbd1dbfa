import "server-only";
import { getDatabase } from "../database/client";

/**
 * The speakers a filter names: the actors themselves, plus each "speaks for"
 * actor and, transitively, everyone who speaks for it (a state, its
 * government, its officials). Who speaks for whom is a shallow tree, walked
 * level by level. Callers have already checked the user may read.
 */
export async function listSpeakerIds(actorIds: string[], speaksForIds: string[]): Promise<string[]> {
  const ids = new Set([...actorIds, ...speaksForIds]);
  let frontier = [...new Set(speaksForIds)];
  while (frontier.length) {
    const representatives = await getDatabase().actor.findMany({
      where: { speaksForId: { in: frontier }, deletedAt: null },
      select: { id: true },
    });
    frontier = representatives.map((actor) => actor.id).filter((id) => !ids.has(id));
    for (const id of frontier) ids.add(id);
  }
  // Sorted: the same speakers, named in any order, make the same statement, and so share a kept chart.
  return [...ids].sort();
}
