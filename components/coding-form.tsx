"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent, type ReactNode, type RefObject } from "react";
import { confidenceLabels } from "@/lib/codings/schemas";
import type { StanceCodingView } from "@/lib/data/codings";
import type { Confidence } from "@/lib/generated/prisma/enums";
import { formatDateTime } from "./format";
import { sendJson, type JsonResponse, splitFieldErrors } from "./json-request";
import { mergeEdits } from "@/lib/edits/merge";
import { scoreWithLabel } from "./score-label";
import { ariaDescribedBy, FieldError } from "./form-feedback";
import { ScorePicker } from "./score-picker";

type CodingValues = { score: number; isConditional: boolean; confidence: Confidence; rationale: string };
type Field = keyof CodingValues;
type FieldErrors = Partial<Record<Field, string>>;
/** A stale save or delete: someone (often the same coder in another tab) saved a newer version first. */
type Conflict = { operation: "save" | "delete"; message: string; current: StanceCodingView };
type Failure = Extract<JsonResponse<unknown>, { ok: false }>;

const fields: Field[] = ["score", "isConditional", "confidence", "rationale"];
const fieldNames: Record<Field, string> = {
  score: "Score",
  isConditional: "Conditional",
  confidence: "Confidence",
  rationale: "Rationale",
};
const confidences = Object.keys(confidenceLabels) as Confidence[];
// The server's limit (stanceCodingSchema); checked here too so the message comes before the round trip.
const maximumRationaleLength = 2000;

function valuesOf(coding: StanceCodingView): CodingValues {
  return { score: coding.score, isConditional: coding.isConditional, confidence: coding.confidence, rationale: coding.rationale };
}

function isField(name: string): name is Field {
  return (fields as string[]).includes(name);
}

// The server trims the rationale, so surrounding spaces are not a change.
function sameValue(field: Field, a: CodingValues, b: CodingValues): boolean {
  return field === "rationale" ? a.rationale.trim() === b.rationale.trim() : a[field] === b[field];
}

function describeValue(field: Field, values: CodingValues): string {
  switch (field) {
    case "score":
      return scoreWithLabel(values.score);
    case "isConditional":
      return values.isConditional ? "Yes" : "No";
    case "confidence":
      return confidenceLabels[values.confidence];
    case "rationale":
      return values.rationale.trim() || "(empty)";
  }
}

function isCodingView(value: unknown): value is StanceCodingView {
  if (!value || typeof value !== "object") return false;
  const candidate = value as Partial<StanceCodingView>;
  return typeof candidate.id === "string" && typeof candidate.version === "number" && typeof candidate.score === "number";
}

function checkValues(values: CodingValues): FieldErrors {
  const rationale = values.rationale.trim();
  if (!rationale) return { rationale: "must not be empty" };
  if (rationale.length > maximumRationaleLength) return { rationale: `must be at most ${maximumRationaleLength} characters` };
  return {};
}

/** The coder's own coding, editable; stale saves are shown side by side with the saved version rather than overwriting it. */
export function CodingForm({ coding }: { coding: StanceCodingView }) {
  const router = useRouter();
  const [saved, setSaved] = useState(coding);
  const [values, setValues] = useState(() => valuesOf(coding));
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<{ message: string; signedOut: boolean } | null>(null);
  const [status, setStatus] = useState("");
  const [pending, setPending] = useState<"save" | "delete" | null>(null);
  const conflictHeading = useRef<HTMLHeadingElement>(null);
  const url = `/api/codings/${encodeURIComponent(coding.id)}`;
  const unsaved = fields.some((field) => !sameValue(field, values, valuesOf(saved)));
  // The statement was corrected under this coding: saving it, even unchanged, is the coder's review (decision 0017).
  const needsReview = saved.statementChangedAt !== null;

  // Move keyboard and screen-reader focus to the comparison when it appears.
  useEffect(() => {
    if (conflict) conflictHeading.current?.focus();
  }, [conflict]);

  // Closing the tab or reloading would lose unsaved changes: let the browser ask first.
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);

  function change<F extends Field>(field: F, value: CodingValues[F]) {
    setValues((previous) => ({ ...previous, [field]: value }));
    setStatus("");
    setFieldErrors((previous) => ({ ...previous, [field]: undefined }));
  }

  function clearFeedback() {
    setError(null);
    setFieldErrors({});
    setStatus("");
  }

  function showFailure(result: Failure, operation: Conflict["operation"]) {
    if (result.status === 409 && isCodingView(result.current)) {
      setConflict({ operation, message: result.error, current: result.current });
      return;
    }
    const { known, other } = splitFieldErrors(result.fieldErrors, isField);
    setFieldErrors(known);
    if (result.status === 422 && Object.keys(known).length > 0 && other.length === 0) {
      setError({ message: "Please correct the fields marked below.", signedOut: false });
    } else {
      setError({ message: other.length > 0 ? `Please correct: ${other.join("; ")}` : result.error, signedOut: result.status === 401 });
    }
  }

  async function save(baseVersion: number, toSave: CodingValues = values) {
    const problems = checkValues(toSave);
    if (Object.keys(problems).length > 0) {
      setError(null);
      setFieldErrors(problems);
      return;
    }
    clearFeedback();
    setPending("save");
    const result = await sendJson<StanceCodingView>("PATCH", url, { version: baseVersion, ...toSave, rationale: toSave.rationale.trim() });
    setPending(null);
    if (!result.ok) {
      showFailure(result, "save");
      return;
    }
    setSaved(result.body);
    setValues(valuesOf(result.body));
    setConflict(null);
    setStatus(`Saved (version ${result.body.version}).`);
    // Keeps the browser's copy of this page current for back and forward navigation.
    router.refresh();
  }

  async function remove(baseVersion: number, question: string) {
    if (!window.confirm(question)) return;
    clearFeedback();
    setPending("delete");
    const result = await sendJson<{ ok: true }>("DELETE", url, { version: baseVersion });
    if (result.ok) {
      // Stay pending: the page is about to change.
      router.replace("/codings?deleted=1");
      router.refresh();
      return;
    }
    setPending(null);
    showFailure(result, "delete");
  }

  /** Saves the fields this editor changed on top of the newer version; the other fields keep the newer values. */
  function reapply(current: StanceCodingView) {
    const merged = mergeEdits(valuesOf(saved), values, valuesOf(current), sameValue);
    setSaved(current);
    setValues(merged);
    void save(current.version, merged);
  }

  function loadSavedVersion(current: StanceCodingView) {
    setSaved(current);
    setValues(valuesOf(current));
    setConflict(null);
    clearFeedback();
    setStatus(`Showing the saved version (version ${current.version}).`);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // While a conflict is shown, only its own buttons act.
    if (!conflict && (unsaved || needsReview) && pending === null) void save(saved.version);
  }

  const describedBy = (field: Field, hint?: string) => ariaDescribedBy(`coding-${field}`, fieldErrors[field], hint);
  const fieldError = (field: Field) => <FieldError id={`coding-${field}`} label={fieldNames[field]} message={fieldErrors[field]} />;

  return (
    <section className="card" aria-labelledby="coding-form-heading">
      <h2 className="card__title" id="coding-form-heading">
        Your coding toward {saved.target.name}
      </h2>
      <p className="card__meta">
        Version {saved.version}, saved <time suppressHydrationWarning>{formatDateTime(saved.updatedAt)}</time>
      </p>
      {needsReview && (
        <p className="notice">
          The statement’s words or speaker were corrected after you saved this coding. Check the score still fits the statement as it now
          reads, then save (or confirm) it.
        </p>
      )}
      <form className="form" onSubmit={handleSubmit} noValidate>
        {error && (
          <div className="alert" role="alert">
            {error.message}
            {error.signedOut && (
              <>
                {" "}
                <a href={`/sign-in?callbackUrl=${encodeURIComponent(`/codings/${coding.id}`)}`} target="_blank" rel="noopener">
                  Sign in again in a new tab
                </a>
                , then save here: your changes are kept on this page.
              </>
            )}
          </div>
        )}

        <ScorePicker
          id="coding-score"
          name="score"
          legend={fieldNames.score}
          value={values.score}
          onChange={(score) => change("score", score)}
          error={fieldErrors.score}
        />

        <div className="field">
          <div className="checkbox-field">
            <input
              id="coding-conditional"
              type="checkbox"
              checked={values.isConditional}
              onChange={(event) => change("isConditional", event.target.checked)}
              aria-describedby={describedBy("isConditional", "coding-conditional-hint")}
            />
            <label htmlFor="coding-conditional">Conditional</label>
          </div>
          <p className="field__hint" id="coding-conditional-hint">
            The stance holds only if a condition the speaker named is met.
          </p>
          {fieldError("isConditional")}
        </div>

        <div className="field">
          <label className="field__label" htmlFor="coding-confidence">
            Confidence
          </label>
          <select
            id="coding-confidence"
            value={values.confidence}
            onChange={(event) => change("confidence", event.target.value as Confidence)}
            aria-invalid={fieldErrors.confidence ? true : undefined}
            aria-describedby={describedBy("confidence")}
          >
            {confidences.map((confidence) => (
              <option key={confidence} value={confidence}>
                {confidenceLabels[confidence]}
              </option>
            ))}
          </select>
          {fieldError("confidence")}
        </div>

        <div className="field">
          <label className="field__label" htmlFor="coding-rationale">
            Rationale
          </label>
          <p className="field__hint" id="coding-rationale-hint">
            Why this score: the words that carry the stance, and any context. Up to {maximumRationaleLength.toLocaleString("en-GB")}{" "}
            characters.
          </p>
          <textarea
            id="coding-rationale"
            rows={6}
            maxLength={maximumRationaleLength}
            value={values.rationale}
            onChange={(event) => change("rationale", event.target.value)}
            aria-invalid={fieldErrors.rationale ? true : undefined}
            aria-describedby={describedBy("rationale", "coding-rationale-hint")}
          />
          {fieldError("rationale")}
        </div>

        <p className="form__status" role="status">
          {status}
        </p>

        {conflict ? (
          <ConflictComparison
            conflict={conflict}
            mine={conflict.operation === "save" ? values : valuesOf(saved)}
            mineHeading={conflict.operation === "save" ? "Your unsaved version" : `The version you opened (version ${saved.version})`}
            headingRef={conflictHeading}
          >
            {conflict.operation === "save" ? (
              <>
                <button
                  type="button"
                  className="button button--primary"
                  disabled={pending !== null}
                  onClick={() => reapply(conflict.current)}
                >
                  {pending === "save" ? "Saving…" : "Re-apply my change"}
                </button>
                <button type="button" className="button" disabled={pending !== null} onClick={() => loadSavedVersion(conflict.current)}>
                  Discard mine
                </button>
              </>
            ) : (
              <>
                <button
                  type="button"
                  className="button button--danger"
                  disabled={pending !== null}
                  onClick={() =>
                    void remove(conflict.current.version, `Delete the saved version (version ${conflict.current.version}) of this coding?`)
                  }
                >
                  {pending === "delete" ? "Deleting…" : "Delete the saved version"}
                </button>
                <button type="button" className="button" disabled={pending !== null} onClick={() => loadSavedVersion(conflict.current)}>
                  Keep it and show it
                </button>
              </>
            )}
          </ConflictComparison>
        ) : (
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={pending !== null || !(unsaved || needsReview)}>
              {pending === "save" ? "Saving…" : !unsaved && needsReview ? "Confirm it still fits" : "Save"}
            </button>
            {!unsaved && !needsReview && pending === null && <span className="form__hint">No unsaved changes</span>}
            <button
              type="button"
              className="button button--danger form__actions-end"
              disabled={pending !== null}
              onClick={() =>
                void remove(saved.version, "Delete this coding? It leaves every list and chart; an administrator can restore it.")
              }
            >
              {pending === "delete" ? "Deleting…" : "Delete coding"}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}

function ConflictComparison({
  conflict,
  mine,
  mineHeading,
  headingRef,
  children,
}: {
  conflict: Conflict;
  mine: CodingValues;
  mineHeading: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  children: ReactNode;
}) {
  const current = valuesOf(conflict.current);
  return (
    <div className="conflict" role="region" aria-labelledby="coding-conflict-heading">
      <h3 className="conflict__title" id="coding-conflict-heading" tabIndex={-1} ref={headingRef}>
        {conflict.operation === "save" ? "Your change was not saved" : "The coding was not deleted"}
      </h3>
      <p>{conflict.message}</p>
      <div className="table-scroll">
        <table className="comparison">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">{mineHeading}</th>
              <th scope="col">
                Saved version (version {conflict.current.version}, by {conflict.current.coder.name}, at{" "}
                {formatDateTime(conflict.current.updatedAt)})
              </th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => {
              const differs = !sameValue(field, mine, current);
              return (
                <tr key={field} className={differs ? "comparison__row--differs" : undefined}>
                  <th scope="row">
                    {fieldNames[field]}
                    {differs && <span className="badge">differs</span>}
                  </th>
                  <td className={field === "rationale" ? "prose" : undefined}>{describeValue(field, mine)}</td>
                  <td className={field === "rationale" ? "prose" : undefined}>{describeValue(field, current)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="form__actions">{children}</div>
    </div>
  );
}
