"use client";

import { choicesOf } from "@/lib/choices";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { EventView } from "@/lib/data/events";
import { mergeEdits } from "@/lib/edits/merge";
import { eventKindLabels, ploverTypeLabels, usualPloverType } from "@/lib/events/labels";
import type { DatePrecision, EventKind, PloverEventType } from "@/lib/generated/prisma/enums";
import type { CheckboxListOption } from "../checkbox-list";
import { CheckboxListField, DateField, FieldRow, FormAlert, SelectField, TextAreaField, TextField, useSchemaForm } from "../form";
import { sendJson } from "../json-request";
import styles from "./events.module.css";
import { SourceSearchField } from "./source-search-field";
import conflictStyles from "@/components/form/conflict-comparison.module.css";
import badgeStyles from "@/components/badge.module.css";

type Values = {
  version: number;
  title: string;
  occurredOn: string;
  datePrecision: DatePrecision;
  kind: EventKind;
  ploverType: PloverEventType | "";
  description: string;
  actorIds: string[];
  sourceIds: string[];
};
type Field = Exclude<keyof Values, "version">;

const labels: Record<keyof Values, string> = {
  version: "Version",
  title: "Title",
  occurredOn: "Date",
  datePrecision: "Known to the",
  kind: "Kind",
  ploverType: "PLOVER type",
  description: "Description",
  actorIds: "Actors involved",
  sourceIds: "Sources",
};
const comparedFields: Field[] = ["title", "occurredOn", "datePrecision", "kind", "ploverType", "description", "actorIds", "sourceIds"];
const ploverOptions = [{ value: "" as const, label: "None fits" }, ...choicesOf(ploverTypeLabels)];

const blank: Values = {
  version: 0,
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
    version: event.version,
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

const same = (field: keyof Values, a: Values, b: Values) => JSON.stringify(a[field]) === JSON.stringify(b[field]);

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
  /** The most recent sources, offered before the analyst searches all of them. */
  sources: CheckboxListOption[];
  onDone: (message: string) => void;
}) {
  const router = useRouter();
  // The version the editor started from, to lay their changes over a newer one after a conflict.
  const [base, setBase] = useState<Values>(() => (event ? valuesOf(event) : blank));
  const form = useSchemaForm<Values, EventView>({
    schema: () => import("@/lib/events/schemas").then((schemas) => (event ? schemas.eventUpdateSchema : schemas.eventCreationSchema)),
    idPrefix: event ? `event-${event.id}` : "new-event",
    initialValues: base,
    labels,
    request: event ? { method: "PATCH", url: `/api/events/${encodeURIComponent(event.id)}` } : { method: "POST", url: "/api/events" },
    toBody: ({ version, ploverType, ...values }) => ({ ...(event ? { version } : {}), ...values, ploverType: ploverType || null }),
    messages: { occurredOn: "enter the date it happened" },
    onSuccess: (saved) => {
      router.refresh();
      onDone(event ? `Event “${saved.title}” saved (version ${saved.version}).` : `Event “${saved.title}” added.`);
      if (!event) form.reset();
    },
  });
  const [deletion, setDeletion] = useState<{ pending: boolean; error: string | null }>({ pending: false, error: null });
  const conflict = form.conflict && isEventView(form.conflict.current) ? { ...form.conflict, current: form.conflict.current } : null;
  const actorNames = new Map(actors.map((actor) => [actor.value, actor.label]));
  // Titles of every source the form may show: the recent ones, the event's own, and those found by searching.
  const [foundSources, setFoundSources] = useState<CheckboxListOption[]>([]);
  const knownSources = new Map<string, CheckboxListOption>([
    ...(event?.sources ?? []).map((source): [string, CheckboxListOption] => [source.id, { value: source.id, label: source.title }]),
    ...[...sources, ...foundSources].map((source): [string, CheckboxListOption] => [source.value, source]),
  ]);
  const sourceNames = new Map([...knownSources].map(([id, source]) => [id, source.label]));

  function changeKind(kind: EventKind) {
    // The usual PLOVER type follows the kind until the analyst picks one themselves.
    if (form.values.ploverType === (usualPloverType[form.values.kind] ?? "")) form.setValue("ploverType", usualPloverType[kind] ?? "");
    form.setValue("kind", kind);
  }

  async function remove() {
    if (
      !event ||
      !window.confirm(`Delete the event “${event.title}”? It leaves every chart; an administrator can restore it from History.`)
    )
      return;
    setDeletion({ pending: true, error: null });
    const result = await sendJson<{ ok: true }>("DELETE", `/api/events/${encodeURIComponent(event.id)}`, { version: form.values.version });
    if (!result.ok) {
      setDeletion({ pending: false, error: result.error });
      return;
    }
    router.refresh();
    onDone(`Event “${event.title}” deleted. An administrator can restore it from History.`);
  }

  const describe = (field: Field, of: Values): string => {
    if (field === "actorIds") return of.actorIds.map((id) => actorNames.get(id) ?? id).join(", ") || "None";
    if (field === "sourceIds") return of.sourceIds.map((id) => sourceNames.get(id) ?? id).join(", ") || "None";
    if (field === "kind") return eventKindLabels[of.kind];
    if (field === "ploverType") return of.ploverType ? ploverTypeLabels[of.ploverType] : "None";
    if (field === "datePrecision") return of.datePrecision === "DAY" ? "Day" : "Month only";
    return String(of[field]);
  };

  return (
    <form
      className={`form form--compact ${styles.form}`}
      onSubmit={form.handleSubmit}
      noValidate
      aria-label={event ? `Edit ${event.title}` : "New event"}
    >
      <FormAlert message={form.alert} />
      <TextField {...form.field("title")} maxLength={200} />
      <DateField {...form.field("occurredOn")} precision={form.field("datePrecision")} />
      <FieldRow>
        <SelectField {...form.field("kind")} onChange={changeKind} options={choicesOf(eventKindLabels)} />
        <SelectField {...form.field("ploverType")} options={ploverOptions} hint="PLOVER’s event types; none fits an election." />
      </FieldRow>
      <TextAreaField {...form.field("description")} rows={3} maxLength={4000} />
      <CheckboxListField {...form.field("actorIds")} options={actors} />
      <SourceSearchField
        {...form.field("sourceIds")}
        recent={sources}
        known={knownSources}
        onLearn={(source) => setFoundSources((previous) => [...previous, source])}
      />

      {conflict ? (
        <div className={conflictStyles.conflict} role="region" aria-label="Your change was not saved">
          <h3 className={conflictStyles.title}>Your change was not saved</h3>
          <p className={conflictStyles.message}>{conflict.message}</p>
          <div className="table-scroll" tabIndex={0}>
            <table className={conflictStyles.comparison}>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Your unsaved version</th>
                  <th scope="col">Saved version ({conflict.current.version})</th>
                </tr>
              </thead>
              <tbody>
                {comparedFields.map((field) => {
                  const current = valuesOf(conflict.current);
                  const differs = !same(field, form.values, current);
                  return (
                    <tr key={field} className={differs ? conflictStyles.differs : undefined}>
                      <th scope="row">
                        {labels[field]}
                        {differs && <span className={badgeStyles.badge}>differs</span>}
                      </th>
                      <td>{describe(field, form.values)}</td>
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
              onClick={() => {
                const current = valuesOf(conflict.current);
                setBase(current);
                form.reset({ ...mergeEdits(base, form.values, current, same), version: current.version });
              }}
            >
              Lay my change over the saved version
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                const current = valuesOf(conflict.current);
                setBase(current);
                form.reset(current);
              }}
            >
              Discard mine
            </button>
          </div>
        </div>
      ) : (
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={form.pending || deletion.pending}>
            {form.pending ? "Saving…" : event ? "Save event" : "Add event"}
          </button>
          {event && (
            <>
              <button type="button" className="button" disabled={form.pending} onClick={() => onDone("")}>
                Cancel
              </button>
              <button
                type="button"
                className="button button--danger form__actions-end"
                disabled={form.pending || deletion.pending}
                onClick={() => void remove()}
              >
                {deletion.pending ? "Deleting…" : "Delete event"}
              </button>
            </>
          )}
        </div>
      )}
      {deletion.error && (
        <div className="alert" role="alert">
          {deletion.error}
        </div>
      )}
    </form>
  );
}
