// What every form shows when the server refuses it: messages beside
// the fields it names, the rest in the form's alert. Used by client forms;
// holds no state of its own.
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

export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="alert" role="alert">
      {message}
    </div>
  );
}
