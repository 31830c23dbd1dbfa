"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "./json-request";
import styles from "./restore-button.module.css";

/** Undoes an actor merge recorded in history: the merged actor returns with what moved. */
export function UndoMergeButton({ auditEntryId }: { auditEntryId: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function undo() {
    if (!window.confirm("Undo this merge? The merged actor returns, with the statements, codings, events and links that moved.")) return;
    setPending(true);
    setError(null);
    const result = await sendJson<{ ok: true }>("POST", "/api/actors/merges/undo", { auditEntryId });
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    router.refresh();
  }

  return (
    <span className={styles.restore}>
      <button type="button" className="button button--small" disabled={pending} onClick={() => void undo()}>
        {pending ? "Undoing…" : "Undo this merge"}
      </button>
      {error && (
        <span className={styles.error} role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
