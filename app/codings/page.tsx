import type { Metadata } from "next";
import { CodingsTable } from "@/components/codings-table";
import { ListControls, ListPager } from "@/components/lists/list-controls";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { codingListDefinition } from "@/lib/codings/list";
import { listCodingFilterOptions, listStanceCodingsForReview } from "@/lib/data/codings";
import { loadListPage, sortChoices } from "@/lib/lists/page";
import { ListResults } from "@/components/lists/list-results";

export const metadata: Metadata = { title: "Codings" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CodingsPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const user = await requirePageUser("/codings");
  const list = await loadListPage(codingListDefinition, params, "/codings", (query) => listStanceCodingsForReview(user, query));
  const options = await listCodingFilterOptions(user, list.query?.filters.source);
  const canEdit = hasPermission(user, "edit");
  // Set by the coding form after a deletion, so the result of the action is visible here.
  const deleted = params.deleted !== undefined;
  const blind = user.role === "ANALYST" && !hasPermission(user, "adjudicate");
  const { page, query } = list;

  return (
    <main className="page">
      <h1 className="page__title">Codings</h1>
      <p className="page__lede">
        A coding is one coder’s score of one statement toward one target, from −3 (very hostile) to +3 (very conciliatory).
        {canEdit ? " You can edit the codings you made." : ""}
        {blind ? " Blind coding: you see another coder’s coding of a statement only once you have coded it yourself." : ""}
      </p>
      {deleted && (
        <div className="notice" role="status">
          The coding was deleted. An administrator can restore it from History.
        </div>
      )}
      <ListControls
        id="codings"
        action="/codings"
        values={list.values}
        fields={[
          {
            kind: "select",
            parameter: "speaker",
            label: "Speaker",
            options: options.speakers.map((actor) => ({ value: actor.slug, label: actor.name })),
          },
          {
            kind: "select",
            parameter: "target",
            label: "Target",
            options: options.targets.map((actor) => ({ value: actor.slug, label: actor.name })),
          },
          {
            kind: "select",
            parameter: "coder",
            label: "Coder",
            options: options.coders.map((coder) => ({ value: coder.id, label: coder.name })),
          },
          { kind: "fixed", parameter: "source", label: "Source", valueLabel: options.sourceTitle ?? "Unknown source" },
          { kind: "date", parameter: "from", label: "Said from" },
          { kind: "date", parameter: "to", label: "Said until" },
          { kind: "score", parameter: "min", label: "Lowest score" },
          { kind: "score", parameter: "max", label: "Highest score" },
          { kind: "yesNo", parameter: "adjudicated", label: "Adjudicated", yesLabel: "Adjudicated", noLabel: "Not adjudicated" },
        ]}
        sortOptions={sortChoices(codingListDefinition)}
        sort={list.sort}
        pageSize={list.pageSize}
      />
      <ListResults
        problem={list.problem}
        rows={query && page?.rows}
        id="codings"
        heading={
          query &&
          `${list.filtered ? "Matching codings" : "All codings"}, by ${codingListDefinition.sorts[query.sort.key]!.label.toLowerCase()}`
        }
        meta="Times are in UTC. Select a column heading to sort by it."
        empty={
          query?.cursor ? "No more codings." : list.filtered ? "No codings match these filters." : "No statements have been coded yet."
        }
        pager={
          page && (
            <ListPager
              shown={`${page.rows.length} coding${page.rows.length === 1 ? "" : "s"} on this page`}
              firstHref={list.firstHref}
              nextHref={list.nextHref}
            />
          )
        }
      >
        {page && <CodingsTable codings={page.rows} editorId={canEdit ? user.id : null} sortLinks={list.sortLinks} />}
      </ListResults>
    </main>
  );
}
