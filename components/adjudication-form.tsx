"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { maximumRationaleLength } from "@/lib/codings/labels";
import type { Disagreement } from "@/lib/data/reliability";
import { FormActions, FormAlert, ScorePicker, TextAreaField, useSchemaForm } from "./form";
import { scoreWithLabel } from "./score-label";
import styles from "./adjudication-form.module.css";

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
  const [status, setStatus] = useState("");
  // What was just recorded, shown until the refreshed page brings the stored adjudication (a new object,
  // which is how its arrival is recognised; until then `adjudication` is the value from before).
  const [recorded, setRecorded] = useState<{ score: number; rationale: string; basis: typeof adjudication } | null>(null);
  const shown =
    recorded && recorded.basis === adjudication
      ? { score: recorded.score, rationale: recorded.rationale, adjudicatorName: "you" }
      : adjudication;
  const form = useSchemaForm({
    schema: () => import("@/lib/codings/schemas").then((schemas) => schemas.adjudicationSchema),
    idPrefix: id,
    initialValues: { score: (adjudication?.score ?? null) as number | null, rationale: adjudication?.rationale ?? "" },
    labels: { score: "Final value", rationale: "Reason" },
    // The version revised goes along: another adjudicator's value recorded meanwhile is refused with a 409, not overwritten.
    toBody: (values) => ({
      statementId,
      targetId,
      score: values.score,
      rationale: values.rationale.trim(),
      version: adjudication?.version ?? null,
    }),
    messages: { score: "choose the final value" },
    request: { method: "POST", url: "/api/adjudications" },
    onSuccess: (_body, sent) => {
      const { score, rationale } = sent as { score: number; rationale: string };
      setRecorded({ score, rationale, basis: adjudication });
      setEditing(false);
      setStatus("Final value recorded. Charts now use it for this statement.");
      // Brings the recorded value (and the list's new order) from the server.
      router.refresh();
    },
  });

  function startRevising() {
    form.reset({ score: shown?.score ?? null, rationale: shown?.rationale ?? "" });
    setStatus("");
    setEditing(true);
  }

  return (
    <div className={styles.adjudication}>
      <p className="form__status" role="status">
        {status}
      </p>
      {!editing && shown ? (
        <div className={styles.settled}>
          <p className={styles.value}>
            Final value: <strong>{scoreWithLabel(shown.score)}</strong>
            <span className="muted"> · recorded by {shown.adjudicatorName}</span>
          </p>
          <p className={`prose ${styles.reason}`}>{shown.rationale}</p>
          <button type="button" className="button button--small" onClick={startRevising}>
            Revise the final value<span className="visually-hidden"> of {subject}</span>
          </button>
        </div>
      ) : (
        <form className="form" onSubmit={(event) => void form.handleSubmit(event)} noValidate aria-label={`Final value of ${subject}`}>
          <FormAlert
            message={form.alert ?? form.conflict?.message ?? null}
            signInAgain={form.signedOut ? { returnTo: "/reliability", then: "record it here" } : undefined}
          />
          <ScorePicker
            id={`${id}-score`}
            name={`${id}-score`}
            legend="Final value"
            value={form.values.score}
            onChange={form.field("score").onChange}
            error={form.errors.score}
          />
          <TextAreaField
            {...form.field("rationale")}
            rows={3}
            maxLength={maximumRationaleLength}
            hint="Which reading of the statement holds, and why."
          />
          <FormActions pending={form.pending} label="Record final value" pendingLabel="Recording…">
            {shown && (
              <button type="button" className="button" disabled={form.pending} onClick={() => setEditing(false)}>
                Cancel
              </button>
            )}
          </FormActions>
        </form>
      )}
    </div>
  );
}
