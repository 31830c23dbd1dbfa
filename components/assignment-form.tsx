"use client";

import { useRouter } from "next/navigation";
import { CheckboxListField, FieldRow, FormActions, FormAlert, SelectField, TextField, useSchemaForm } from "./form";
import styles from "./assignment-form.module.css";

type Choices = { sources: { id: string; title: string; statements: number }[]; coders: { id: string; name: string }[] };

/** A percentage typed in a box, as the 0–1 share the body carries; NaN when it is not a number. */
function shareFromPercentage(text: string): number {
  return text.trim() === "" ? Number.NaN : Number(text.replace(",", ".")) / 100;
}

/** An admin draws a source's statements among coders, with a double-coded overlap. */
export function AssignmentForm({ choices }: { choices: Choices }) {
  const router = useRouter();
  const blank = { sourceId: "", coderIds: [] as string[], share: "100", overlap: "20", seed: "" };
  const form = useSchemaForm({
    schema: () => import("@/lib/assignments/schemas").then((schemas) => schemas.assignmentDrawSchema),
    idPrefix: "assignment",
    initialValues: blank,
    labels: {
      sourceId: "Source",
      coderIds: "Coders",
      share: "Share of statements to assign (%)",
      overlap: "Double-coded overlap (%)",
      seed: "Seed",
    },
    toBody: (values) => ({
      sourceId: values.sourceId,
      coderIds: values.coderIds,
      share: shareFromPercentage(values.share),
      overlap: shareFromPercentage(values.overlap),
      ...(values.seed.trim() ? { seed: values.seed.trim() } : {}),
    }),
    messages: { share: "enter a percentage above 0 and up to 100", overlap: "enter a percentage from 0 to 100" },
    request: { method: "POST", url: "/api/assignments" },
    onSuccess: () => {
      form.reset();
      router.refresh();
    },
  });
  if (choices.sources.length === 0 || choices.coders.length === 0) {
    return (
      <div className="empty-state">
        {choices.sources.length === 0
          ? "No source has statements yet: mark statements in a source before assigning it."
          : "No account may code yet: make someone an analyst under Users first."}
      </div>
    );
  }
  return (
    <form className={`form ${styles.form}`} onSubmit={form.handleSubmit} noValidate aria-label="Assign a source">
      {/* A 409 names the source's current assignment: withdraw it in the table below, then assign again. */}
      <FormAlert message={form.alert ?? form.conflict?.message ?? null} />
      <SelectField
        {...form.field("sourceId")}
        placeholder="Choose a source…"
        options={choices.sources.map((source) => ({
          value: source.id,
          label: `${source.title} (${source.statements} statement${source.statements === 1 ? "" : "s"})`,
        }))}
      />
      <CheckboxListField
        {...form.field("coderIds")}
        options={choices.coders.map((coder) => ({ value: coder.id, label: coder.name }))}
        hint="Statements are dealt to them in turn; each overlap statement also goes to the next coder."
      />
      <FieldRow>
        <TextField {...form.field("share")} type="number" inputMode="decimal" min={1} max={100} short />
        <TextField {...form.field("overlap")} type="number" inputMode="decimal" min={0} max={100} short />
      </FieldRow>
      <TextField
        {...form.field("seed")}
        optional
        hint="The same seed, statements and coders give the same draw. Left empty, one is drawn and stored with the assignment."
        autoComplete="off"
      />
      <FormActions pending={form.pending} label="Assign" pendingLabel="Assigning…" />
    </form>
  );
}
