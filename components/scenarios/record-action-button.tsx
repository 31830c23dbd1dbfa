"use client";

import { ActionButton } from "../action-button";
import styles from "../action-button.module.css";

/**
 * One button that changes or removes a record at the version the page showed
 * (withdraw an estimate, delete an indicator, mark evidence reviewed, remove
 * it), then refreshes the page. A refusal, stale version included, is shown
 * beside the button: the page then needs reloading to act on what is current.
 */
export function RecordActionButton(props: {
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
  return (
    <ActionButton
      {...props}
      describeRefusal={(result) => (result.status === 409 ? `${result.error} Reload the page to see the current version.` : result.error)}
      className={styles.stacked}
      errorClassName={styles.error}
    />
  );
}
