import type { Metadata } from "next";
import { DeletedRecordsTable } from "@/components/deleted-records-table";
import { RecentChangesTable } from "@/components/recent-changes-table";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { listDeletedRecords, listRecentChanges } from "@/lib/data/history";

export const metadata: Metadata = { title: "History" };
export const dynamic = "force-dynamic";

const recentChangeCount = 50;

export default async function HistoryPage() {
  const user = await requirePageUser("/admin/history");
  if (!hasPermission(user, "administer")) {
    return (
      <main className="page">
        <h1 className="page__title">History</h1>
        <div className="empty-state">Only administrators can see the change history and restore records.</div>
      </main>
    );
  }
  const [deleted, changes] = await Promise.all([listDeletedRecords(user), listRecentChanges(user, recentChangeCount)]);

  return (
    <main className="page">
      <h1 className="page__title">History</h1>
      <p className="page__lede">
        Every change, sign-in and deletion is recorded. Deleted records can be restored; any earlier version of a record can be brought back
        from its own history. Times are in UTC.
      </p>
      <div className="stack">
        <section className="card" aria-labelledby="deleted-heading">
          <h2 className="card__title" id="deleted-heading">
            Deleted records
          </h2>
          <p className="card__meta">Deleted records are hidden from every list and chart until restored.</p>
          {deleted.length === 0 ? <div className="empty-state">Nothing has been deleted.</div> : <DeletedRecordsTable records={deleted} />}
        </section>
        <section className="card" aria-labelledby="changes-heading">
          <h2 className="card__title" id="changes-heading">
            Recent changes
          </h2>
          <p className="card__meta">
            The latest {recentChangeCount}, newest first. Open a record to see its full history and what each change did.
          </p>
          {changes.length === 0 ? <div className="empty-state">No changes recorded yet.</div> : <RecentChangesTable entries={changes} />}
        </section>
      </div>
    </main>
  );
}
