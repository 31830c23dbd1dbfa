"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson, type JsonResponse } from "./json-request";

type Refused = Extract<JsonResponse<unknown>, { ok: false }>;

/**
 * One button that sends one request about a record (restore it, undo a merge,
 * withdraw an assignment or an estimate), after a confirmation when asked;
 * while the request is out it is disabled and says what it is doing, and a
 * refusal is shown beside it. On success it refreshes the page, or does what
 * `onDone` says (return "keep-pending" when the page is about to change).
 * The single way such buttons behave; each caller keeps its own words and styles.
 */
export function ActionButton<Body = unknown>({
  method,
  url,
  payload,
  label,
  pendingLabel,
  confirmMessage,
  accessibleLabel,
  danger = false,
  describeRefusal = (result) => result.error,
  onDone,
  className,
  errorClassName,
  pressed,
  onRefused,
  disabled = false,
  onPendingChange,
}: {
  method: "POST" | "PATCH" | "DELETE";
  url: string;
  payload: unknown;
  label: string;
  pendingLabel: string;
  /** Asked first when set: for removals and other changes a person should not make by a slip. */
  confirmMessage?: string;
  /** The button's name where its visible label alone is ambiguous in a list ("Withdraw" which estimate). */
  accessibleLabel?: string;
  danger?: boolean;
  /** The sentence shown for a refusal; defaults to the server's. */
  describeRefusal?: (result: Refused) => string;
  /** After a 2xx; defaults to refreshing the page. */
  onDone?: (body: Body) => void | "keep-pending";
  className?: string;
  errorClassName?: string;
  /** For a button that toggles a state (adjudicator or not): its `aria-pressed`. */
  pressed?: boolean;
  /** Where a refusal goes instead of beside the button (a table row's message line). */
  onRefused?: (message: string) => void;
  /** Held off while a neighbouring change to the same record is out: sent meanwhile, it would carry a stale version. */
  disabled?: boolean;
  /** Told when its request goes out and when it is answered, so that neighbouring buttons can hold off in turn. */
  onPendingChange?: (pending: boolean) => void;
}) {
  const router = useRouter();
  const [pending, setPendingState] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function setPending(next: boolean) {
    setPendingState(next);
    onPendingChange?.(next);
  }

  async function act() {
    if (confirmMessage && !window.confirm(confirmMessage)) return;
    setPending(true);
    setError(null);
    const result = await sendJson<Body>(method, url, payload);
    if (!result.ok) {
      setPending(false);
      if (onRefused) onRefused(describeRefusal(result));
      else setError(describeRefusal(result));
      return;
    }
    if (onDone) {
      if (onDone(result.body) !== "keep-pending") setPending(false);
      return;
    }
    setPending(false);
    router.refresh();
  }

  return (
    <span className={className}>
      <button
        type="button"
        className={danger ? "button button--small button--danger" : "button button--small"}
        disabled={pending || disabled}
        aria-label={accessibleLabel}
        aria-pressed={pressed}
        onClick={() => void act()}
      >
        {pending ? pendingLabel : label}
      </button>
      {error && (
        <span className={errorClassName} role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
