"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "./json-request";
import styles from "./assignment-progress.module.css";

/** Withdraws a source's assignment after a confirmation, so that it can be assigned again. */
export function WithdrawAssignmentButton({ drawId, sourceTitle }: { drawId: string; sourceTitle: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function withdraw() {
    if (!window.confirm(`Withdraw the assignment of “${sourceTitle}”? Codings already made stay.`)) return;
    setPending(true);
    setError(null);
    const result = await sendJson("DELETE", `/api/assignments/${encodeURIComponent(drawId)}`, {});
    setPending(false);
    if (result.ok) router.refresh();
    else setError(result.error);
  }

  return (
    <span>
      <button type="button" className="button button--small" disabled={pending} onClick={() => void withdraw()}>
        {pending ? "Withdrawing…" : "Withdraw"}
      </button>
      {error && (
        <span className={styles.error} role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
