import Link from "next/link";
import type { DeletedRecordView } from "@/lib/data/history";
import { DateTimeCell } from "./date-time-cell";
import { describeEntity } from "./format";
import { recordHistoryPath } from "./history-links";
import { RestoreButton } from "./restore-button";

export function DeletedRecordsTable({ records }: { records: DeletedRecordView[] }) {
  return (
    <div className="table-scroll" tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">Record</th>
            <th scope="col">Kind</th>
            <th scope="col">Deleted</th>
            <th scope="col">By</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
  );
}
