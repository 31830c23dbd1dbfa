import Link from "@/components/link";
import type { SearchResults } from "@/lib/data/search";
import type { SearchKind } from "@/lib/search/parameters";
import { formatDay } from "../format";
import { HighlightedText } from "./highlighted-text";
import styles from "./search-results.module.css";

const kindHeadings: Record<SearchKind, string> = { statements: "Statements", sources: "Sources", actors: "Actors" };

const pageSize = 50;

/**
 * From every kind, "more" opens one kind's first 50; within one kind it opens
 * the next 50 after those shown (bounded paging by position in the ranked
 * order, lib/data/search.ts maximumSearchDepth).
 */
function moreLink(results: SearchResults, kind: SearchKind, oneKind: boolean) {
  const parameters = new URLSearchParams({ q: results.query, kind, limit: String(pageSize) });
  if (oneKind) parameters.set("from", String(results.offset + results[kind].length));
  return `/search?${parameters.toString()}`;
}

function earlierLink(results: SearchResults, kind: SearchKind) {
  const parameters = new URLSearchParams({ q: results.query, kind, limit: String(pageSize) });
  const from = Math.max(0, results.offset - pageSize);
  if (from > 0) parameters.set("from", String(from));
  return `/search?${parameters.toString()}`;
}

/** Matches grouped by kind, best first, the matched words marked. */
export function SearchResultGroups({ results, kinds }: { results: SearchResults; kinds: readonly SearchKind[] }) {
  const { terms } = results;
  const oneKind = kinds.length === 1;
  const counted = (kind: SearchKind) =>
    results.offset > 0 && results[kind].length > 0
      ? `${results.offset + 1}–${results.offset + results[kind].length}`
      : `${results[kind].length}${results.more[kind] ? "+" : ""}`;
  const pager = (kind: SearchKind, label: string) =>
    (results.more[kind] || (oneKind && results.offset > 0)) && (
      <p className={styles.more}>
        {oneKind && results.offset > 0 && (
          <>
            <Link href={earlierLink(results, kind)}>← Earlier {label}</Link>{" "}
          </>
        )}
        {results.more[kind] && (
          <Link href={moreLink(results, kind, oneKind)} rel={oneKind ? "next" : undefined}>
            {oneKind ? `Next ${pageSize} ${label} →` : `More ${label}`}
          </Link>
        )}
      </p>
    );
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
            <ol className={styles.list} start={results.offset + 1}>
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
          {pager("statements", "statements")}
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
            <ol className={styles.list} start={results.offset + 1}>
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
          {pager("sources", "sources")}
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
            <ol className={styles.list} start={results.offset + 1}>
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
          {pager("actors", "actors")}
        </section>
      )}
    </div>
  );
}
