"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "../json-request";
import styles from "./record-action-button.module.css";

/**
 * One button that changes or removes a record at the version the page showed
 * (withdraw an estimate, delete an indicator, mark evidence reviewed, remove
 * it), then refreshes the page. A refusal, stale version included, is shown
 * beside the button: the page then needs reloading to act on what is current.
 */
export function RecordActionButton({
  method,
  url,
  payload,
  label,
  pendingLabel,
  confirmMessage,
  accessibleLabel,
  danger = false,
}: {
  method: "PATCH" | "DELETE";
  url: string;
  payload: Record<string, unknown>;
  label: string;
  pendingLabel: string;
  /** Asked first when set: for removals. */
  confirmMessage?: string;
  /** The button's name where its visible label alone is ambiguous in a list ("Withdraw" which estimate). */
  accessibleLabel?: string;
  danger?: boolean;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function act() {
    if (confirmMessage && !window.confirm(confirmMessage)) return;
    setPending(true);
    setError(null);
    const result = await sendJson<unknown>(method, url, payload);
    setPending(false);
    if (!result.ok) {
      setError(result.status === 409 ? `${result.error} Reload the page to see the current version.` : result.error);
      return;
    }
    router.refresh();
  }

  return (
    <span className={styles.recordAction}>
      <button
        type="button"
        className={danger ? "button button--small button--danger" : "button button--small"}
        disabled={pending}
        aria-label={accessibleLabel}
        onClick={() => void act()}
      >
        {pending ? pendingLabel : label}
      </button>
      {error && (
        <span className={styles.error} role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
