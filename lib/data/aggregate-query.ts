import "server-only";
import { getDatabase } from "../database/client";
import type { Prisma } from "../generated/prisma/client";

/**
 * Runs one of lib/dashboard/stance-sql.ts's aggregations. JIT compilation is
 * switched off for it (on queries of this size it costs more than it saves:
 * about a sixth of the all-speakers query at a million codings), and it gets
 * enough memory to group and join in memory rather than spill to disk. Both
 * only for this transaction, so other queries keep the server's settings.
 */
export async function queryAggregate<Row>(query: Prisma.Sql): Promise<Row[]> {
  const db = getDatabase();
  const [, rows] = await db.$transaction([
    db.$queryRaw`SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`,
    db.$queryRaw<Row[]>(query),
  ]);
  return rows;
}
