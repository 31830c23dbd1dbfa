import "server-only";
import type { ActingUser } from "../auth/permissions";
import { getDatabase } from "../database/client";
import { statementsSeenWholeWhere } from "./coding-visibility";

/**
 * The ids of every actor something live was coded toward that `user` may know of, tracked or not, for the pickers
 * of the dashboard and the codings list; the caller checks permission. A blind coder is offered only the targets of
 * codings they see (lib/data/coding-visibility.ts), as far as a few index probes find them: a target only others'
 * hidden codings point to would tell them that someone coded toward it.
 *
 * Everyone else's are the targets of the settled statement values (each has a live coding of a live statement), as
 * a skip scan of their (targetId, countedOn) index, one probe per distinct target. (An EXISTS per actor let the
 * planner probe the codings' (statementId, targetId, coderId) index instead, a full scan for each actor never
 * coded toward: 90 s at a million codings on a loaded machine.)
 */
export async function listCodedTargetIds(user: NonNullable<ActingUser>): Promise<Set<string>> {
  const db = getDatabase();
  if (statementsSeenWholeWhere(user) === null) {
    const rows = await db.$queryRaw<{ id: string }[]>`
      WITH RECURSIVE coded AS (
        (SELECT v."targetId" FROM "StanceStatementValue" v ORDER BY v."targetId" LIMIT 1)
        UNION ALL
        SELECT (SELECT v."targetId" FROM "StanceStatementValue" v WHERE v."targetId" > coded."targetId" ORDER BY v."targetId" LIMIT 1)
        FROM coded WHERE coded."targetId" IS NOT NULL
      )
      SELECT "targetId" AS id FROM coded WHERE "targetId" IS NOT NULL`;
    return new Set(rows.map((row) => row.id));
  }
  // What a blind coder sees that a picker can find in a few index probes a target: the targets of open sources'
  // codings (their own partial index) and of their own codings ((coderId, targetId)). A target only others coded on
  // a statement they coded is left out although they see it: listing those read every coding of each statement they
  // coded, 0.85 to 3 s for a coder of 250,000 at a million codings (docs/benchmarks.md); a link still charts it.
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE open_targets AS (
      (SELECT c."targetId" FROM "StanceCoding" c
        WHERE c."deletedAt" IS NULL AND c."statementLive" AND NOT c."blindSource" ORDER BY c."targetId" LIMIT 1)
      UNION ALL
      SELECT (SELECT c."targetId" FROM "StanceCoding" c
        WHERE c."deletedAt" IS NULL AND c."statementLive" AND NOT c."blindSource" AND c."targetId" > open_targets."targetId"
        ORDER BY c."targetId" LIMIT 1)
      FROM open_targets WHERE open_targets."targetId" IS NOT NULL
    ),
    own_targets AS (
      (SELECT c."targetId" FROM "StanceCoding" c
        WHERE c."coderId" = ${user.id} AND c."deletedAt" IS NULL AND c."statementLive" ORDER BY c."targetId" LIMIT 1)
      UNION ALL
      SELECT (SELECT c."targetId" FROM "StanceCoding" c
        WHERE c."coderId" = ${user.id} AND c."deletedAt" IS NULL AND c."statementLive" AND c."targetId" > own_targets."targetId"
        ORDER BY c."targetId" LIMIT 1)
      FROM own_targets WHERE own_targets."targetId" IS NOT NULL
    )
    SELECT "targetId" AS id FROM open_targets WHERE "targetId" IS NOT NULL
    UNION
    SELECT "targetId" AS id FROM own_targets WHERE "targetId" IS NOT NULL`;
  return new Set(rows.map((row) => row.id));
}
