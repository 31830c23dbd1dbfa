import "server-only";
import { hasPermission, type ActingUser } from "../auth/permissions";
import { Prisma } from "../generated/prisma/client";

/**
 * Blind double coding: an analyst sees other coders' codings of a statement
 * only once they have coded that statement themselves, unless the source is
 * not blind. Viewers code nothing and admins and adjudicators settle
 * disagreements, so they see everything. Every read of codings applies this.
 */
export function visibleCodingsWhere(user: ActingUser): Prisma.StanceCodingWhereInput {
  if (!user) return { id: { in: [] } };
  const statements = statementsSeenWholeWhere(user);
  return statements ? { OR: [{ coderId: user.id }, { statement: statements }] } : {};
}

/**
 * The statements whose codings `user` sees whatever their coder (their source is not blind, or the analyst has
 * coded them), or null when the user sees every statement's. What else records coders' work on a statement (an
 * adjudication's settled score and rationale, a review of "no stance") is shown by it, as its codings are.
 */
export function statementsSeenWholeWhere(user: NonNullable<ActingUser>): Prisma.StatementWhereInput | null {
  if (user.role !== "ANALYST" || hasPermission(user, "adjudicate")) return null;
  return { OR: [{ source: { blindCoding: false } }, { codings: { some: { coderId: user.id, deletedAt: null } } }] };
}

/** The adjudications `user` may see: those of the statements whose codings they see whole. */
export function visibleAdjudicationsWhere(user: ActingUser): Prisma.AdjudicationWhereInput {
  if (!user) return { id: { in: [] } };
  const statements = statementsSeenWholeWhere(user);
  return statements ? { statement: statements } : {};
}

/**
 * The same rule as SQL on the codings aliased `c`, for queries written in SQL:
 * "the analyst has coded this statement" is probed per row through the
 * codings' (statementId, targetId, coderId) key. Prisma's relation filter is
 * IN over every coding the analyst ever made (hundreds of thousands for a busy
 * coder), hashed again for every page; and an EXISTS inside this OR is planned
 * with that hashed form as its alternative, which PostgreSQL picks for a scan
 * it expects to be long. A scalar subquery with LIMIT 1 has no hashed form.
 */
export function visibleCodingsSql(user: ActingUser): Prisma.Sql {
  if (!user) return Prisma.sql`FALSE`;
  if (user.role !== "ANALYST" || hasPermission(user, "adjudicate")) return Prisma.sql`TRUE`;
  return Prisma.sql`(c."coderId" = ${user.id} OR NOT c."blindSource"
    OR (SELECT 1 FROM "StanceCoding" mine
        WHERE mine."statementId" = c."statementId" AND mine."coderId" = ${user.id} AND mine."deletedAt" IS NULL LIMIT 1) IS NOT NULL)`;
}
