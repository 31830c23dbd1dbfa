import Link from "next/link";
import type { SearchResults } from "@/lib/data/search";
import type { SearchKind } from "@/lib/search/parameters";
import { formatDay } from "../format";
import { HighlightedText } from "./highlighted-text";
import styles from "./search-results.module.css";

const kindHeadings: Record<SearchKind, string> = { statements: "Statements", sources: "Sources", actors: "Actors" };

function moreLink(query: string, kind: SearchKind) {
  return `/search?${new URLSearchParams({ q: query, kind, limit: "50" }).toString()}`;
}

/** Matches grouped by kind, best first, the matched words marked. */
export function SearchResultGroups({ results, kinds }: { results: SearchResults; kinds: readonly SearchKind[] }) {
  const { terms, query } = results;
  const counted = (kind: SearchKind) => `${results[kind].length}${results.more[kind] ? "+" : ""}`;
  return (
    <div className={styles.groups}>
      {kinds.includes("statements") && (
        <section className="card" aria-labelledby="search-statements">
          <h2 className="card__title" id="search-statements">
            {kindHeadings.statements} <span className={styles.count}>{counted("statements")}</span>
          </h2>
          {results.statements.length === 0 ? (
            <p className={styles.none}>No statement quotes match.</p>
          ) : (
            <ol className={styles.list}>
              {results.statements.map((hit) => (
                <li key={hit.id} className={styles.hit}>
                  <Link href={`/sources/${hit.sourceId}#statement-${hit.id}`} className={styles.quote}>
                    “<HighlightedText text={hit.quote} terms={terms} />”
                  </Link>
                  <p className={styles.meta}>
                    {hit.speakerName} · {formatDay(hit.saidOn)} · in <HighlightedText text={hit.sourceTitle} terms={terms} />
                  </p>
                </li>
              ))}
            </ol>
          )}
          {results.more.statements && (
            <p className={styles.more}>
              <Link href={moreLink(query, "statements")}>More statements</Link>
            </p>
          )}
        </section>
      )}
      {kinds.includes("sources") && (
        <section className="card" aria-labelledby="search-sources">
          <h2 className="card__title" id="search-sources">
            {kindHeadings.sources} <span className={styles.count}>{counted("sources")}</span>
          </h2>
          {results.sources.length === 0 ? (
            <p className={styles.none}>No source titles or texts match.</p>
          ) : (
            <ol className={styles.list}>
              {results.sources.map((hit) => (
                <li key={hit.id} className={styles.hit}>
                  <Link href={`/sources/${hit.id}`} className={styles.title}>
                    <HighlightedText text={hit.title} terms={terms} />
                  </Link>
                  <p className={styles.meta}>
                    {hit.publisher} · {formatDay(hit.publishedOn)} · {hit.language}
                  </p>
                  <p className={styles.excerpt} lang={hit.language}>
                    <HighlightedText text={hit.excerpt} terms={terms} />
                  </p>
                </li>
              ))}
            </ol>
          )}
          {results.more.sources && (
            <p className={styles.more}>
              <Link href={moreLink(query, "sources")}>More sources</Link>
            </p>
          )}
        </section>
      )}
      {kinds.includes("actors") && (
        <section className="card" aria-labelledby="search-actors">
          <h2 className="card__title" id="search-actors">
            {kindHeadings.actors} <span className={styles.count}>{counted("actors")}</span>
          </h2>
          {results.actors.length === 0 ? (
            <p className={styles.none}>No actor names or aliases match.</p>
          ) : (
            <ol className={styles.list}>
              {results.actors.map((hit) => (
                <li key={hit.id} className={styles.hit}>
                  <Link href={`/?${new URLSearchParams({ speaker: hit.slug }).toString()}`} className={styles.title}>
                    <HighlightedText text={hit.name} terms={terms} />
                  </Link>
                  {(hit.office || hit.aliases.length > 0) && (
                    <p className={styles.meta}>
                      {hit.office}
                      {hit.office && hit.aliases.length > 0 ? " · " : ""}
                      {hit.aliases.length > 0 && (
                        <>
                          also <HighlightedText text={hit.aliases.join(", ")} terms={terms} />
                        </>
                      )}
                    </p>
                  )}
                </li>
              ))}
            </ol>
          )}
          {results.more.actors && (
            <p className={styles.more}>
              <Link href={moreLink(query, "actors")}>More actors</Link>
            </p>
          )}
        </section>
      )}
    </div>
  );
}
