import "server-only";
import { hasPermission, type ActingUser } from "../auth/permissions";
import type { Prisma } from "../generated/prisma/client";

/**
 * Blind double coding: an analyst sees other coders' codings of a statement
 * only once they have coded that statement themselves, unless the source is
 * not blind. Viewers code nothing and admins and adjudicators settle
 * disagreements, so they see everything. Every read of codings applies this.
 */
export function visibleCodingsWhere(user: ActingUser): Prisma.StanceCodingWhereInput {
  if (!user) return { id: { in: [] } };
  if (user.role !== "ANALYST" || hasPermission(user, "adjudicate")) return {};
  return {
    OR: [
      { coderId: user.id },
      { statement: { source: { blindCoding: false } } },
      { statement: { codings: { some: { coderId: user.id, deletedAt: null } } } },
    ],
  };
}
