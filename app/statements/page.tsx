import type { Metadata } from "next";
import { ListControls, ListPager } from "@/components/lists/list-controls";
import { StatementsTable } from "@/components/statements/statements-table";
import { requirePageUser } from "@/lib/auth/session";
import { listStatementFilterOptions, listStatements } from "@/lib/data/statements";
import { loadListPage, sortChoices } from "@/lib/lists/page";
import { statementListDefinition } from "@/lib/statements/list";
import { channelLabels, statementFormLabels } from "@/lib/statements/schemas";
import { ListResults } from "@/components/lists/list-results";

export const metadata: Metadata = { title: "Statements" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function StatementsPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const user = await requirePageUser("/statements");
  const list = await loadListPage(statementListDefinition, params, "/statements", (query) => listStatements(user, query));
  const options = await listStatementFilterOptions(user, list.query?.filters.source);
  const { page, query } = list;

  return (
    <main className="page">
      <h1 className="page__title">Statements</h1>
      <p className="page__lede">
        Everything said on the record, as marked in the sources: who said it, when, and how many codings it has. Open a quote to see it in
        its source and code it there.
      </p>
      <ListControls
        id="statements"
        action="/statements"
        values={list.values}
        fields={[
          {
            kind: "select",
            parameter: "speaker",
            label: "Speaker",
            options: options.speakers.map((actor) => ({ value: actor.slug, label: actor.name })),
          },
          { kind: "fixed", parameter: "source", label: "Source", valueLabel: options.sourceTitle ?? "Unknown source" },
          { kind: "date", parameter: "from", label: "Said from" },
          { kind: "date", parameter: "to", label: "Said until" },
          {
            kind: "select",
            parameter: "form",
            label: "Form",
            options: Object.entries(statementFormLabels).map(([value, label]) => ({ value, label })),
          },
          {
            kind: "select",
            parameter: "channel",
            label: "Channel",
            options: Object.entries(channelLabels).map(([value, label]) => ({ value, label })),
          },
          { kind: "yesNo", parameter: "coded", label: "Coverage", yesLabel: "Coded at least once", noLabel: "Not coded yet" },
        ]}
        sortOptions={sortChoices(statementListDefinition)}
        sort={list.sort}
        pageSize={list.pageSize}
      />
      <ListResults
        problem={list.problem}
        rows={query && page?.rows}
        id="statements"
        heading={
          query &&
          `${list.filtered ? "Matching statements" : "All statements"}, by ${statementListDefinition.sorts[query.sort.key]!.label.toLowerCase()}`
        }
        meta="Times are in UTC. Select a column heading to sort by it."
        empty={
          query?.cursor
            ? "No more statements."
            : list.filtered
              ? "No statements match these filters."
              : "No statements have been marked yet."
        }
        pager={
          page && (
            <ListPager
              shown={`${page.rows.length} statement${page.rows.length === 1 ? "" : "s"} on this page`}
              firstHref={list.firstHref}
              nextHref={list.nextHref}
            />
          )
        }
      >
        {page && <StatementsTable statements={page.rows} sortLinks={list.sortLinks} />}
      </ListResults>
    </main>
  );
}
