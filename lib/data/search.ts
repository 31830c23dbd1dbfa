import "server-only";
import { requirePermission, type ActingUser } from "../auth/permissions";
import { getDatabase } from "../database/client";
import { BadRequestError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { searchKinds, type SearchKind } from "../search/parameters";
import { excerpt, highlightTerms, maximumQueryLength, normaliseSearchQuery, queryAsksForExactWords } from "../search/text";
import { isoFromDate } from "../validation";

// Search across what analysts look things up by: statement quotes, source
// titles and texts, actor names and aliases. Full text (GIN on trigger-kept
// vectors, parsed in each source's language) finds words and their stems;
// trigrams (pg_trgm) find misspellings and parts of names. See
// prisma/sql/search.sql and docs/decisions/0015-search.md.

export type StatementHit = {
  id: string;
  quote: string;
  saidOn: string;
  speakerName: string;
  sourceId: string;
  sourceTitle: string;
};

export type SourceHit = {
  id: string;
  title: string;
  publisher: string;
  publishedOn: string;
  language: string;
  /** Part of the text around the first matching word. */
  excerpt: string;
};

export type ActorHit = { id: string; slug: string; name: string; office: string | null; aliases: string[] };

export type SearchResults = {
  query: string;
  /** The folded words to mark in the results (lib/search/text.ts highlight()). */
  terms: string[];
  statements: StatementHit[];
  sources: SourceHit[];
  actors: ActorHit[];
  /** Per kind: whether more matched than were returned (and can still be paged to, within maximumSearchDepth). */
  more: Record<SearchKind, boolean>;
  /** How many results of each kind come before these (paging one kind, lib/search/parameters.ts). */
  offset: number;
};

export const defaultSearchLimit = 10;
export const maximumSearchLimit = 50;
/**
 * How deep a person can page into one kind of result. Paging is by position in
 * the ranked order, bounded: every page has to rank all the matches anyway
 * (the rank is computed per match before the sort), so a later page costs
 * what the first does, and the bound keeps the sort's top-N heap small.
 */
export const maximumSearchDepth = 500;

/**
 * At most this many full-text matches of a kind are ranked: the first the GIN
 * index yields, which costs reading only their rows. A common word matches
 * tens of thousands of statements at corpus size; ranking them all (each row's
 * language looked up, its query parsed) took seconds, and even sorting them by
 * date means reading most of the table. A word with fewer matches than this
 * (most searches) is ranked over every match, exactly as before. See
 * docs/decisions/0031-bounded-search-and-streamed-intake.md.
 */
export const rankedCandidateCount = 2000;
/** Typo matches (trigram similarity) considered, in the index's order, when full-text matches do not fill the page. */
export const typoCandidateCount = 2000;

/**
 * The index is probed with the query parsed in every language at once
 * (search_query()); of those matches the first rankedCandidateCount are
 * checked against the query parsed in their own language only (otherwise an
 * excluded word, "-talks", would slip through in another language's parse:
 * "talks" is not the English lexeme "talk"), each language's query parsed once.
 * Ranks: a full-text match comes before a typo match; among full-text matches
 * ts_rank_cd (proximity-aware; titles weigh more than texts); among typo
 * matches, trigram word similarity. Ties go to the newer record, then the id,
 * so the order is stable.
 */
export async function search(
  user: ActingUser,
  rawQuery: string,
  options: { limit?: number; kinds?: readonly SearchKind[]; offset?: number } = {},
): Promise<SearchResults> {
  requirePermission(user, "read");
  if (rawQuery.length > maximumQueryLength)
    throw new BadRequestError(`Search for at most ${maximumQueryLength} characters; shorten the query.`);
  const query = normaliseSearchQuery(rawQuery);
  const limit = Math.min(Math.max(1, options.limit ?? defaultSearchLimit), maximumSearchLimit);
  const kinds = new Set(options.kinds ?? searchKinds);
  const offset = Math.min(Math.max(0, options.offset ?? 0), maximumSearchDepth - limit);
  const empty: SearchResults = {
    query: query ?? "",
    terms: [],
    statements: [],
    sources: [],
    actors: [],
    more: { statements: false, sources: false, actors: false },
    offset,
  };
  if (!query) return empty;
  const terms = highlightTerms(query);
  const typos = !queryAsksForExactWords(query);
  const db = getDatabase();
  // The rows before this page are read and dropped (bounded by maximumSearchDepth); one more says whether there is a next page.
  const fetched = offset + limit + 1;
  const end = offset + limit;
  const hasMore = (rows: unknown[]) => rows.length > end && end < maximumSearchDepth;

  // Typo matches rank below every full-text match, so they are looked for only when the full-text
  // matches do not fill the page; and then among a bounded number of trigram candidates.
  const [statementRows, sourceRows, actorRows] = await Promise.all([
    kinds.has("statements")
      ? db.$queryRaw<{ id: string; quote: string; saidOn: Date; speakerName: string; sourceId: string; sourceTitle: string }[]>(Prisma.sql`
          WITH q AS MATERIALIZED (SELECT "search_query"(${query}) AS tsq, "search_fold"(${query}) AS folded),
          candidates AS MATERIALIZED (
            SELECT s.id, s."saidOn", s."searchVector", (
                SELECT "search_configuration"(src.language) FROM "Source" src WHERE src.id = s."sourceId" AND src."deletedAt" IS NULL
              ) AS config
              FROM q, "Statement" s
              WHERE s."searchVector" @@ q.tsq AND s."deletedAt" IS NULL
              LIMIT ${rankedCandidateCount}
          ),
          located AS MATERIALIZED (SELECT * FROM candidates WHERE config IS NOT NULL),
          parsed AS MATERIALIZED (
            SELECT config, websearch_to_tsquery(config, q.folded) AS tsq FROM q, (SELECT DISTINCT config FROM located) AS used
          ),
          fulltext AS MATERIALIZED (
            SELECT l.id, ts_rank_cd(l."searchVector", parsed.tsq) + 1 AS rank
              FROM located l JOIN parsed USING (config)
              WHERE l."searchVector" @@ parsed.tsq
              ORDER BY rank DESC, l."saidOn" DESC, l.id
              LIMIT ${fetched}
          ),
          matches AS (
            SELECT id, rank FROM fulltext
            ${
              typos
                ? Prisma.sql`UNION ALL
            SELECT near.id, word_similarity(q.folded, "search_fold"(near.quote)) AS rank
              FROM q, (
                SELECT s.id, s.quote FROM q, "Statement" s
                  WHERE q.folded <% "search_fold"(s.quote) AND s."deletedAt" IS NULL
                  LIMIT ${typoCandidateCount}
              ) AS near
              WHERE (SELECT count(*) FROM fulltext) < ${fetched}`
                : Prisma.empty
            }
          ),
          best AS (SELECT id, max(rank) AS rank FROM matches GROUP BY id)
          SELECT s.id, s.quote, s."saidOn", a.name AS "speakerName", src.id AS "sourceId", src.title AS "sourceTitle"
            FROM best JOIN "Statement" s ON s.id = best.id
            JOIN "Source" src ON src.id = s."sourceId" AND src."deletedAt" IS NULL
            JOIN "Actor" a ON a.id = s."speakerId"
            ORDER BY best.rank DESC, s."saidOn" DESC, s.id
            LIMIT ${fetched}`)
      : Promise.resolve([]),
    kinds.has("sources")
      ? db.$queryRaw<{ id: string; title: string; publisher: string; publishedOn: Date; language: string }[]>(Prisma.sql`
          WITH q AS MATERIALIZED (SELECT "search_query"(${query}) AS tsq, "search_fold"(${query}) AS folded),
          candidates AS MATERIALIZED (
            SELECT src.id, src."publishedOn", src."searchVector", "search_configuration"(src.language) AS config
              FROM q, "Source" src
              WHERE src."searchVector" @@ q.tsq AND src."deletedAt" IS NULL
              LIMIT ${rankedCandidateCount}
          ),
          parsed AS MATERIALIZED (
            SELECT config, websearch_to_tsquery(config, q.folded) AS tsq FROM q, (SELECT DISTINCT config FROM candidates) AS used
          ),
          fulltext AS MATERIALIZED (
            SELECT c.id, ts_rank_cd(c."searchVector", parsed.tsq) + 1 AS rank
              FROM candidates c JOIN parsed USING (config)
              WHERE c."searchVector" @@ parsed.tsq
              ORDER BY rank DESC, c."publishedOn" DESC, c.id
              LIMIT ${fetched}
          ),
          matches AS (
            SELECT id, rank FROM fulltext
            ${
              typos
                ? Prisma.sql`UNION ALL
            SELECT near.id, word_similarity(q.folded, "search_fold"(near.title)) AS rank
              FROM q, (
                SELECT src.id, src.title FROM q, "Source" src
                  WHERE q.folded <% "search_fold"(src.title) AND src."deletedAt" IS NULL
                  LIMIT ${typoCandidateCount}
              ) AS near
              WHERE (SELECT count(*) FROM fulltext) < ${fetched}`
                : Prisma.empty
            }
          ),
          best AS (SELECT id, max(rank) AS rank FROM matches GROUP BY id)
          SELECT src.id, src.title, src.publisher, src."publishedOn", src.language
            FROM best JOIN "Source" src ON src.id = best.id
            ORDER BY best.rank DESC, src."publishedOn" DESC, src.id
            LIMIT ${fetched}`)
      : Promise.resolve([]),
    kinds.has("actors")
      ? db.$queryRaw<{ id: string; slug: string; name: string; office: string | null; aliases: string[] }[]>(Prisma.sql`
          WITH q AS (SELECT "search_fold"(${query}) AS folded)
          SELECT a.id, a.slug, a.name, a.office, a.aliases
            FROM "Actor" a, q
            WHERE a."deletedAt" IS NULL
              AND (q.folded <% "search_actor_names"(a.name, a.aliases)
                   OR "search_actor_names"(a.name, a.aliases) LIKE '%' || replace(replace(replace(q.folded, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%')
            ORDER BY word_similarity(q.folded, "search_actor_names"(a.name, a.aliases)) DESC, a.name, a.id
            LIMIT ${fetched}`)
      : Promise.resolve([]),
  ]);

  // Texts (up to 500,000 characters each) are read for the page's sources only, for their excerpts, not for every
  // match ranked ahead of the page.
  const sourcePage = sourceRows.slice(offset, end);
  const texts = new Map(
    sourcePage.length === 0
      ? []
      : (await db.source.findMany({ where: { id: { in: sourcePage.map((row) => row.id) } }, select: { id: true, text: true } })).map(
          (source) => [source.id, source.text],
        ),
  );

  return {
    query,
    terms,
    statements: statementRows.slice(offset, end).map((row) => ({ ...row, saidOn: isoFromDate(row.saidOn) })),
    sources: sourcePage.map(({ publishedOn, ...row }) => ({
      ...row,
      publishedOn: isoFromDate(publishedOn),
      excerpt: excerpt(texts.get(row.id) ?? "", terms),
    })),
    actors: actorRows.slice(offset, end),
    more: { statements: hasMore(statementRows), sources: hasMore(sourceRows), actors: hasMore(actorRows) },
    offset,
  };
}
