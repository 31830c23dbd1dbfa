"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { EstimateView, EventOption, StatementOption } from "@/lib/scenarios/types";
import { formatDay, truncate } from "../format";
import { sendJson } from "../json-request";
import { ariaDescribedBy, describeFailure, FieldError, FormAlert } from "../form-feedback";
import { CheckboxList } from "../checkbox-list";
import { formatProbability, isIsoDate, parsePercentage } from "./scenario-format";

type Field = "probability" | "rationale" | "informationAsOf" | "movedByStatementIds" | "movedByEventIds";
const fieldNames: Record<Field, string> = {
  probability: "Probability",
  rationale: "Rationale",
  informationAsOf: "Information as of",
  movedByStatementIds: "Statements that moved it",
  movedByEventIds: "Events that moved it",
};
const isField = (name: string): name is Field => name in fieldNames;
// The server's limit (scenarioEstimateSchema).
const maximumRationaleLength = 4000;

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
  const [percentage, setPercentage] = useState("");
  const [rationale, setRationale] = useState("");
  const [informationAsOf, setInformationAsOf] = useState("");
  const [statementIds, setStatementIds] = useState<string[]>([]);
  const [eventIds, setEventIds] = useState<string[]>([]);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  function clear(field: Field) {
    setFieldErrors((previous) => ({ ...previous, [field]: undefined }));
    setSaved(null);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const probability = parsePercentage(percentage);
    const problems: Partial<Record<Field, string>> = {};
    if (probability === null) problems.probability = "enter a percentage from 0 to 100";
    if (!rationale.trim()) problems.rationale = "say why: what you weighed, and what would change your mind";
    else if (rationale.trim().length > maximumRationaleLength) problems.rationale = `must be at most ${maximumRationaleLength} characters`;
    if (informationAsOf !== "" && !isIsoDate(informationAsOf)) problems.informationAsOf = "enter a date, or leave it empty";
    else if (informationAsOf > today) problems.informationAsOf = "must not be after today";
    setFieldErrors(problems);
    setAlert(null);
    setSaved(null);
    if (probability === null || Object.keys(problems).length > 0) return;
    setPending(true);
    const result = await sendJson<EstimateView>("POST", `/api/scenarios/${encodeURIComponent(scenarioId)}/estimates`, {
      probability,
      rationale: rationale.trim(),
      informationAsOf: informationAsOf === "" ? null : informationAsOf,
      movedByStatementIds: statementIds,
      movedByEventIds: eventIds,
    });
    setPending(false);
    if (!result.ok) {
      const failure = describeFailure(result, isField);
      setFieldErrors(failure.fieldErrors);
      // A second estimate on one day is refused: the message says to withdraw the first, which the table below offers.
      setAlert(failure.alert);
      return;
    }
    setSaved(`Your estimate of ${formatProbability(probability)} on ${formatDay(today)} was recorded.`);
    setInformationAsOf("");
    setPercentage("");
    setRationale("");
    setStatementIds([]);
    setEventIds([]);
    router.refresh();
  }

  const statementChoices = statementOptions.map((option) => ({
    value: option.id,
    label: `${option.speakerName}: “${truncate(option.quote, 110)}”`,
    detail: formatDay(option.saidOn),
  }));
  const eventChoices = eventOptions.map((option) => ({ value: option.id, label: option.title, detail: formatDay(option.occurredOn) }));

  return (
    <form className="form estimate-form" onSubmit={handleSubmit} noValidate aria-label="Your estimate">
      <FormAlert message={alert} />
      <p className="form__status" role="status">
        {saved}
      </p>
      <div className="form__row estimate-form__row">
        <div className="field">
          <label className="field__label" htmlFor="estimate-probability">
            Probability (%)
          </label>
          <input
            id="estimate-probability"
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step="any"
            className="input--short"
            value={percentage}
            onChange={(event) => {
              setPercentage(event.target.value);
              clear("probability");
            }}
            aria-invalid={fieldErrors.probability ? true : undefined}
            aria-describedby={ariaDescribedBy("estimate-probability", fieldErrors.probability, "estimate-probability-hint")}
          />
          <p className="field__hint" id="estimate-probability-hint">
            From 0 to 100; keep to 1–99 unless certain: a certain forecast that proves wrong scores the worst Brier score, 2 (on the 0–2
            scale).
          </p>
          <FieldError id="estimate-probability" label={fieldNames.probability} message={fieldErrors.probability} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="estimate-information-date">
            Information as of (optional)
          </label>
          <input
            id="estimate-information-date"
            type="date"
            max={today}
            value={informationAsOf}
            onChange={(event) => {
              setInformationAsOf(event.target.value);
              clear("informationAsOf");
            }}
            aria-invalid={fieldErrors.informationAsOf ? true : undefined}
            aria-describedby={ariaDescribedBy("estimate-information-date", fieldErrors.informationAsOf, "estimate-date-hint")}
          />
          <p className="field__hint" id="estimate-date-hint">
            The estimate is dated today, {formatDay(today)}, and scored from today. One per day: to change today’s, withdraw it first.
          </p>
          <FieldError id="estimate-information-date" label={fieldNames.informationAsOf} message={fieldErrors.informationAsOf} />
        </div>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="estimate-rationale">
          Rationale
        </label>
        <textarea
          id="estimate-rationale"
          rows={4}
          maxLength={maximumRationaleLength}
          value={rationale}
          onChange={(event) => {
            setRationale(event.target.value);
            clear("rationale");
          }}
          aria-invalid={fieldErrors.rationale ? true : undefined}
          aria-describedby={ariaDescribedBy("estimate-rationale", fieldErrors.rationale)}
        />
        <FieldError id="estimate-rationale" label={fieldNames.rationale} message={fieldErrors.rationale} />
      </div>
      <div className="form__row estimate-form__row">
        <div className="field">
          <CheckboxList
            label={fieldNames.movedByStatementIds}
            options={statementChoices}
            chosen={statementIds}
            summary={statementIds.length === 0 ? "None chosen" : `${statementIds.length} chosen`}
            filterAbove={6}
            clearLabel="Untick all"
            onChange={(ids) => {
              setStatementIds(ids);
              clear("movedByStatementIds");
            }}
            describedBy={fieldErrors.movedByStatementIds ? "estimate-statements-error" : undefined}
          />
          <FieldError id="estimate-statements" label={fieldNames.movedByStatementIds} message={fieldErrors.movedByStatementIds} />
        </div>
        <div className="field">
          <CheckboxList
            label={fieldNames.movedByEventIds}
            options={eventChoices}
            chosen={eventIds}
            summary={eventIds.length === 0 ? "None chosen" : `${eventIds.length} chosen`}
            filterAbove={6}
            clearLabel="Untick all"
            onChange={(ids) => {
              setEventIds(ids);
              clear("movedByEventIds");
            }}
            describedBy={fieldErrors.movedByEventIds ? "estimate-events-error" : undefined}
          />
          <FieldError id="estimate-events" label={fieldNames.movedByEventIds} message={fieldErrors.movedByEventIds} />
        </div>
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? "Recording…" : "Record estimate"}
        </button>
      </div>
    </form>
  );
}
