"use client";

import { choicesOf } from "@/lib/choices";
import Link from "@/components/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { actorKindLabels, actorUpdateSchema } from "@/lib/actors/schemas";
import type { ActorView } from "@/lib/data/actors";
import type { ActorKind } from "@/lib/generated/prisma/enums";
import { normaliseWikidataId, type ActorChoice } from "./actor-fields";
import { ActorMergeForm } from "./actor-merge-form";
import { FieldRow, SelectField, TextField } from "./form";
import { recordHistoryPath } from "./history-links";
import { sendJson } from "./json-request";
import { RowMessage, type RowMessageContent } from "./row-message";
import styles from "./actor-row.module.css";

// Must match the header of ActorsTable (a server module, so not imported here).
const columnCount = 8;

/** The editable fields as the form holds them: text, with "" for none. */
type EditValues = { name: string; kind: ActorKind; office: string; speaksForId: string; wikidataId: string; aliases: string };
type Field = keyof EditValues;
type FieldErrors = Partial<Record<Field, string>>;
type Change = {
  name?: string;
  kind?: ActorKind;
  office?: string | null;
  speaksForId?: string | null;
  wikidataId?: string | null;
  aliases?: string[];
};

const fields: Field[] = ["name", "kind", "office", "speaksForId", "wikidataId", "aliases"];
const fieldNames: Record<Field, string> = {
  name: "Name",
  kind: "Kind",
  office: "Office",
  speaksForId: "Speaks for",
  wikidataId: "Wikidata id",
  aliases: "Aliases",
};

/** Aliases are edited as one line, separated by commas. */
function splitAliases(text: string): string[] {
  return [
    ...new Set(
      text
        .split(",")
        .map((alias) => alias.trim())
        .filter(Boolean),
    ),
  ];
}

function savedValues(actor: ActorView): EditValues {
  return {
    name: actor.name,
    kind: actor.kind,
    office: actor.office ?? "",
    speaksForId: actor.speaksFor?.id ?? "",
    wikidataId: actor.wikidataId ?? "",
    aliases: actor.aliases.join(", "),
  };
}

/** What the API is sent for one field, so that spaces or an emptied box are compared as the server will store them. */
function sentValue(field: Field, values: EditValues): string | null {
  switch (field) {
    case "name":
      return values.name.trim();
    case "kind":
      return values.kind;
    case "office":
      return values.office.trim() || null;
    case "speaksForId":
      return values.speaksForId || null;
    case "wikidataId":
      return normaliseWikidataId(values.wikidataId);
    case "aliases":
      return splitAliases(values.aliases).join(", ");
  }
}

function isField(name: string): name is Field {
  return (fields as string[]).includes(name);
}

/**
 * One actor: its tracked-target switch, and an edit form that opens in a row
 * of its own. Each change is sent with the version this row shows, so a stale
 * page is refused instead of overwriting a newer change; the page then
 * refreshes to show what is saved.
 */
export function ActorRow({ actor, choices }: { actor: ActorView; choices: ActorChoice[] }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  // Only the fields the admin has changed: the others follow the saved actor, so they update when the page refreshes after a conflict.
  const [draft, setDraft] = useState<Partial<EditValues>>({});
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState<"track" | "edit" | null>(null);
  const [message, setMessage] = useState<RowMessageContent | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);

  const saved = savedValues(actor);
  const values: EditValues = { ...saved, ...draft };
  const changed = fields.filter((field) => sentValue(field, values) !== sentValue(field, saved));
  const idFor = (field: Field) => `actor-${actor.id}-${field}`;
  const formId = `actor-${actor.id}-edit`;
  // An actor may still speak for one that has since been deleted; keep it selectable so the select shows the truth.
  const speaksForChoices =
    actor.speaksFor && !choices.some((choice) => choice.id === actor.speaksFor?.id) ? [...choices, actor.speaksFor] : choices;

  async function patch(change: Change | { isTrackedTarget: boolean }) {
    return sendJson<ActorView>("PATCH", `/api/actors/${encodeURIComponent(actor.id)}`, { version: actor.version, ...change });
  }

  async function toggleTracked() {
    setPending("track");
    setMessage(null);
    const result = await patch({ isTrackedTarget: !actor.isTrackedTarget });
    setPending(null);
    if (result.ok) {
      setMessage({
        text: result.body.isTrackedTarget
          ? `${actor.name} is now a tracked target and is charted on the overview.`
          : `${actor.name} is no longer tracked; its codings stay.`,
        isError: false,
      });
    } else {
      setMessage({ text: result.error, isError: true });
    }
    // On success and on a conflict alike, show what is now saved.
    router.refresh();
  }

  function openEditor() {
    setMessage(null);
    setEditing(true);
  }

  function closeEditor() {
    setEditing(false);
    setDraft({});
    setFieldErrors({});
    setFormError(null);
    editButton.current?.focus();
  }

  function change<F extends Field>(field: F, value: EditValues[F]) {
    setDraft((previous) => ({ ...previous, [field]: value }));
    setFieldErrors((previous) => ({ ...previous, [field]: undefined }));
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending !== null || changed.length === 0) return;
    const payload: Change = {};
    for (const field of changed)
      Object.assign(payload, { [field]: field === "aliases" ? splitAliases(values.aliases) : sentValue(field, values) });
    // The route's own schema, then what only the page knows: another actor holding the Wikidata id.
    const problems: FieldErrors = {};
    const checked = actorUpdateSchema.safeParse({ version: actor.version, ...payload });
    if (!checked.success)
      for (const issue of checked.error.issues) if (isField(String(issue.path[0]))) problems[issue.path[0] as Field] ??= issue.message;
    const wikidataId = normaliseWikidataId(values.wikidataId);
    const wikidataOwner = wikidataId && choices.find((choice) => choice.id !== actor.id && choice.wikidataId === wikidataId);
    if (wikidataOwner) problems.wikidataId ??= `is already used by ${wikidataOwner.name}`;
    setFieldErrors(problems);
    setFormError(null);
    if (Object.keys(problems).length > 0) return;
    setPending("edit");
    const result = await patch(payload);
    setPending(null);
    if (result.ok) {
      setMessage({ text: `Saved ${result.body.name}.`, isError: false });
      closeEditor();
      router.refresh();
      return;
    }
    const known: FieldErrors = {};
    const other: string[] = [];
    for (const [field, text] of Object.entries(result.fieldErrors)) {
      if (isField(field)) known[field] = text;
      else other.push(`${field}: ${text}`);
    }
    setFieldErrors(known);
    if (result.status === 409) {
      setFormError(`${result.error} The row above now shows the saved values; your changes are still in this form.`);
      router.refresh();
    } else if (other.length > 0) setFormError(`Please correct: ${other.join("; ")}`);
    else if (Object.keys(known).length === 0) setFormError(result.error);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Escape" && pending === null) {
      event.preventDefault();
      closeEditor();
    }
  }

  // The kit's fields, bound to the draft.
  const bind = <F extends Field>(field: F) => ({
    id: idFor(field),
    label: fieldNames[field],
    value: values[field],
    error: fieldErrors[field],
    onChange: (value: EditValues[F]) => change(field, value),
  });

  return (
    <>
      <tr className={actor.isTrackedTarget ? styles.isTracked : undefined}>
        <td>
          {actor.name}
          <code className="cell-meta">{actor.slug}</code>
          {actor.aliases.length > 0 && <span className="cell-meta">Also: {actor.aliases.join(", ")}</span>}
        </td>
        <td data-label="Kind">{actorKindLabels[actor.kind]}</td>
        <td data-label="Office">{actor.office ?? <span className="muted">—</span>}</td>
        <td data-label="Speaks for">{actor.speaksFor?.name ?? <span className="muted">—</span>}</td>
        <td className="nowrap" data-label="Wikidata">
          {actor.wikidataId ? (
            <a href={`https://www.wikidata.org/wiki/${encodeURIComponent(actor.wikidataId)}`} rel="noreferrer">
              {actor.wikidataId}
            </a>
          ) : (
            <span className="muted">—</span>
          )}
        </td>
        <td className="number" data-label="Statements">
          {actor.statementCount.toLocaleString("en-GB")}
        </td>
        <td data-label="Target">
          <div className={styles.actorTarget}>
            {actor.isTrackedTarget ? "Tracked" : "Not tracked"}
            <button type="button" className="button button--small nowrap" disabled={pending !== null} onClick={() => void toggleTracked()}>
              {actor.isTrackedTarget ? "Stop tracking" : "Track as target"}
              <span className="visually-hidden"> {actor.name}</span>
            </button>
          </div>
        </td>
        <td className="nowrap">
          <button
            ref={editButton}
            type="button"
            className="button button--small"
            aria-expanded={editing}
            aria-controls={editing ? formId : undefined}
            disabled={pending === "track"}
            onClick={editing ? closeEditor : openEditor}
          >
            Edit
            <span className="visually-hidden"> {actor.name}</span>
          </button>
        </td>
      </tr>
      {editing && (
        <tr className={styles.actorEditRow}>
          <td colSpan={columnCount}>
            <form
              id={formId}
              className={`form actor-form ${styles.actorEdit}`}
              aria-label={`Edit ${actor.name}`}
              onSubmit={handleSubmit}
              onKeyDown={handleKeyDown}
              noValidate
            >
              {formError && (
                <div className="alert" role="alert">
                  {formError}
                </div>
              )}
              <FieldRow>
                <TextField {...bind("name")} autoComplete="off" required autoFocus />
                <SelectField {...bind("kind")} options={choicesOf(actorKindLabels)} />
                <TextField {...bind("office")} autoComplete="off" optional />
                <SelectField
                  {...bind("speaksForId")}
                  placeholder="None"
                  options={speaksForChoices
                    .filter((choice) => choice.id !== actor.id)
                    .map((choice) => ({ value: choice.id, label: choice.name }))}
                />
                <TextField {...bind("wikidataId")} autoComplete="off" spellCheck={false} placeholder="Q794" optional />
              </FieldRow>
              <TextField {...bind("aliases")} autoComplete="off" optional hint="Other names it goes by, separated by commas." />
              <div className="form__actions">
                <button type="submit" className="button button--primary" disabled={pending !== null || changed.length === 0}>
                  {pending === "edit" ? "Saving…" : "Save changes"}
                </button>
                <button type="button" className="button" disabled={pending !== null} onClick={closeEditor}>
                  Cancel
                </button>
                {changed.length === 0 && pending === null && <span className="form__hint">No unsaved changes</span>}
                <span className="form__hint form__actions-end">
                  Slug <code>{actor.slug}</code> stays: imports and links rely on it.{" "}
                  <Link href={recordHistoryPath("Actor", actor.id)}>History</Link>
                </span>
              </div>
            </form>
            <ActorMergeForm actor={actor} choices={choices} />
          </td>
        </tr>
      )}
      <RowMessage message={message} columnCount={columnCount} onDismiss={() => setMessage(null)} />
    </>
  );
}
