import type { AuditEntryView } from "@/lib/data/history";
import { AuditValue } from "./audit-value";
import styles from "./audit-entry-changes.module.css";
import { ScrollingTable } from "./scrolling-table";

/** An entry's changes as a field / before / after table. */
export function AuditEntryChanges({ changes }: { changes: AuditEntryView["changes"] }) {
  if (changes.length === 0) return <p className="card__meta">No field values changed.</p>;
  return (
    <ScrollingTable columns={["Field", "Before", "After"]} className={styles.diffTable}>
      {changes.map((change) => (
        <tr key={change.field}>
          <th scope="row">{change.label}</th>
          <td className={styles.before}>
            <AuditValue value={change.beforeText} />
          </td>
          <td className={styles.after}>
            <AuditValue value={change.afterText} />
          </td>
        </tr>
      ))}
    </ScrollingTable>
  );
}
