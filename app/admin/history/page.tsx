import type { Metadata } from "next";
import Link from "@/components/link";
import { DeletedRecordsTable } from "@/components/deleted-records-table";
import { ListControls, ListPager } from "@/components/lists/list-controls";
import { RecentChangesTable } from "@/components/recent-changes-table";
import { historyListDefinition } from "@/lib/audit/history-list";
import { historyRecordKinds } from "@/lib/audit/presentation";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { listDeletedRecords, listHistory, listHistoryPeople } from "@/lib/data/history";
import { loadListPage, sortChoices } from "@/lib/lists/page";
import { ListResults } from "@/components/lists/list-results";

export const metadata: Metadata = { title: "History" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function HistoryPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const user = await requirePageUser("/admin/history");
  if (!hasPermission(user, "administer")) {
    return (
      <main className="page">
        <h1 className="page__title">History</h1>
        <div className="empty-state">Only administrators can see the change history and restore records.</div>
      </main>
    );
  }
  const [deleted, people, list] = await Promise.all([
    listDeletedRecords(user),
    listHistoryPeople(user),
    loadListPage(historyListDefinition, params, "/admin/history", (query) => listHistory(user, query)),
  ]);
  const signIns = list.query?.filters.show === "sign-ins";
  const { page, query } = list;

  return (
    <main className="page">
      <h1 className="page__title">History</h1>
      <p className="page__lede">
        Every change, sign-in and deletion is recorded. Deleted records can be restored; any earlier version of a record can be brought back
        from its own history. Times are in UTC.
      </p>
      <div className="stack">
        {!list.query?.cursor && !list.filtered && (
          <section className="card" aria-labelledby="deleted-heading">
            <h2 className="card__title" id="deleted-heading">
              Deleted records
            </h2>
            <p className="card__meta">Deleted records are hidden from every list and chart until restored.</p>
            {deleted.length === 0 ? (
              <div className="empty-state">Nothing has been deleted.</div>
            ) : (
              <DeletedRecordsTable records={deleted} />
            )}
          </section>
        )}
        <nav aria-label="History views">
          {signIns ? <Link href="/admin/history">Changes</Link> : <strong>Changes</strong>}
          {" · "}
          {signIns ? <strong>Sign-ins</strong> : <Link href="/admin/history?show=sign-ins">Sign-ins</Link>}
        </nav>
        <ListControls
          id="history"
          action="/admin/history"
          values={list.values}
          fields={[
            { kind: "hidden", parameter: "show", label: "Show" },
            {
              kind: "select",
              parameter: "kind",
              label: "Kind of record",
              options: Object.entries(historyRecordKinds).map(([value, label]) => ({ value, label })),
            },
            {
              kind: "select",
              parameter: "person",
              label: "Person",
              options: people.map((person) => ({ value: person.id, label: person.name })),
            },
            { kind: "date", parameter: "from", label: "From" },
            { kind: "date", parameter: "to", label: "Until" },
          ]}
          sortOptions={sortChoices(historyListDefinition)}
          sort={list.sort}
          pageSize={list.pageSize}
        />
        <ListResults
          problem={list.problem}
          rows={query && page?.rows}
          id="changes"
          heading={`${signIns ? "Sign-ins" : "Changes"}${
            Object.entries(list.values).some(([parameter, value]) => parameter !== "show" && value) ? ", filtered" : ""
          }`}
          meta="Newest first. Open a record to see its full history and what each change did."
          empty={query?.cursor ? "No earlier entries: this is where the history begins." : "Nothing recorded matches."}
          emptyIn="card"
          pager={
            page && (
              <ListPager
                shown={`${page.rows.length} entr${page.rows.length === 1 ? "y" : "ies"} on this page`}
                firstHref={list.firstHref}
                nextHref={list.nextHref}
              />
            )
          }
          pagerWhenEmpty
        >
          {page && <RecentChangesTable entries={page.rows} sortLinks={list.sortLinks} />}
        </ListResults>
      </div>
    </main>
  );
}
