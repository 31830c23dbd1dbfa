"use client";

import { choicesOf } from "@/lib/choices";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { confidenceLabels, maximumRationaleLength } from "@/lib/codings/labels";
import type { StanceCodingView } from "@/lib/data/codings";
import type { Confidence } from "@/lib/generated/prisma/enums";
import { mergeEdits } from "@/lib/edits/merge";
import { formatDateTime } from "./format";
import { sendJson } from "./json-request";
import { scoreWithLabel } from "./score-label";
import {
  CheckboxField,
  ConflictComparison,
  FormAlert,
  sameField,
  ScorePicker,
  SelectField,
  TextAreaField,
  useSchemaForm,
  type ComparedField,
} from "./form";

type CodingValues = { version: number; score: number; isConditional: boolean; confidence: Confidence; rationale: string };

const compared: ComparedField<CodingValues>[] = [
  { name: "score", label: "Score", describe: (values) => scoreWithLabel(values.score) },
  { name: "isConditional", label: "Conditional", describe: (values) => (values.isConditional ? "Yes" : "No") },
  { name: "confidence", label: "Confidence", describe: (values) => confidenceLabels[values.confidence] },
  // The server trims the rationale, so surrounding spaces are not a change.
  {
    name: "rationale",
    label: "Rationale",
    describe: (values) => values.rationale.trim() || "(empty)",
    same: (a, b) => a.rationale.trim() === b.rationale.trim(),
    prose: true,
  },
];
const same = (name: keyof CodingValues, a: CodingValues, b: CodingValues) => {
  const field = compared.find((candidate) => candidate.name === name);
  return field ? sameField(field, a, b) : true;
};

function valuesOf(coding: StanceCodingView): CodingValues {
  const { version, score, isConditional, confidence, rationale } = coding;
  return { version, score, isConditional, confidence, rationale };
}

function isCodingView(value: unknown): value is StanceCodingView {
  if (!value || typeof value !== "object") return false;
  const candidate = value as Partial<StanceCodingView>;
  return typeof candidate.id === "string" && typeof candidate.version === "number" && typeof candidate.score === "number";
}

/** The coder's own coding, editable; stale saves are shown side by side with the saved version rather than overwriting it. */
export function CodingForm({ coding }: { coding: StanceCodingView }) {
  const router = useRouter();
  const [saved, setSaved] = useState(coding);
  const [deleting, setDeleting] = useState(false);
  // A stale delete: the saved version the server answered with.
  const [deleteConflict, setDeleteConflict] = useState<{ message: string; current: StanceCodingView } | null>(null);
  const [deleteAlert, setDeleteAlert] = useState<string | null>(null);
  const url = `/api/codings/${encodeURIComponent(coding.id)}`;
  const form = useSchemaForm<CodingValues, StanceCodingView>({
    schema: () => import("@/lib/codings/schemas").then((schemas) => schemas.stanceCodingUpdateSchema),
    idPrefix: "coding",
    initialValues: valuesOf(coding),
    labels: { version: "Version", score: "Score", isConditional: "Conditional", confidence: "Confidence", rationale: "Rationale" },
    toBody: (values) => ({ ...values, rationale: values.rationale.trim() }),
    request: { method: "PATCH", url },
    onSuccess: (body) => {
      setSaved(body);
      form.reset(valuesOf(body));
      form.setNotice(`Saved (version ${body.version}).`);
      // Keeps the browser's copy of this page current for back and forward navigation.
      router.refresh();
    },
  });
  const saveConflict = form.conflict && isCodingView(form.conflict.current) ? { ...form.conflict, current: form.conflict.current } : null;
  const pending = form.pending || deleting;
  const unsaved = compared.some((field) => !sameField(field, form.values, valuesOf(saved)));
  // The statement was corrected under this coding: saving it, even unchanged, is the coder's review (decision 0017).
  const needsReview = saved.statementChangedAt !== null;

  // Closing the tab or reloading would lose unsaved changes: let the browser ask first.
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);

  const field = form.field;

  async function remove(version: number, question: string) {
    if (!window.confirm(question)) return;
    form.setNotice(null);
    setDeleteAlert(null);
    setDeleting(true);
    const result = await sendJson<{ ok: true }>("DELETE", url, { version });
    if (result.ok) {
      // Stay pending: the page is about to change.
      router.replace("/codings?deleted=1");
      router.refresh();
      return;
    }
    setDeleting(false);
    if (result.status === 409 && isCodingView(result.current)) setDeleteConflict({ message: result.error, current: result.current });
    else setDeleteAlert(result.error);
  }

  /** Saves the fields this editor changed on top of the newer version; the other fields keep the newer values. */
  function reapply(current: StanceCodingView) {
    const merged = mergeEdits(valuesOf(saved), form.values, valuesOf(current), same);
    setSaved(current);
    void form.submit({ ...merged, version: current.version });
  }

  function loadSavedVersion(current: StanceCodingView) {
    setSaved(current);
    form.reset(valuesOf(current));
    setDeleteConflict(null);
    setDeleteAlert(null);
    form.setNotice(`Showing the saved version (version ${current.version}).`);
  }

  const conflict = saveConflict ?? deleteConflict;
  const savedHeading = conflict && (
    <>
      Saved version (version {conflict.current.version}, by {conflict.current.coder.name}, at {formatDateTime(conflict.current.updatedAt)})
    </>
  );

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
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          // While a conflict is shown, only its own buttons act.
          if (!conflict && (unsaved || needsReview) && !pending) void form.submit();
        }}
        noValidate
      >
        <FormAlert
          message={form.alert ?? deleteAlert}
          signInAgain={form.signedOut ? { returnTo: `/codings/${coding.id}`, then: "save here" } : undefined}
        />

        <ScorePicker
          id="coding-score"
          name="score"
          legend="Score"
          value={form.values.score}
          onChange={field("score").onChange}
          error={form.errors.score}
        />
        <CheckboxField {...field("isConditional")} hint="The stance holds only if a condition the speaker named is met." />
        <SelectField {...field("confidence")} options={choicesOf(confidenceLabels)} />
        <TextAreaField
          {...field("rationale")}
          rows={6}
          maxLength={maximumRationaleLength}
          hint={`Why this score: the words that carry the stance, and any context. Up to ${maximumRationaleLength.toLocaleString("en-GB")} characters.`}
        />

        <p className="form__status" role="status">
          {form.notice}
        </p>

        {saveConflict ? (
          <ConflictComparison
            id="coding-conflict"
            title="Your change was not saved"
            message={saveConflict.message}
            fields={compared}
            mine={form.values}
            mineHeading="Your unsaved version"
            saved={valuesOf(saveConflict.current)}
            savedHeading={savedHeading}
          >
            <button type="button" className="button button--primary" disabled={pending} onClick={() => reapply(saveConflict.current)}>
              {form.pending ? "Saving…" : "Re-apply my change"}
            </button>
            <button type="button" className="button" disabled={pending} onClick={() => loadSavedVersion(saveConflict.current)}>
              Discard mine
            </button>
          </ConflictComparison>
        ) : deleteConflict ? (
          <ConflictComparison
            id="coding-conflict"
            title="The coding was not deleted"
            message={deleteConflict.message}
            fields={compared}
            mine={valuesOf(saved)}
            mineHeading={`The version you opened (version ${saved.version})`}
            saved={valuesOf(deleteConflict.current)}
            savedHeading={savedHeading}
          >
            <button
              type="button"
              className="button button--danger"
              disabled={pending}
              onClick={() =>
                void remove(
                  deleteConflict.current.version,
                  `Delete the saved version (version ${deleteConflict.current.version}) of this coding?`,
                )
              }
            >
              {deleting ? "Deleting…" : "Delete the saved version"}
            </button>
            <button type="button" className="button" disabled={pending} onClick={() => loadSavedVersion(deleteConflict.current)}>
              Keep it and show it
            </button>
          </ConflictComparison>
        ) : (
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={pending || !(unsaved || needsReview)}>
              {form.pending ? "Saving…" : !unsaved && needsReview ? "Confirm it still fits" : "Save"}
            </button>
            {!unsaved && !needsReview && !pending && <span className="form__hint">No unsaved changes</span>}
            <button
              type="button"
              className="button button--danger form__actions-end"
              disabled={pending}
              onClick={() =>
                void remove(saved.version, "Delete this coding? It leaves every list and chart; an administrator can restore it.")
              }
            >
              {deleting ? "Deleting…" : "Delete coding"}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
