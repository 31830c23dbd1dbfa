import Link from "@/components/link";
import type { AuditEntryView } from "@/lib/data/history";
import type { SortLink } from "@/lib/lists/page";
import { DateTimeCell } from "./date-time-cell";
import { describeEntity, truncate } from "./format";
import { recordHistoryPath } from "./history-links";
import { auditActionLabels } from "@/lib/audit/presentation";
import { ScrollingTable, sortableColumn } from "./scrolling-table";

const summarisedFields = 4;

// A new record "changes" every field, and a sign-in records who and from where:
// listing those field names says nothing, so they get a sentence instead.
function summariseChanges(entry: AuditEntryView): string {
  const { action, changes } = entry;
  if (action === "CREATE") return "New record";
  if (action === "SIGN_IN" || action === "SIGN_IN_FAILED") {
    const outcome = changes.find((change) => change.field === "outcome")?.afterText;
    const address = changes.find((change) => change.field === "clientAddress")?.afterText;
    return outcome ? `${outcome}${address ? ` from ${address}` : ""}` : "—";
  }
  if (changes.length === 0) return "—";
  const names = changes.slice(0, summarisedFields).map((change) => change.label.toLowerCase());
  const more = changes.length - names.length;
  return more > 0 ? `${names.join(", ")} and ${more} more` : names.join(", ");
}

export function RecentChangesTable({ entries, sortLinks = {} }: { entries: AuditEntryView[]; sortLinks?: Record<string, SortLink> }) {
  return (
    <ScrollingTable columns={[sortableColumn("Time", sortLinks.time), "Who", "Action", "Record", "Changed fields"]} stackOnPhone>
      {entries.map((entry) => (
        <tr key={entry.id}>
          <DateTimeCell iso={entry.at} label="Time" />
          <td data-label="Who">{entry.userName ?? <span className="muted">—</span>}</td>
          <td className="nowrap" data-label="Action">
            {auditActionLabels[entry.action]}
          </td>
          <td data-label="Record">
            <Link href={recordHistoryPath(entry.entity, entry.entityId)} title={`${entry.entity} ${entry.entityId}`}>
              {entry.label ?? (
                <>
                  {describeEntity(entry.entity)} <code>{truncate(entry.entityId, 14)}</code>
                </>
              )}
            </Link>
          </td>
          <td data-label="Changed fields">{summariseChanges(entry)}</td>
        </tr>
      ))}
    </ScrollingTable>
  );
}
