"use client";

import { useRouter } from "next/navigation";
import { ActionButton } from "./action-button";
import { recordHistoryPath } from "./history-links";
import styles from "./action-button.module.css";

type Restored = { ok: true; entity: string; entityId: string };

/**
 * Restores the version an audit entry holds, after a confirmation. Success
 * opens the record's history, whose newest entry is the restore itself.
 */
export function RestoreButton({ auditEntryId, label, confirmMessage }: { auditEntryId: string; label: string; confirmMessage: string }) {
  const router = useRouter();
  return (
    <ActionButton<Restored>
      method="POST"
      url="/api/history/restore"
      payload={{ auditEntryId }}
      label={label}
      pendingLabel="Restoring…"
      confirmMessage={confirmMessage}
      className={styles.stacked}
      errorClassName={styles.error}
      onDone={(restored) => {
        router.push(`${recordHistoryPath(restored.entity, restored.entityId)}?restored=${encodeURIComponent(auditEntryId)}`);
        router.refresh();
        return "keep-pending";
      }}
    />
  );
}
