import "server-only";
import { getDatabase } from "../database/client";

/**
 * The ids of every actor something live was coded toward, tracked or not: a
 * skip scan of the (targetId, saidOn) partial index, one probe per distinct
 * target. (An EXISTS per actor let the planner probe the (statementId,
 * targetId, coderId) index instead, a full scan for each actor never coded
 * toward: 90 s at a million codings on a loaded machine.) For the pickers of
 * the dashboard and the codings list; the caller checks permission.
 */
export async function listCodedTargetIds(): Promise<Set<string>> {
  const rows = await getDatabase().$queryRaw<{ id: string }[]>`
    WITH RECURSIVE coded AS (
      (SELECT c."targetId" FROM "StanceCoding" c WHERE c."deletedAt" IS NULL AND c."statementLive" ORDER BY c."targetId" LIMIT 1)
      UNION ALL
      SELECT (
        SELECT c."targetId" FROM "StanceCoding" c
        WHERE c."deletedAt" IS NULL AND c."statementLive" AND c."targetId" > coded."targetId"
        ORDER BY c."targetId" LIMIT 1
      )
      FROM coded WHERE coded."targetId" IS NOT NULL
    )
    SELECT "targetId" AS id FROM coded WHERE "targetId" IS NOT NULL`;
  return new Set(rows.map((row) => row.id));
}
