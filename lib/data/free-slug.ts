import "server-only";
import { Prisma } from "../generated/prisma/client";

/**
 * The first of `base`, `base-2`, `base-3`… that no row of `table` has as its slug (deleted rows included: the key
 * is unique over them too). Found while holding a lock on `base` until the transaction ends, so two creations of
 * the same name at once take turns and the second sees the first's slug, rather than both picking the same one
 * and the second failing on the unique key.
 */
export async function claimFreeSlug(tx: Prisma.TransactionClient, table: "Actor" | "Event", base: string): Promise<string> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`slug:${table}:${base}`}, 0))`;
  const rows = await tx.$queryRaw<{ slug: string }[]>`SELECT slug FROM ${Prisma.raw(`"${table}"`)} WHERE starts_with(slug, ${base})`;
  const taken = new Set(rows.map((row) => row.slug));
  let slug = base;
  for (let suffix = 2; taken.has(slug); suffix += 1) slug = `${base}-${suffix}`;
  return slug;
}
