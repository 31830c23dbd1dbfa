"use client";

import { ActionButton } from "./action-button";
import styles from "./action-button.module.css";

/** Undoes an actor merge recorded in history: the merged actor returns with what moved. */
export function UndoMergeButton({ auditEntryId }: { auditEntryId: string }) {
  return (
    <ActionButton
      method="POST"
      url="/api/actors/merges/undo"
      payload={{ auditEntryId }}
      label="Undo this merge"
      pendingLabel="Undoing…"
      confirmMessage="Undo this merge? The merged actor returns, with the statements, codings, events and links that moved."
      className={styles.stacked}
      errorClassName={styles.error}
    />
  );
}
