import type { AuditEntryView } from "@/lib/data/history";
import { AuditValue } from "./audit-value";
import styles from "./audit-entry-changes.module.css";

/** An entry's changes as a field / before / after table. */
export function AuditEntryChanges({ changes }: { changes: AuditEntryView["changes"] }) {
  if (changes.length === 0) return <p className="card__meta">No field values changed.</p>;
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className={styles.diffTable}>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
  );
}
