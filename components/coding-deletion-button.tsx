"use client";

import { useRouter } from "next/navigation";
import { ActionButton } from "./action-button";
import styles from "./action-button.module.css";

/**
 * An administrator's deletion of another coder's coding (an import's, say): soft, restorable from History. The
 * version is the one on screen, so a coding changed since is refused with a conflict rather than deleted unseen.
 */
export function CodingDeletionButton({ codingId, version, coderName }: { codingId: string; version: number; coderName: string }) {
  const router = useRouter();
  return (
    <ActionButton
      method="DELETE"
      url={`/api/codings/${encodeURIComponent(codingId)}`}
      payload={{ version }}
      label="Delete coding"
      pendingLabel="Deleting…"
      danger
      confirmMessage={`Delete ${coderName}’s coding? It leaves every list and chart; you can restore it from History.`}
      className={styles.stacked}
      errorClassName={styles.error}
      onDone={() => {
        router.replace("/codings?deleted=1");
        router.refresh();
        return "keep-pending";
      }}
    />
  );
}
