import { Prisma } from "../generated/prisma/client";

/**
 * A LIKE pattern, as SQL, that matches any text containing what was typed once
 * both are folded as the search folds them (search_fold, prisma/sql/search.sql:
 * case, accents, Arabic-script marks and letter variants). Compare it with
 * `"search_fold"(column) LIKE pattern`. LIKE's own wildcards in the typed text
 * are escaped after folding, so "50%" means fifty per cent.
 */
export function foldedContainsPattern(typed: string): Prisma.Sql {
  return Prisma.sql`'%' || replace(replace(replace("search_fold"(${typed}), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
}
