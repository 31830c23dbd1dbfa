"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { evidenceCredibilities, type EvidenceCredibility } from "@/lib/scenarios/ach";
import type { EventOption, StatementOption } from "@/lib/scenarios/types";
import { formatDay, truncate } from "../format";
import { sendJson } from "../json-request";
import { ariaDescribedBy, describeFailure, FieldError, FormAlert } from "../form-feedback";
import { credibilityLabels } from "./scenario-format";

type Field = "statementId" | "eventId" | "credibility" | "note";
const fieldNames: Record<Field, string> = { statementId: "Statement", eventId: "Event", credibility: "Credibility", note: "Note" };
const isField = (name: string): name is Field => name in fieldNames;
// The server's limit (evidenceCreationSchema).
const maximumNoteLength = 2000;

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
  const [statementId, setStatementId] = useState("");
  const [eventId, setEventId] = useState("");
  const [credibility, setCredibility] = useState<EvidenceCredibility>("MEDIUM");
  const [note, setNote] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: Partial<Record<Field, string>> = {};
    if (kind === "statement" && !statementId) problems.statementId = "choose the statement";
    if (kind === "event" && !eventId) problems.eventId = "choose the event";
    if (note.trim().length > maximumNoteLength) problems.note = `must be at most ${maximumNoteLength} characters`;
    setFieldErrors(problems);
    setAlert(null);
    setSaved(null);
    if (Object.keys(problems).length > 0) return;
    setPending(true);
    const result = await sendJson<{ id: string }>("POST", "/api/evidence", {
      setId,
      statementId: kind === "statement" ? statementId : null,
      eventId: kind === "event" ? eventId : null,
      credibility,
      note: note.trim(),
    });
    setPending(false);
    if (!result.ok) {
      const failure = describeFailure(result, isField);
      setFieldErrors(failure.fieldErrors);
      setAlert(failure.alert);
      return;
    }
    setSaved("Added to the matrix: rate it against each scenario in its row.");
    setStatementId("");
    setEventId("");
    setNote("");
    setCredibility("MEDIUM");
    router.refresh();
  }

  return (
    <form className="form" onSubmit={handleSubmit} noValidate aria-label="Add evidence">
      <FormAlert message={alert} />
      <p className="form__status" role="status">
        {saved}
      </p>
      <fieldset className="field">
        <legend className="field__label">Evidence</legend>
        <div className="segmented">
          <label className="segmented__option">
            <input type="radio" name="evidence-kind" checked={kind === "statement"} onChange={() => setKind("statement")} />A coded
            statement
          </label>
          <label className="segmented__option">
            <input type="radio" name="evidence-kind" checked={kind === "event"} onChange={() => setKind("event")} />
            An event
          </label>
        </div>
      </fieldset>
      {kind === "statement" ? (
        <div className="field">
          <label className="field__label" htmlFor="evidence-statement">
            Statement
          </label>
          <select
            id="evidence-statement"
            className="evidence-form__choice"
            value={statementId}
            onChange={(event) => {
              setStatementId(event.target.value);
              setFieldErrors((previous) => ({ ...previous, statementId: undefined }));
            }}
            aria-invalid={fieldErrors.statementId ? true : undefined}
            aria-describedby={ariaDescribedBy("evidence-statement", fieldErrors.statementId)}
          >
            <option value="">{statementOptions.length === 0 ? "Every statement is already in the matrix" : "Choose a statement…"}</option>
            {statementOptions.map((option) => (
              <option key={option.id} value={option.id}>
                {formatDay(option.saidOn)} · {option.speakerName}: “{truncate(option.quote, 90)}”
              </option>
            ))}
          </select>
          <FieldError id="evidence-statement" label={fieldNames.statementId} message={fieldErrors.statementId} />
        </div>
      ) : (
        <div className="field">
          <label className="field__label" htmlFor="evidence-event">
            Event
          </label>
          <select
            id="evidence-event"
            className="evidence-form__choice"
            value={eventId}
            onChange={(event) => {
              setEventId(event.target.value);
              setFieldErrors((previous) => ({ ...previous, eventId: undefined }));
            }}
            aria-invalid={fieldErrors.eventId ? true : undefined}
            aria-describedby={ariaDescribedBy("evidence-event", fieldErrors.eventId)}
          >
            <option value="">{eventOptions.length === 0 ? "Every event is already in the matrix" : "Choose an event…"}</option>
            {eventOptions.map((option) => (
              <option key={option.id} value={option.id}>
                {formatDay(option.occurredOn)} · {option.title}
              </option>
            ))}
          </select>
          <FieldError id="evidence-event" label={fieldNames.eventId} message={fieldErrors.eventId} />
        </div>
      )}
      <div className="field">
        <label className="field__label" htmlFor="evidence-credibility">
          Credibility
        </label>
        <select
          id="evidence-credibility"
          value={credibility}
          onChange={(event) => setCredibility(event.target.value as EvidenceCredibility)}
          aria-invalid={fieldErrors.credibility ? true : undefined}
          aria-describedby={ariaDescribedBy("evidence-credibility", fieldErrors.credibility, "evidence-credibility-hint")}
        >
          {evidenceCredibilities.map((value) => (
            <option key={value} value={value}>
              {credibilityLabels[value]}
            </option>
          ))}
        </select>
        <p className="field__hint" id="evidence-credibility-hint">
          How far the evidence can be trusted: it weighs the row’s inconsistency points (high 2, medium 1, low 0.5).
        </p>
        <FieldError id="evidence-credibility" label={fieldNames.credibility} message={fieldErrors.credibility} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="evidence-note">
          Note <span className="field__optional">(optional)</span>
        </label>
        <textarea
          id="evidence-note"
          rows={2}
          maxLength={maximumNoteLength}
          value={note}
          onChange={(event) => {
            setNote(event.target.value);
            setFieldErrors((previous) => ({ ...previous, note: undefined }));
          }}
          aria-invalid={fieldErrors.note ? true : undefined}
          aria-describedby={ariaDescribedBy("evidence-note", fieldErrors.note)}
        />
        <FieldError id="evidence-note" label={fieldNames.note} message={fieldErrors.note} />
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? "Adding…" : "Add to the matrix"}
        </button>
      </div>
    </form>
  );
}
