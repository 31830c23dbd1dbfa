import "server-only";
import { requirePermission, type ActingUser } from "../auth/permissions";
import { getDatabase } from "../database/client";
import { NotFoundError } from "../errors";
import { suggestStatements, type StatementSuggestion } from "../suggestions/extract-statements";

/** A suggestion as the source page and the API show it: the matched actor's name beside its id. */
export type ListedSuggestion = StatementSuggestion & { speakerName: string | null };

/**
 * Candidate statements in a source that no statement covers yet. They are
 * proposals only: each becomes a statement when an analyst accepts it, and
 * never becomes a coding by itself.
 */
export async function listStatementSuggestions(user: ActingUser, sourceId: string): Promise<ListedSuggestion[]> {
  requirePermission(user, "edit");
  // PostgreSQL text cannot hold a NUL byte, so no source has one in its id; asking would be a database error, not a 404.
  if (sourceId.includes("\u0000")) throw new NotFoundError("This source");
  const db = getDatabase();
  const source = await db.source.findFirst({
    where: { id: sourceId, deletedAt: null },
    select: { text: true, statements: { where: { deletedAt: null }, select: { startOffset: true, endOffset: true } } },
  });
  if (!source) throw new NotFoundError("This source");
  const actors = await db.actor.findMany({
    where: { deletedAt: null },
    select: { id: true, name: true, aliases: true, kind: true, office: true },
  });
  const names = new Map(actors.map((actor) => [actor.id, actor.name]));
  const overlapsStatement = (suggestion: StatementSuggestion) =>
    source.statements.some((statement) => suggestion.startOffset < statement.endOffset && statement.startOffset < suggestion.endOffset);
  return suggestStatements(source.text, actors)
    .filter((suggestion) => !overlapsStatement(suggestion))
    .map((suggestion) => ({ ...suggestion, speakerName: suggestion.speakerId ? (names.get(suggestion.speakerId) ?? null) : null }));
}
