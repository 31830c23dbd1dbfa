"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { ScenarioStatusValue } from "@/lib/scenarios/types";
import { formatDay } from "../format";
import { sendJson } from "../json-request";
import { ariaDescribedBy, describeFailure, FieldError, FormAlert } from "../form-feedback";
import { isIsoDate, isResolvedStatus, scenarioStatuses, scenarioStatusLabels } from "./scenario-format";

type Field = "status" | "resolvedOn";
const fieldNames: Record<Field, string> = { status: "Status", resolvedOn: "Resolved on" };
const isField = (name: string): name is Field => name in fieldNames;

/** What the server said the scenario now is, when another save came first. */
type Current = { status: ScenarioStatusValue; resolvedOn: string | null; version: number };

function isCurrent(value: unknown): value is Current {
  if (!value || typeof value !== "object") return false;
  const candidate = value as Partial<Current>;
  return typeof candidate.version === "number" && typeof candidate.status === "string";
}

/**
 * Resolve (yes or no), withdraw or reopen a scenario. The edit carries the
 * version the page showed; if someone changed the scenario meanwhile the
 * server refuses it (409) and this says what it now is. Keyed by version on
 * the page, so a refresh after saving starts it afresh.
 */
export function ScenarioStatusForm({
  scenarioId,
  version,
  status,
  resolvedOn,
  horizonOn,
  today,
  openSiblingCount = 0,
}: {
  scenarioId: string;
  version: number;
  status: ScenarioStatusValue;
  resolvedOn: string | null;
  horizonOn: string;
  today: string;
  /** In a mutually exclusive set: its other open scenarios, which resolving this one "yes" offers to resolve "no". */
  openSiblingCount?: number;
}) {
  const router = useRouter();
  const [chosenStatus, setChosenStatus] = useState(status);
  // Resolution is usually judged on the horizon date, or today if that is still to come.
  const [chosenDate, setChosenDate] = useState(resolvedOn ?? (horizonOn < today ? horizonOn : today));
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ message: string; current: Current | null } | null>(null);
  const [pending, setPending] = useState(false);
  const [resolveOthersNo, setResolveOthersNo] = useState(true);
  const resolving = isResolvedStatus(chosenStatus);
  const offersOthersNo = chosenStatus === "RESOLVED_YES" && openSiblingCount > 0;
  const unchanged = chosenStatus === status && (!resolving || chosenDate === resolvedOn);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (unchanged || pending) return;
    if (resolving && !isIsoDate(chosenDate)) {
      setFieldErrors({ resolvedOn: "enter the date it resolved" });
      return;
    }
    setFieldErrors({});
    setAlert(null);
    setConflict(null);
    setPending(true);
    const result = await sendJson<unknown>("PATCH", `/api/scenarios/${encodeURIComponent(scenarioId)}`, {
      version,
      status: chosenStatus,
      ...(resolving ? { resolvedOn: chosenDate } : {}),
      ...(offersOthersNo ? { resolveOthersNo } : {}),
    });
    setPending(false);
    if (!result.ok) {
      if (result.status === 409) {
        setConflict({ message: result.error, current: isCurrent(result.current) ? result.current : null });
        return;
      }
      const failure = describeFailure(result, isField);
      setFieldErrors(failure.fieldErrors);
      setAlert(failure.alert);
      return;
    }
    router.refresh();
  }

  return (
    <form className="form form--compact status-form" onSubmit={handleSubmit} noValidate aria-label="Scenario status">
      <FormAlert message={alert} />
      {conflict && (
        <div className="alert" role="alert">
          <p className="status-form__conflict">Not saved: {conflict.message}</p>
          {conflict.current && (
            <p className="status-form__conflict">
              It is now {scenarioStatusLabels[conflict.current.status].toLocaleLowerCase("en")}
              {conflict.current.resolvedOn && <> on {formatDay(conflict.current.resolvedOn)}</>} (version {conflict.current.version}).
            </p>
          )}
          <button type="button" className="button button--small" onClick={() => router.refresh()}>
            Show the current version
          </button>
        </div>
      )}
      <div className="status-form__row">
        <div className="field">
          <label className="field__label" htmlFor="scenario-status">
            Status
          </label>
          <select
            id="scenario-status"
            value={chosenStatus}
            onChange={(event) => {
              setChosenStatus(event.target.value as ScenarioStatusValue);
              setFieldErrors({});
            }}
            aria-invalid={fieldErrors.status ? true : undefined}
            aria-describedby={ariaDescribedBy("scenario-status", fieldErrors.status)}
          >
            {scenarioStatuses.map((value) => (
              <option key={value} value={value}>
                {scenarioStatusLabels[value]}
              </option>
            ))}
          </select>
          <FieldError id="scenario-status" label={fieldNames.status} message={fieldErrors.status} />
        </div>
        {resolving && (
          <div className="field">
            <label className="field__label" htmlFor="scenario-resolved-on">
              Resolved on
            </label>
            <input
              id="scenario-resolved-on"
              type="date"
              value={chosenDate}
              onChange={(event) => {
                setChosenDate(event.target.value);
                setFieldErrors({});
              }}
              aria-invalid={fieldErrors.resolvedOn ? true : undefined}
              aria-describedby={ariaDescribedBy("scenario-resolved-on", fieldErrors.resolvedOn, "scenario-resolved-on-hint")}
            />
            <p className="field__hint" id="scenario-resolved-on-hint">
              Estimates after this date are not scored.
            </p>
            <FieldError id="scenario-resolved-on" label={fieldNames.resolvedOn} message={fieldErrors.resolvedOn} />
          </div>
        )}
        {offersOthersNo && (
          <div className="field">
            <div className="checkbox-field">
              <input
                id="scenario-resolve-others-no"
                type="checkbox"
                checked={resolveOthersNo}
                onChange={(event) => setResolveOthersNo(event.target.checked)}
              />
              <label htmlFor="scenario-resolve-others-no">
                Also resolve the {openSiblingCount === 1 ? "other open scenario" : `other ${openSiblingCount} open scenarios`} of this set
                “no”
              </label>
            </div>
          </div>
        )}
        <div className="form__actions status-form__actions">
          <button type="submit" className="button" disabled={pending || unchanged}>
            {pending ? "Saving…" : "Save status"}
          </button>
        </div>
      </div>
    </form>
  );
}
