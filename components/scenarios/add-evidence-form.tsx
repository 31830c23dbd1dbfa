"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { credibilityLabels, type EvidenceCredibility } from "@/lib/scenarios/ach";
import { choicesOf } from "@/lib/choices";
import type { EventOption, StatementOption } from "@/lib/scenarios/types";
import { formatDay, truncate } from "../format";
import { FormActions, FormMessages, SelectField, TextAreaField, useSchemaForm } from "../form";
import segmentedStyles from "@/components/segmented.module.css";

/** A coded statement or an event as a new row of the matrix; those already in it are not offered again. */
export function AddEvidenceForm({
  setId,
  statementOptions,
  eventOptions,
}: {
  setId: string;
  statementOptions: StatementOption[];
  eventOptions: EventOption[];
}) {
  const router = useRouter();
  const [kind, setKind] = useState<"statement" | "event">(statementOptions.length > 0 || eventOptions.length === 0 ? "statement" : "event");
  const blank = { statementId: "", eventId: "", credibility: "MEDIUM" as EvidenceCredibility, note: "" };
  const form = useSchemaForm({
    schema: () => import("@/lib/scenarios/schemas").then((schemas) => schemas.evidenceCreationSchema),
    idPrefix: "evidence",
    initialValues: blank,
    labels: { statementId: "Statement", eventId: "Event", credibility: "Credibility", note: "Note" },
    // Only the chosen kind is sent; left empty, the schema refuses it under its own name.
    toBody: (values) => ({
      setId,
      statementId: kind === "statement" ? values.statementId : null,
      eventId: kind === "event" ? values.eventId : null,
      credibility: values.credibility,
      note: values.note.trim(),
    }),
    messages: { statementId: "choose the statement", eventId: "choose the event" },
    request: { method: "POST", url: "/api/evidence" },
    onSuccess: () => {
      form.reset();
      form.setNotice("Added to the matrix: rate it against each scenario in its row.");
      router.refresh();
    },
  });

  return (
    <form className="form" onSubmit={form.handleSubmit} noValidate aria-label="Add evidence">
      <FormMessages form={form} />
      <fieldset className="field">
        <legend className="field__label">Evidence</legend>
        <div className={segmentedStyles.segmented}>
          <label className={segmentedStyles.option}>
            <input type="radio" name="evidence-kind" checked={kind === "statement"} onChange={() => setKind("statement")} />A coded
            statement
          </label>
          <label className={segmentedStyles.option}>
            <input type="radio" name="evidence-kind" checked={kind === "event"} onChange={() => setKind("event")} />
            An event
          </label>
        </div>
      </fieldset>
      {kind === "statement" ? (
        <SelectField
          {...form.field("statementId")}
          id="evidence-statement"
          wide
          placeholder={statementOptions.length === 0 ? "Every statement is already in the matrix" : "Choose a statement…"}
          options={statementOptions.map((option) => ({
            value: option.id,
            label: `${formatDay(option.saidOn)} · ${option.speakerName}: “${truncate(option.quote, 90)}”`,
          }))}
        />
      ) : (
        <SelectField
          {...form.field("eventId")}
          id="evidence-event"
          wide
          placeholder={eventOptions.length === 0 ? "Every event is already in the matrix" : "Choose an event…"}
          options={eventOptions.map((option) => ({ value: option.id, label: `${formatDay(option.occurredOn)} · ${option.title}` }))}
        />
      )}
      <SelectField
        {...form.field("credibility")}
        options={choicesOf(credibilityLabels)}
        hint="How far the evidence can be trusted: it weighs the row’s inconsistency points (high 2, medium 1, low 0.5)."
      />
      <TextAreaField {...form.field("note")} rows={2} optional />
      <FormActions pending={form.pending} label="Add to the matrix" pendingLabel="Adding…" />
    </form>
  );
}
