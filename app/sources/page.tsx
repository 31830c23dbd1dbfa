import type { Metadata } from "next";
import Link from "@/components/link";
import { ListControls, ListPager } from "@/components/lists/list-controls";
import { SourceTable } from "@/components/source-table";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { listSourceLanguages, listSources } from "@/lib/data/sources";
import { loadListPage, sortChoices } from "@/lib/lists/page";
import { coverageStateLabels, coverageStates, sourceListDefinition } from "@/lib/sources/list";
import styles from "./page.module.css";
import { ListResults } from "@/components/lists/list-results";

export const metadata: Metadata = { title: "Sources" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SourcesPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const user = await requirePageUser("/sources");
  const [list, languages] = await Promise.all([
    loadListPage(sourceListDefinition, params, "/sources", (query) => listSources(user, query)),
    listSourceLanguages(user),
  ]);
  const canEdit = hasPermission(user, "edit");
  // Set by the source page after a deletion, so the result of the action is visible here.
  const deleted = params.deleted !== undefined;
  const { page, query } = list;

  return (
    <main className="page">
      <div className="page__header">
        <div>
          <h1 className="page__title">Sources</h1>
          <p className="page__lede">
            The documents statements are cut from: articles, transcripts, official statements. Open one to read it with its statements
            highlighted{canEdit ? ", add statements and code them" : " and see how they were coded"}.
          </p>
        </div>
        {canEdit && (
          <div className={styles.actions}>
            <Link href="/sources/import" className="button">
              Import many
            </Link>
            <Link href="/sources/new" className="button button--primary">
              Add source
            </Link>
          </div>
        )}
      </div>
      {deleted && (
        <div className="notice" role="status">
          The source was deleted, with its statements and their codings. An administrator can restore it from History.
        </div>
      )}
      <ListControls
        id="sources"
        action="/sources"
        values={list.values}
        fields={[
          {
            kind: "select",
            parameter: "language",
            label: "Language",
            options: languages.map((language) => ({ value: language, label: language })),
          },
          { kind: "date", parameter: "from", label: "Published from" },
          { kind: "date", parameter: "to", label: "Published until" },
          {
            kind: "select",
            parameter: "coverage",
            label: "Coverage",
            options: coverageStates.map((state) => ({ value: state, label: coverageStateLabels[state] })),
          },
        ]}
        sortOptions={sortChoices(sourceListDefinition)}
        sort={list.sort}
        pageSize={list.pageSize}
      />
      <ListResults
        problem={list.problem}
        rows={query && page?.rows}
        id="sources"
        heading={
          query &&
          `${list.filtered ? "Matching sources" : "All sources"}, by ${sourceListDefinition.sorts[query.sort.key]!.label.toLowerCase()}`
        }
        meta={canEdit && "“Not yet coded by you” counts the statements you have not coded toward any target."}
        empty={
          query?.cursor
            ? "No more sources."
            : list.filtered
              ? "No sources match these filters."
              : `No sources yet.${canEdit ? " Add the first: paste an article’s full text and mark the statements in it." : ""}`
        }
        pager={
          page && (
            <ListPager
              shown={`${page.rows.length} source${page.rows.length === 1 ? "" : "s"} on this page`}
              firstHref={list.firstHref}
              nextHref={list.nextHref}
            />
          )
        }
      >
        {page && <SourceTable sources={page.rows} showOwnProgress={canEdit} sortLinks={list.sortLinks} />}
      </ListResults>
    </main>
  );
}
