"use client";

import { ActionButton } from "./action-button";
import styles from "./action-button.module.css";

/** Undoes an import of codings recorded in history: what it created and nobody has changed or built on since goes. */
export function UndoCodingImportButton({ auditEntryId }: { auditEntryId: string }) {
  return (
    <ActionButton
      method="POST"
      url="/api/exchange/undo"
      payload={{ auditEntryId }}
      label="Undo this import"
      pendingLabel="Undoing…"
      confirmMessage="Undo this import? The codings it created leave every list and chart, and so do the statements it created that nothing else rests on; codings changed since are kept. Each can be restored from History."
      className={styles.stacked}
      errorClassName={styles.error}
    />
  );
}
