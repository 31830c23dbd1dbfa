// Rendered inside SourceWorkspace (a client component), one per target in the statement panel.
import { choicesOf } from "@/lib/choices";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { confidenceLabels, maximumRationaleLength } from "@/lib/codings/labels";
import type { Confidence } from "@/lib/generated/prisma/enums";
import { CheckboxField, FormActions, FormAlert, ScorePicker, SelectField, TextAreaField, useSchemaForm } from "./form";
import styles from "./statement-coding-form.module.css";

/** A first coding of one statement toward one target, compact enough for the side panel. Editing happens on the coding's own page. */
export function StatementCodingForm({ statementId, target }: { statementId: string; target: { id: string; name: string } }) {
  const router = useRouter();
  const idPrefix = `code-${statementId}-${target.id}`;
  const form = useSchemaForm({
    schema: () => import("@/lib/codings/schemas").then((schemas) => schemas.stanceCodingCreationSchema),
    idPrefix,
    // No preselected score: a default would anchor the coder, and a forgotten click would save it.
    initialValues: { score: null as number | null, isConditional: false, confidence: "MEDIUM" as Confidence, rationale: "" },
    labels: { score: "Score", isConditional: "Conditional", confidence: "Confidence", rationale: "Rationale" },
    toBody: (values) => ({ statementId, targetId: target.id, ...values, rationale: values.rationale.trim() }),
    messages: { score: "choose a point on the scale" },
    request: { method: "POST", url: "/api/codings" },
    // Stay pending: the refreshed page replaces this form with the saved coding (and reveals others' codings under blind coding).
    onSuccess: () => (router.refresh(), "keep-pending"),
  });
  // A 409 means a coding toward this target already exists (another tab, say): showing it beats keeping a form that cannot save.
  const conflict = form.conflict;
  useEffect(() => {
    if (conflict) router.refresh();
  }, [conflict, router]);

  return (
    <form
      className={`form form--compact ${styles.quickCoding}`}
      onSubmit={form.handleSubmit}
      noValidate
      aria-labelledby={`${idPrefix}-heading`}
    >
      <h4 className={styles.title} id={`${idPrefix}-heading`}>
        Toward {target.name}
      </h4>
      <FormAlert message={form.alert ?? conflict?.message ?? null} />
      <ScorePicker
        id={`${idPrefix}-score`}
        name={`${idPrefix}-score`}
        legend={`Score toward ${target.name}`}
        legendHidden
        compact
        value={form.values.score}
        onChange={form.field("score").onChange}
        error={form.errors.score}
      />
      <div className={styles.row}>
        <CheckboxField {...form.field("isConditional")} hint="The stance holds only if a condition the speaker named is met." />
        <SelectField {...form.field("confidence")} options={choicesOf(confidenceLabels)} />
      </div>
      <TextAreaField {...form.field("rationale")} rows={3} maxLength={maximumRationaleLength} />
      <FormActions pending={form.pending} label="Save" pendingLabel="Saving…" size="small" />
    </form>
  );
}
