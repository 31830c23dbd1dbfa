import type { Metadata } from "next";
import Link from "@/components/link";
import { AuditEntryChanges } from "@/components/audit-entry-changes";
import { describeEntity, formatDateTime } from "@/components/format";
import { auditActionLabels } from "@/lib/audit/presentation";
import { RestoreButton } from "@/components/restore-button";
import { UndoCodingImportButton } from "@/components/undo-coding-import-button";
import { UndoMergeButton } from "@/components/undo-merge-button";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { listRecordHistory } from "@/lib/data/history";
import styles from "./page.module.css";

export const metadata: Metadata = { title: "Record history" };
export const dynamic = "force-dynamic";

type Params = Promise<{ entity: string; id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function RecordHistoryPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { entity, id } = await params;
  const user = await requirePageUser(`/admin/history/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`);
  if (!hasPermission(user, "administer")) {
    return (
      <main className="page">
        <h1 className="page__title">Record history</h1>
        <div className="empty-state">Only administrators can see the change history and restore records.</div>
      </main>
    );
  }
  const [entries, query] = await Promise.all([listRecordHistory(user, entity, id), searchParams]);
  // listRecordHistory returns the entries newest first.
  const newestFirst = entries;
  // Set by the Restore button after a successful restore.
  const restored = query.restored !== undefined;

  return (
    <main className="page">
      <p className="breadcrumb">
        <Link href="/admin/history">← History</Link>
      </p>
      <h1 className="page__title">{newestFirst[0]?.label ?? describeEntity(entity)}</h1>
      <p className="page__lede">
        {describeEntity(entity)} <code>{id}</code>. Every recorded change to this record, newest first. Times are in UTC.
      </p>
      {query.merged !== undefined && (
        <div className="notice" role="status">
          Merged. The entry below lists what moved; undo it here if the two were not one.
        </div>
      )}
      {restored && (
        <div className="notice" role="status">
          Restored. The newest entry below records the restore.
        </div>
      )}
      {newestFirst.length === 0 ? (
        <div className="empty-state">No history is recorded for this record.</div>
      ) : (
        <ol className={styles.historyEntries}>
          {newestFirst.map((entry, index) => (
            <li key={entry.id} className="card">
              <div className={styles.header}>
                <h2 className="card__title" id={`entry-${entry.id}`}>
                  {auditActionLabels[entry.action]}
                </h2>
                {/* The newest entry holds the current version, unless it is a deletion. */}
                {entry.restorable && (index > 0 || entry.action === "DELETE") && (
                  <RestoreButton
                    auditEntryId={entry.id}
                    label={entry.action === "DELETE" ? "Restore the version deleted here" : "Restore this version"}
                    confirmMessage={`Restore this ${describeEntity(entity).toLowerCase()} to the version recorded ${formatDateTime(entry.at)}? Its current values are replaced (and kept in history), and a deleted record returns to every list.`}
                  />
                )}
                {/* A merge not yet undone (an undo is recorded as a newer entry). */}
                {entity === "ActorMerge" && entry.action === "UPDATE" && index === 0 && <UndoMergeButton auditEntryId={entry.id} />}
                {/* An import not yet undone (an undo is recorded as a newer entry). */}
                {entity === "CodingImport" && entry.action === "CREATE" && index === 0 && (
                  <UndoCodingImportButton auditEntryId={entry.id} />
                )}
              </div>
              <p className="card__meta">
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> · {entry.userName ?? "no signed-in user"}
              </p>
              <AuditEntryChanges changes={entry.changes} />
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
