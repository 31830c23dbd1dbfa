"use client";

import { ActionButton } from "./action-button";
import styles from "./assignment-progress.module.css";

/** Withdraws a source's assignment after a confirmation, so that it can be assigned again. */
export function WithdrawAssignmentButton({ drawId, sourceTitle }: { drawId: string; sourceTitle: string }) {
  return (
    <ActionButton
      method="DELETE"
      url={`/api/assignments/${encodeURIComponent(drawId)}`}
      payload={{}}
      label="Withdraw"
      pendingLabel="Withdrawing…"
      confirmMessage={`Withdraw the assignment of “${sourceTitle}”? Codings already made stay; History can bring the assignment back.`}
      errorClassName={styles.error}
    />
  );
}
