import "server-only";
import { getDatabase } from "../database/client";

/**
 * The ids of every actor something live was coded toward, tracked or not: the
 * targets of the settled statement values (each has a live coding of a live
 * statement), as a skip scan of their (targetId, countedOn) index, one probe
 * per distinct target. (An EXISTS per actor let the planner probe the codings'
 * (statementId, targetId, coderId) index instead, a full scan for each actor
 * never coded toward: 90 s at a million codings on a loaded machine.) For the
 * pickers of the dashboard and the codings list; the caller checks permission.
 */
export async function listCodedTargetIds(): Promise<Set<string>> {
  const rows = await getDatabase().$queryRaw<{ id: string }[]>`
    WITH RECURSIVE coded AS (
      (SELECT v."targetId" FROM "StanceStatementValue" v ORDER BY v."targetId" LIMIT 1)
      UNION ALL
      SELECT (SELECT v."targetId" FROM "StanceStatementValue" v WHERE v."targetId" > coded."targetId" ORDER BY v."targetId" LIMIT 1)
      FROM coded WHERE coded."targetId" IS NOT NULL
    )
    SELECT "targetId" AS id FROM coded WHERE "targetId" IS NOT NULL`;
  return new Set(rows.map((row) => row.id));
}
