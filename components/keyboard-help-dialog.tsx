"use client";

import { useEffect, useRef } from "react";
import { shortcutList } from "./keyboard-shortcuts";
import styles from "./keyboard-help-dialog.module.css";

/**
 * The full shortcut list in a modal dialog. The native <dialog> gives focus
 * trapping, Escape to close and focus return for free; `open` stays the
 * single source of truth, and closing by any route is reported through onClose.
 */
export function KeyboardHelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog ref={dialog} className={styles.keyboardHelp} aria-labelledby="keyboard-help-title" onClose={onClose}>
      <h2 className="card__title" id="keyboard-help-title">
        Keyboard shortcuts
      </h2>
      <p className="card__meta">They work whenever you are not typing in a rationale; Ctrl+Enter saves even then.</p>
      <ShortcutTable />
      <div className="form__actions">
        <button type="button" className="button button--primary" onClick={onClose}>
          Close
        </button>
        <span className="form__hint">
          or press <kbd className="key">Esc</kbd>
        </span>
      </div>
    </dialog>
  );
}

export function ShortcutTable() {
  return (
    <table className={styles.table}>
      <thead>
        <tr>
          <th scope="col">Keys</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {shortcutList.map((shortcut) => (
          <tr key={shortcut.description}>
            <td className="nowrap">
              {shortcut.keys.map((key, index) =>
                key === "…" ? (
                  <span key={index}> … </span>
                ) : (
                  <kbd key={index} className="key">
                    {key}
                  </kbd>
                ),
              )}
            </td>
            <td>{shortcut.description}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
