"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import type { EventView } from "@/lib/data/events";
import { mergeEdits } from "@/lib/edits/merge";
import { eventKindLabels, ploverTypeLabels, usualPloverType } from "@/lib/events/schemas";
import type { DatePrecision, EventKind, PloverEventType } from "@/lib/generated/prisma/enums";
import { CheckboxList, type CheckboxListOption } from "../checkbox-list";
import { ariaDescribedBy, describeFailure, FieldError, type Failure } from "../form-feedback";
import { sendJson } from "../json-request";
import styles from "./events.module.css";

type Values = {
  title: string;
  occurredOn: string;
  datePrecision: DatePrecision;
  kind: EventKind;
  ploverType: PloverEventType | "";
  description: string;
  actorIds: string[];
  sourceIds: string[];
};
type Field = keyof Values;
const fieldNames: Record<Field, string> = {
  title: "Title",
  occurredOn: "Date",
  datePrecision: "Date known to the",
  kind: "Kind",
  ploverType: "PLOVER type",
  description: "Description",
  actorIds: "Actors involved",
  sourceIds: "Sources",
};
const isField = (name: string): name is Field => name in fieldNames;
const kinds = Object.keys(eventKindLabels) as EventKind[];
const ploverTypes = Object.keys(ploverTypeLabels) as PloverEventType[];

const emptyValues: Values = {
  title: "",
  occurredOn: "",
  datePrecision: "DAY",
  kind: "DIPLOMATIC",
  ploverType: "CONSULT",
  description: "",
  actorIds: [],
  sourceIds: [],
};

function valuesOf(event: EventView): Values {
  return {
    title: event.title,
    occurredOn: event.occurredOn,
    datePrecision: event.datePrecision,
    kind: event.kind,
    ploverType: event.ploverType ?? "",
    description: event.description,
    actorIds: event.actors.map((actor) => actor.id),
    sourceIds: event.sources.map((source) => source.id),
  };
}

const same = (field: Field, a: Values, b: Values) => JSON.stringify(a[field]) === JSON.stringify(b[field]);

function isEventView(value: unknown): value is EventView {
  return (
    !!value && typeof value === "object" && typeof (value as EventView).id === "string" && typeof (value as EventView).version === "number"
  );
}

/** Makes a new event, or corrects one; a stale correction is shown beside the saved version. */
export function EventForm({
  event,
  actors,
  sources,
  onDone,
}: {
  event: EventView | null;
  actors: CheckboxListOption[];
  sources: CheckboxListOption[];
  onDone: (message: string) => void;
}) {
  const router = useRouter();
  const id = useId();
  const [base, setBase] = useState(() => (event ? { version: event.version, values: valuesOf(event) } : null));
  const [values, setValues] = useState<Values>(() => (event ? valuesOf(event) : emptyValues));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ message: string; current: EventView } | null>(null);
  const [pending, setPending] = useState(false);

  function change<F extends Field>(field: F, value: Values[F]) {
    setValues((previous) => {
      const next = { ...previous, [field]: value };
      // The usual PLOVER type follows the kind until the analyst picks one themselves.
      if (field === "kind" && previous.ploverType === (usualPloverType[previous.kind] ?? "")) {
        next.ploverType = usualPloverType[value as EventKind] ?? "";
      }
      return next;
    });
    setErrors((previous) => ({ ...previous, [field]: undefined }));
  }

  function showFailure(result: Failure) {
    if (result.status === 409 && isEventView(result.current)) {
      setConflict({ message: result.error, current: result.current });
      return;
    }
    const { fieldErrors, alert: message } = describeFailure(result, isField);
    setErrors(fieldErrors);
    setAlert(message);
  }

  async function save(toSave: Values, version: number | null) {
    const problems: Partial<Record<Field, string>> = {};
    if (!toSave.title.trim()) problems.title = "must not be empty";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(toSave.occurredOn)) problems.occurredOn = "enter the date it happened";
    if (!toSave.description.trim()) problems.description = "must not be empty";
    setErrors(problems);
    setAlert(null);
    if (Object.keys(problems).length > 0) return;
    setPending(true);
    const payload = {
      ...toSave,
      title: toSave.title.trim(),
      description: toSave.description.trim(),
      ploverType: toSave.ploverType || null,
    };
    const result =
      version === null
        ? await sendJson<EventView>("POST", "/api/events", payload)
        : await sendJson<EventView>("PATCH", `/api/events/${encodeURIComponent(event!.id)}`, { version, ...payload });
    setPending(false);
    if (!result.ok) return showFailure(result);
    setConflict(null);
    router.refresh();
    onDone(
      version === null ? `Event “${result.body.title}” added.` : `Event “${result.body.title}” saved (version ${result.body.version}).`,
    );
    if (version === null) setValues(emptyValues);
  }

  async function remove() {
    if (
      !event ||
      !base ||
      !window.confirm(`Delete the event “${base.values.title}”? It leaves every chart; an administrator can restore it.`)
    )
      return;
    setPending(true);
    const result = await sendJson<{ ok: true }>("DELETE", `/api/events/${encodeURIComponent(event.id)}`, { version: base.version });
    setPending(false);
    if (!result.ok) return showFailure(result);
    router.refresh();
    onDone(`Event “${base.values.title}” deleted. An administrator can restore it from History.`);
  }

  function handleSubmit(submitted: FormEvent<HTMLFormElement>) {
    submitted.preventDefault();
    if (!pending && !conflict) void save(values, base?.version ?? null);
  }

  const describedBy = (field: Field) => ariaDescribedBy(`${id}-${field}`, errors[field]);
  const errorFor = (field: Field) => <FieldError id={`${id}-${field}`} label={fieldNames[field]} message={errors[field]} />;
  const actorNames = new Map(actors.map((actor) => [actor.value, actor.label]));
  const sourceNames = new Map(sources.map((source) => [source.value, source.label]));
  const describe = (field: Field, of: Values) => {
    if (field === "actorIds") return of.actorIds.map((actorId) => actorNames.get(actorId) ?? actorId).join(", ") || "None";
    if (field === "sourceIds") return of.sourceIds.map((sourceId) => sourceNames.get(sourceId) ?? sourceId).join(", ") || "None";
    if (field === "kind") return eventKindLabels[of.kind];
    if (field === "ploverType") return of.ploverType ? ploverTypeLabels[of.ploverType] : "None";
    return String(of[field]);
  };

  return (
    <form
      className={`form form--compact ${styles.form}`}
      onSubmit={handleSubmit}
      noValidate
      aria-label={event ? `Edit ${event.title}` : "New event"}
    >
      {alert && (
        <div className="alert" role="alert">
          {alert}
        </div>
      )}
      <div className="field">
        <label className="field__label" htmlFor={`${id}-title`}>
          Title
        </label>
        <input
          id={`${id}-title`}
          value={values.title}
          maxLength={200}
          onChange={(input) => change("title", input.target.value)}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={describedBy("title")}
        />
        {errorFor("title")}
      </div>
      <div className="form__row form__row--tight">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-occurredOn`}>
            Date
          </label>
          <input
            id={`${id}-occurredOn`}
            type="date"
            value={values.occurredOn}
            onChange={(input) => change("occurredOn", input.target.value)}
            aria-invalid={errors.occurredOn ? true : undefined}
            aria-describedby={describedBy("occurredOn")}
          />
          {errorFor("occurredOn")}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-precision`}>
            Known to the
          </label>
          <select
            id={`${id}-precision`}
            value={values.datePrecision}
            onChange={(input) => change("datePrecision", input.target.value as DatePrecision)}
          >
            <option value="DAY">Day</option>
            <option value="MONTH">Month only</option>
          </select>
        </div>
      </div>
      <div className="form__row form__row--tight">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-kind`}>
            Kind
          </label>
          <select id={`${id}-kind`} value={values.kind} onChange={(input) => change("kind", input.target.value as EventKind)}>
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {eventKindLabels[kind]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-plover`}>
            PLOVER type
          </label>
          <select
            id={`${id}-plover`}
            value={values.ploverType}
            onChange={(input) => change("ploverType", input.target.value as PloverEventType | "")}
            aria-describedby={describedBy("ploverType")}
          >
            <option value="">None fits</option>
            {ploverTypes.map((type) => (
              <option key={type} value={type}>
                {ploverTypeLabels[type]}
              </option>
            ))}
          </select>
          {errorFor("ploverType")}
        </div>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-description`}>
          Description
        </label>
        <textarea
          id={`${id}-description`}
          rows={3}
          maxLength={4000}
          value={values.description}
          onChange={(input) => change("description", input.target.value)}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={describedBy("description")}
        />
        {errorFor("description")}
      </div>
      <CheckboxList
        label={fieldNames.actorIds}
        options={actors}
        chosen={values.actorIds}
        summary={values.actorIds.length === 0 ? "None chosen" : `${values.actorIds.length} chosen`}
        filterAbove={6}
        clearLabel="Untick all"
        onChange={(ids) => change("actorIds", ids)}
        describedBy={errors.actorIds ? `${id}-actorIds-error` : undefined}
      />
      {errorFor("actorIds")}
      <CheckboxList
        label={fieldNames.sourceIds}
        options={sources}
        chosen={values.sourceIds}
        summary={values.sourceIds.length === 0 ? "None chosen" : `${values.sourceIds.length} chosen`}
        filterAbove={6}
        clearLabel="Untick all"
        onChange={(ids) => change("sourceIds", ids)}
        describedBy={errors.sourceIds ? `${id}-sourceIds-error` : undefined}
      />
      {errorFor("sourceIds")}

      {conflict && base ? (
        <div className="conflict" role="region" aria-label="Your change was not saved">
          <h3 className="conflict__title">Your change was not saved</h3>
          <p>{conflict.message}</p>
          <div className="table-scroll">
            <table className="comparison">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Your unsaved version</th>
                  <th scope="col">Saved version ({conflict.current.version})</th>
                </tr>
              </thead>
              <tbody>
                {(Object.keys(fieldNames) as Field[]).map((field) => {
                  const current = valuesOf(conflict.current);
                  const differs = !same(field, values, current);
                  return (
                    <tr key={field} className={differs ? "comparison__row--differs" : undefined}>
                      <th scope="row">
                        {fieldNames[field]}
                        {differs && <span className="badge">differs</span>}
                      </th>
                      <td>{describe(field, values)}</td>
                      <td>{describe(field, current)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="form__actions">
            <button
              type="button"
              className="button button--primary"
              disabled={pending}
              onClick={() => {
                const merged = mergeEdits(base.values, values, valuesOf(conflict.current), same);
                setBase({ version: conflict.current.version, values: valuesOf(conflict.current) });
                setValues(merged);
                setConflict(null);
                void save(merged, conflict.current.version);
              }}
            >
              Re-apply my change
            </button>
            <button
              type="button"
              className="button"
              disabled={pending}
              onClick={() => {
                setBase({ version: conflict.current.version, values: valuesOf(conflict.current) });
                setValues(valuesOf(conflict.current));
                setConflict(null);
              }}
            >
              Discard mine
            </button>
          </div>
        </div>
      ) : (
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={pending}>
            {pending ? "Saving…" : event ? "Save event" : "Add event"}
          </button>
          {event && (
            <>
              <button type="button" className="button" disabled={pending} onClick={() => onDone("")}>
                Cancel
              </button>
              <button type="button" className="button button--danger form__actions-end" disabled={pending} onClick={() => void remove()}>
                Delete event
              </button>
            </>
          )}
        </div>
      )}
    </form>
  );
}
