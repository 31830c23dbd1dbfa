"use client";

import { useRouter } from "next/navigation";
import type { EstimateView, EventOption, StatementOption } from "@/lib/scenarios/types";
import { formatDay, truncate } from "../format";
import { CheckboxListField, DateField, FieldRow, FormActions, FormMessages, TextAreaField, TextField, useSchemaForm } from "../form";
import { formatProbability, parsePercentage } from "./scenario-format";

/** Records the analyst's probability for the scenario, why, and what moved it; the page then redraws the chart. */
export function EstimateForm({
  scenarioId,
  today,
  statementOptions,
  eventOptions,
}: {
  scenarioId: string;
  today: string;
  statementOptions: StatementOption[];
  eventOptions: EventOption[];
}) {
  const router = useRouter();
  const blank = {
    probability: "",
    rationale: "",
    // The server dates the estimate today; this is the date of the information used, shown but not scored.
    informationAsOf: "",
    movedByStatementIds: [] as string[],
    movedByEventIds: [] as string[],
  };
  const form = useSchemaForm<typeof blank, EstimateView>({
    schema: () => import("@/lib/scenarios/schemas").then((schemas) => schemas.estimateCreationSchema),
    idPrefix: "estimate",
    initialValues: blank,
    labels: {
      probability: "Probability (%)",
      rationale: "Rationale",
      informationAsOf: "Information as of",
      movedByStatementIds: "Statements that moved it",
      movedByEventIds: "Events that moved it",
    },
    // The box takes a percentage; the body and the schema a fraction from 0 to 1.
    toBody: (values) => ({
      ...values,
      probability: parsePercentage(values.probability),
      rationale: values.rationale.trim(),
      informationAsOf: values.informationAsOf === "" ? null : values.informationAsOf,
    }),
    messages: { probability: "enter a percentage from 0 to 100" },
    request: { method: "POST", url: `/api/scenarios/${encodeURIComponent(scenarioId)}/estimates` },
    onSuccess: (estimate) => {
      form.setNotice(`Your estimate of ${formatProbability(estimate.probability)} on ${formatDay(estimate.estimatedOn)} was recorded.`);
      // The information date stays: the next estimate is most often the same day's other scenario, on the same news.
      form.reset({ ...blank, informationAsOf: form.values.informationAsOf });
      router.refresh();
    },
  });

  return (
    <form className="form estimate-form" onSubmit={form.handleSubmit} noValidate aria-label="Your estimate">
      {/* A second estimate on one day is refused: the message says to withdraw the first, which the table below offers. */}
      <FormMessages form={form} />
      <FieldRow>
        <TextField
          {...form.field("probability")}
          type="number"
          inputMode="decimal"
          min={0}
          max={100}
          step="any"
          short
          hint="From 0 to 100; keep to 1–99 unless certain: a certain forecast that proves wrong scores the worst Brier score, 2 (on the 0–2 scale)."
        />
        <DateField
          {...form.field("informationAsOf")}
          optional
          hint={`The estimate is dated today, ${formatDay(today)}, and scored from today. One per day: to change today’s, withdraw it first.`}
        />
      </FieldRow>
      <TextAreaField {...form.field("rationale")} rows={4} />
      <FieldRow>
        <CheckboxListField
          {...form.field("movedByStatementIds")}
          options={statementOptions.map((option) => ({
            value: option.id,
            label: `${option.speakerName}: “${truncate(option.quote, 110)}”`,
            detail: formatDay(option.saidOn),
          }))}
        />
        <CheckboxListField
          {...form.field("movedByEventIds")}
          options={eventOptions.map((option) => ({ value: option.id, label: option.title, detail: formatDay(option.occurredOn) }))}
        />
      </FieldRow>
      <FormActions pending={form.pending} label="Record estimate" pendingLabel="Recording…" />
    </form>
  );
}
