import type { Metadata } from "next";
import Link from "@/components/link";
import { SearchResultGroups } from "@/components/search/search-results";
import { requirePageUser } from "@/lib/auth/session";
import { search } from "@/lib/data/search";
import { DomainError } from "@/lib/errors";
import { parseSearchParameters, searchKinds } from "@/lib/search/parameters";
import styles from "./page.module.css";

export const metadata: Metadata = { title: "Search" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function toUrlParameters(params: Record<string, string | string[] | undefined>): URLSearchParams {
  const parameters = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === "string") parameters.set(key, value);
    else if (Array.isArray(value) && value[0] !== undefined) parameters.set(key, value[0]);
  }
  return parameters;
}

export default async function SearchPage({ searchParams }: { searchParams: SearchParams }) {
  const parameters = toUrlParameters(await searchParams);
  const user = await requirePageUser(`/search?${parameters.toString()}`);
  let problem: string | null = null;
  let parsed = null;
  try {
    parsed = parseSearchParameters(parameters);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problem = error.message;
  }
  const results =
    parsed && parsed.query.trim()
      ? await search(user, parsed.query, { kinds: parsed.kinds, limit: parsed.limit, offset: parsed.offset })
      : null;
  const oneKind = parsed && parsed.kinds.length < searchKinds.length;

  return (
    <main className="page">
      <h1 className="page__title">Search</h1>
      <p className="page__lede">
        Statement quotes, source titles and texts, and actor names and aliases. Words match their other forms in the source’s language
        (“sanction” finds “sanctions”), accents and Arabic-script vowel marks are ignored, and a misspelt name still finds its actor. Put a
        phrase in quotation marks; put − before a word to leave it out.
      </p>
      <form action="/search" method="get" className={styles.form} role="search" aria-label="Search again">
        <label htmlFor="search-query" className={styles.label}>
          Search for
        </label>
        <input id="search-query" name="q" type="search" className={styles.input} defaultValue={parsed?.query ?? ""} maxLength={200} />
        {oneKind && parsed && <input type="hidden" name="kind" value={parsed.kinds[0]} />}
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {problem && (
        <div className="alert" role="alert">
          {problem}
        </div>
      )}
      {oneKind && parsed && (
        <p>
          <Link href={`/search?${new URLSearchParams({ q: parsed.query }).toString()}`}>Show every kind of match</Link>
        </p>
      )}
      {!problem && !results && <div className="empty-state">Type a word, a phrase or a name to search for.</div>}
      {results && !results.query && <div className="empty-state">Search for at least one letter or digit.</div>}
      {results && results.query && <SearchResultGroups results={results} kinds={parsed?.kinds ?? searchKinds} />}
    </main>
  );
}
