"use client";

import { useEffect, useState } from "react";
import styles from "./undo-toast.module.css";

/** How long the undo stays offered: long enough to notice a wrong save, short enough not to pile up. */
export const undoSeconds = 10;

/**
 * "Saved … Undo (U)" after a save. The live region is always on the page so
 * that screen readers announce what appears in it. The offer expires after
 * `undoSeconds`, but not while the pointer or focus is on it (a timed control
 * must not vanish from under the person about to use it).
 */
export function UndoToast({
  offer,
  pending,
  onUndo,
  onExpire,
}: {
  offer: { key: string; message: string } | null;
  pending: boolean;
  onUndo: () => void;
  onExpire: () => void;
}) {
  const [held, setHeld] = useState(false);
  const offerKey = offer?.key ?? null;

  useEffect(() => {
    if (offerKey === null || held || pending) return;
    const timer = window.setTimeout(onExpire, undoSeconds * 1000);
    return () => window.clearTimeout(timer);
  }, [offerKey, held, pending, onExpire]);

  return (
    <div className={styles.toast} role="status" aria-live="polite">
      {offer && (
        <div
          className={styles.panel}
          data-testid="undo-toast"
          onMouseEnter={() => setHeld(true)}
          onMouseLeave={() => setHeld(false)}
          onFocus={() => setHeld(true)}
          onBlur={() => setHeld(false)}
        >
          <p className={styles.message}>{offer.message}</p>
          <button
            type="button"
            className={`button button--small ${styles.button}`}
            disabled={pending}
            onClick={onUndo}
            aria-keyshortcuts="U"
          >
            {pending ? "Undoing…" : "Undo"} <kbd className="key">U</kbd>
          </button>
        </div>
      )}
    </div>
  );
}
