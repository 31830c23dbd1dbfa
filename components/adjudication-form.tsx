"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import type { Disagreement } from "@/lib/data/reliability";
import { sendJson } from "./json-request";
import { scoreWithLabel } from "./score-label";
import { ScorePicker } from "./score-picker";

type Field = "score" | "rationale";
type FieldErrors = Partial<Record<Field, string>>;

// The server's limit (adjudicationSchema), checked here so the message comes before the round trip.
const maximumRationaleLength = 2000;

/**
 * The settled value of one disagreement: shown when recorded (with a way to
 * revise it), otherwise a form to record it. Nothing is preselected: the
 * adjudicator has to choose, not confirm a suggestion.
 */
export function AdjudicationForm({
  statementId,
  targetId,
  subject,
  adjudication,
}: {
  statementId: string;
  targetId: string;
  /** "Speaker toward Target", for labels that must make sense out of context. */
  subject: string;
  adjudication: Disagreement["adjudication"];
}) {
  const router = useRouter();
  const id = useId();
  const [editing, setEditing] = useState(adjudication === null);
  const [score, setScore] = useState<number | null>(adjudication?.score ?? null);
  const [rationale, setRationale] = useState(adjudication?.rationale ?? "");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<{ message: string; signedOut: boolean } | null>(null);
  const [status, setStatus] = useState("");
  const [pending, setPending] = useState(false);
  // What was just recorded, shown until the refreshed page brings the stored adjudication (a new object,
  // which is how its arrival is recognised; until then `adjudication` is the value from before).
  const [recorded, setRecorded] = useState<{ score: number; rationale: string; basis: typeof adjudication } | null>(null);
  const shown =
    recorded && recorded.basis === adjudication
      ? { score: recorded.score, rationale: recorded.rationale, adjudicatorName: "you" }
      : adjudication;

  function startRevising() {
    setScore(shown?.score ?? null);
    setRationale(shown?.rationale ?? "");
    setFieldErrors({});
    setError(null);
    setStatus("");
    setEditing(true);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const problems: FieldErrors = {};
    if (score === null) problems.score = "choose the final value";
    if (!rationale.trim()) problems.rationale = "say why this is the final value; it is required";
    else if (rationale.trim().length > maximumRationaleLength) problems.rationale = `must be at most ${maximumRationaleLength} characters`;
    setFieldErrors(problems);
    setError(null);
    if (Object.keys(problems).length > 0) return;
    setPending(true);
    const result = await sendJson<{ ok: true }>("POST", "/api/adjudications", {
      statementId,
      targetId,
      score,
      rationale: rationale.trim(),
    });
    setPending(false);
    if (!result.ok) {
      const known: FieldErrors = {};
      const other: string[] = [];
      for (const [field, message] of Object.entries(result.fieldErrors)) {
        if (field === "score" || field === "rationale") known[field] = message;
        else other.push(`${field}: ${message}`);
      }
      setFieldErrors(known);
      setError({
        message:
          other.length > 0
            ? `Please correct: ${other.join("; ")}`
            : Object.keys(known).length > 0
              ? "Please correct the fields marked below."
              : result.error,
        signedOut: result.status === 401,
      });
      return;
    }
    setRecorded({ score: score!, rationale: rationale.trim(), basis: adjudication });
    setEditing(false);
    setStatus("Final value recorded. Charts now use it for this statement.");
    // Brings the recorded value (and the list's new order) from the server.
    router.refresh();
  }

  const errorId = (field: Field) => (fieldErrors[field] ? `${id}-${field}-error` : undefined);

  return (
    <div className="adjudication">
      <p className="form__status" role="status">
        {status}
      </p>
      {!editing && shown ? (
        <div className="adjudication__settled">
          <p className="adjudication__value">
            Final value: <strong>{scoreWithLabel(shown.score)}</strong>
            <span className="muted"> · recorded by {shown.adjudicatorName}</span>
          </p>
          <p className="prose adjudication__reason">{shown.rationale}</p>
          <button type="button" className="button button--small" onClick={startRevising}>
            Revise the final value<span className="visually-hidden"> of {subject}</span>
          </button>
        </div>
      ) : (
        <form className="form" onSubmit={(event) => void handleSubmit(event)} noValidate aria-label={`Final value of ${subject}`}>
          {error && (
            <div className="alert" role="alert">
              {error.message}
              {error.signedOut && (
                <>
                  {" "}
                  <a href={`/sign-in?callbackUrl=${encodeURIComponent("/reliability")}`} target="_blank" rel="noopener">
                    Sign in again in a new tab
                  </a>
                  , then record it here: what you entered is kept on this page.
                </>
              )}
            </div>
          )}
          <ScorePicker
            id={`${id}-score`}
            name={`${id}-score`}
            legend="Final value"
            value={score}
            onChange={(option) => {
              setScore(option);
              setFieldErrors((previous) => ({ ...previous, score: undefined }));
            }}
            error={fieldErrors.score}
          />
          <div className="field">
            <label className="field__label" htmlFor={`${id}-rationale`}>
              Reason
            </label>
            <p className="field__hint" id={`${id}-rationale-hint`}>
              Which reading of the statement holds, and why.
            </p>
            <textarea
              id={`${id}-rationale`}
              rows={3}
              maxLength={maximumRationaleLength}
              value={rationale}
              onChange={(event) => {
                setRationale(event.target.value);
                setFieldErrors((previous) => ({ ...previous, rationale: undefined }));
              }}
              aria-invalid={fieldErrors.rationale ? true : undefined}
              aria-describedby={[`${id}-rationale-hint`, errorId("rationale")].filter(Boolean).join(" ")}
            />
            {fieldErrors.rationale && (
              <p className="field__error" id={errorId("rationale")}>
                Reason: {fieldErrors.rationale}
              </p>
            )}
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={pending}>
              {pending ? "Recording…" : "Record final value"}
            </button>
            {shown && (
              <button type="button" className="button" disabled={pending} onClick={() => setEditing(false)}>
                Cancel
              </button>
            )}
          </div>
        </form>
      )}
    </div>
  );
}
