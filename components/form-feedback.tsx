// What every form shows when the server refuses it: messages beside
// the fields it names, the rest in the form's alert. Used by client forms;
// holds no state of its own.
import type { ReactNode } from "react";
import type { JsonResponse } from "./json-request";
import { splitFieldErrors } from "./json-request";

export type Failure = Extract<JsonResponse<unknown>, { ok: false }>;

/** The field messages a form can place, and the alert for everything else. */
export function describeFailure<Field extends string>(
  result: Failure,
  isField: (name: string) => name is Field,
): { fieldErrors: Partial<Record<Field, string>>; alert: string | null } {
  const { known, other } = splitFieldErrors(result.fieldErrors, isField);
  if (other.length > 0) return { fieldErrors: known, alert: `Please correct: ${other.join("; ")}` };
  if (Object.keys(known).length > 0) return { fieldErrors: known, alert: "Please correct the fields marked below." };
  return { fieldErrors: known, alert: result.error };
}

/** The ids a control's aria-describedby lists: its hint and, when it has one, its error. */
export function ariaDescribedBy(id: string, error: string | undefined, hintId?: string): string | undefined {
  return [hintId, error ? `${id}-error` : undefined].filter(Boolean).join(" ") || undefined;
}

export function FieldError({
  id,
  label,
  message,
  className = "field__error",
}: {
  id: string;
  label: string;
  message: string | undefined;
  className?: string;
}) {
  if (!message) return null;
  return (
    <p className={className} id={`${id}-error`}>
      {label}: {message}
    </p>
  );
}

/**
 * The form's alert. With `signInAgain` (the session ended while the page was
 * open: `form.signedOut`), it offers to sign in in a new tab, so what was
 * entered here is not lost.
 */
export function FormAlert({ message, signInAgain }: { message: string | null; signInAgain?: { returnTo: string; then: string } }) {
  if (!message) return null;
  return (
    <div className="alert" role="alert">
      {message}
      {signInAgain && (
        <>
          {" "}
          <a href={`/sign-in?callbackUrl=${encodeURIComponent(signInAgain.returnTo)}`} target="_blank" rel="noopener">
            Sign in again in a new tab
          </a>
          , then {signInAgain.then}: what you entered is kept on this page.
        </>
      )}
    </div>
  );
}

/**
 * A form's status line (what the last save did: `form.notice`, announced
 * politely) and its alert (what was refused).
 */
export function FormMessages({
  form,
  signInAgain,
}: {
  form: { notice: ReactNode; alert: string | null; signedOut: boolean };
  signInAgain?: { returnTo: string; then: string };
}) {
  return (
    <>
      <FormAlert message={form.alert} signInAgain={form.signedOut ? signInAgain : undefined} />
      <p className="form__status" role="status">
        {form.notice}
      </p>
    </>
  );
}

/**
 * A form's submit button (disabled and saying what it is doing while the
 * request is out), then the form's other actions and hints.
 */
export function FormActions({
  pending,
  label,
  pendingLabel,
  size,
  disabled = false,
  children,
}: {
  pending: boolean;
  label: ReactNode;
  pendingLabel: string;
  /** "small" in a side panel, "wide" alone in a narrow card. */
  size?: "small" | "wide";
  /** Disabled for a reason of the form's own (nothing changed yet). */
  disabled?: boolean;
  children?: ReactNode;
}) {
  return (
    <div className="form__actions">
      <button type="submit" className={`button button--primary${size ? ` button--${size}` : ""}`} disabled={pending || disabled}>
        {pending ? pendingLabel : label}
      </button>
      {children}
    </div>
  );
}
