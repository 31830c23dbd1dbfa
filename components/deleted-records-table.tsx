import Link from "@/components/link";
import type { DeletedRecordView } from "@/lib/data/history";
import { DateTimeCell } from "./date-time-cell";
import { describeEntity } from "./format";
import { recordHistoryPath } from "./history-links";
import { RestoreButton } from "./restore-button";
import { ScrollingTable, actionsColumn } from "./scrolling-table";

export function DeletedRecordsTable({ records }: { records: DeletedRecordView[] }) {
  return (
    <ScrollingTable columns={["Record", "Kind", "Deleted", "By", actionsColumn]}>
      {records.map((record) => (
        <tr key={`${record.entity}-${record.entityId}`}>
          <td>
            <Link href={recordHistoryPath(record.entity, record.entityId)}>{record.label}</Link>
          </td>
          <td className="nowrap">{describeEntity(record.entity)}</td>
          <DateTimeCell iso={record.deletedAt} />
          <td>{record.deletedBy ?? <span className="muted">—</span>}</td>
          <td className="nowrap">
            <RestoreButton
              auditEntryId={record.auditEntryId}
              label="Restore"
              confirmMessage={`Restore ${record.label}? It returns, as it was just before it was deleted, to every list and chart.`}
            />
          </td>
        </tr>
      ))}
    </ScrollingTable>
  );
}
