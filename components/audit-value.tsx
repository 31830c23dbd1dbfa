import { truncate } from "./format";
import styles from "./audit-value.module.css";

const shortLength = 120;

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** One audited value: strings as written, anything else as JSON; long text folded, the whole of it one click away. */
export function AuditValue({ value }: { value: unknown }) {
  const text = asText(value);
  if (text === null) return <span className="muted">(none)</span>;
  if (text === "") return <span className="muted">(empty)</span>;
  if (text.length <= shortLength) return <span className={styles.auditValue}>{text}</span>;
  return (
    <details className={`${styles.auditValue} ${styles.auditValueLong}`}>
      <summary title={text}>{truncate(text, shortLength)}</summary>
      <div className="prose">{text}</div>
    </details>
  );
}
