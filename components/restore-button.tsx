"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { recordHistoryPath } from "./history-links";
import { sendJson } from "./json-request";
import styles from "./restore-button.module.css";

type Restored = { ok: true; entity: string; entityId: string };

/**
 * Restores the version an audit entry holds, after a confirmation. Success
 * opens the record's history, whose newest entry is the restore itself.
 */
export function RestoreButton({ auditEntryId, label, confirmMessage }: { auditEntryId: string; label: string; confirmMessage: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function restore() {
    if (!window.confirm(confirmMessage)) return;
    setPending(true);
    setError(null);
    const result = await sendJson<Restored>("POST", "/api/history/restore", { auditEntryId });
    if (result.ok) {
      router.push(`${recordHistoryPath(result.body.entity, result.body.entityId)}?restored=${encodeURIComponent(auditEntryId)}`);
      router.refresh();
      return;
    }
    setPending(false);
    setError(result.error);
  }

  return (
    <span className={styles.restore}>
      <button type="button" className="button button--small" disabled={pending} onClick={() => void restore()}>
        {pending ? "Restoring…" : label}
      </button>
      {error && (
        <span className={styles.error} role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
