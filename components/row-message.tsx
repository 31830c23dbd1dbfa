"use client";

/** What a row's last action did: a success note or a refusal. */
export type RowMessageContent = { text: string; isError: boolean };

/**
 * The line under a table row that says what its last action did (saved,
 * refused), with a Dismiss button: a notice for success, an alert for a refusal.
 * Shared by the rows that act in place (users, actors).
 */
export function RowMessage({
  message,
  columnCount,
  onDismiss,
}: {
  message: RowMessageContent | null;
  columnCount: number;
  onDismiss: () => void;
}) {
  if (!message) return null;
  return (
    <tr className="row-message">
      <td colSpan={columnCount}>
        <div className={message.isError ? "alert" : "notice"} role={message.isError ? "alert" : "status"}>
          {message.text}
          <button type="button" className="link-button" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      </td>
    </tr>
  );
}
