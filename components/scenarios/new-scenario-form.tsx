"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { suggestSlug } from "../actor-fields";
import { sendJson } from "../json-request";
import { ariaDescribedBy, describeFailure, FieldError, FormAlert } from "../form-feedback";
import { isIsoDate } from "./scenario-format";

type Field = "setId" | "slug" | "title" | "description" | "resolutionCriteria" | "horizonOn";
type Values = Record<Exclude<Field, "slug">, string>;
const fieldNames: Record<Field, string> = {
  setId: "Set",
  title: "Title",
  slug: "Slug",
  description: "Description",
  resolutionCriteria: "Resolution criteria",
  horizonOn: "Horizon",
};
const isField = (name: string): name is Field => name in fieldNames;

// The server's limits (lib/scenarios/schemas.ts), checked here so the message comes before the round trip.
function check(values: Values & { slug: string }): Partial<Record<Field, string>> {
  const problems: Partial<Record<Field, string>> = {};
  if (!values.setId) problems.setId = "choose the set of competing scenarios it belongs to";
  if (!values.title.trim()) problems.title = "must not be empty";
  else if (values.title.trim().length > 300) problems.title = "must be at most 300 characters";
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(values.slug)) problems.slug = "use lower-case letters and digits, words joined by hyphens";
  for (const field of ["description", "resolutionCriteria"] as const) {
    if (!values[field].trim()) problems[field] = "must not be empty";
    else if (values[field].trim().length > 4000) problems[field] = "must be at most 4000 characters";
  }
  if (!isIsoDate(values.horizonOn)) problems.horizonOn = "enter the date by which it resolves";
  return problems;
}

const emptyValues: Values = { setId: "", title: "", description: "", resolutionCriteria: "", horizonOn: "" };

/** A new scenario in one of the sets: what would happen, how to tell, and by when. */
export function NewScenarioForm({ sets }: { sets: { id: string; title: string }[] }) {
  const router = useRouter();
  const [values, setValues] = useState<Values>({ ...emptyValues, setId: sets.length === 1 ? sets[0]!.id : "" });
  const [editedSlug, setEditedSlug] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [created, setCreated] = useState<{ slug: string; title: string } | null>(null);
  const [pending, setPending] = useState(false);
  const slug = editedSlug ?? suggestSlug(values.title);

  function change(field: keyof Values, value: string) {
    setValues((previous) => ({ ...previous, [field]: value }));
    setFieldErrors((previous) => ({
      ...previous,
      [field]: undefined,
      ...(field === "title" && editedSlug === null ? { slug: undefined } : {}),
    }));
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = {
      setId: values.setId,
      slug: slug.trim(),
      title: values.title.trim(),
      description: values.description.trim(),
      resolutionCriteria: values.resolutionCriteria.trim(),
      horizonOn: values.horizonOn,
    };
    const problems = check(input);
    setFieldErrors(problems);
    setAlert(null);
    setCreated(null);
    if (Object.keys(problems).length > 0) return;
    setPending(true);
    const result = await sendJson<{ id: string; slug: string }>("POST", "/api/scenarios", input);
    setPending(false);
    if (!result.ok) {
      const failure = describeFailure(result, isField);
      setFieldErrors(failure.fieldErrors);
      setAlert(failure.alert);
      return;
    }
    setCreated({ slug: result.body.slug, title: input.title });
    setValues({ ...emptyValues, setId: values.setId });
    setEditedSlug(null);
    router.refresh();
  }

  const textField = (field: "title" | "description" | "resolutionCriteria", rows: number, hint?: string) => {
    const id = `new-scenario-${field}`;
    const hintId = hint ? `${id}-hint` : undefined;
    const common = {
      id,
      value: values[field],
      onChange: (event: { target: { value: string } }) => change(field, event.target.value),
      "aria-invalid": fieldErrors[field] ? true : undefined,
      "aria-describedby": ariaDescribedBy(id, fieldErrors[field], hintId),
    };
    return (
      <div className="field">
        <label className="field__label" htmlFor={id}>
          {fieldNames[field]}
        </label>
        {rows === 1 ? <input type="text" maxLength={300} {...common} /> : <textarea rows={rows} maxLength={4000} {...common} />}
        {hint && (
          <p className="field__hint" id={hintId}>
            {hint}
          </p>
        )}
        <FieldError id={id} label={fieldNames[field]} message={fieldErrors[field]} />
      </div>
    );
  };

  return (
    <form className="form" onSubmit={handleSubmit} noValidate aria-label="New scenario">
      {created && (
        <p className="notice" role="status">
          <Link href={`/scenarios/${encodeURIComponent(created.slug)}`}>“{created.title}”</Link> was added: open it to record the first
          estimate and its indicators.
        </p>
      )}
      <FormAlert message={alert} />
      <div className="field">
        <label className="field__label" htmlFor="new-scenario-setId">
          Set
        </label>
        <select
          id="new-scenario-setId"
          value={values.setId}
          onChange={(event) => change("setId", event.target.value)}
          aria-invalid={fieldErrors.setId ? true : undefined}
          aria-describedby={ariaDescribedBy("new-scenario-setId", fieldErrors.setId)}
        >
          <option value="">Choose a set…</option>
          {sets.map((set) => (
            <option key={set.id} value={set.id}>
              {set.title}
            </option>
          ))}
        </select>
        <FieldError id="new-scenario-setId" label={fieldNames.setId} message={fieldErrors.setId} />
      </div>
      {textField("title", 1)}
      <div className="field">
        <label className="field__label" htmlFor="new-scenario-slug">
          Slug
        </label>
        <input
          id="new-scenario-slug"
          type="text"
          autoCapitalize="none"
          spellCheck={false}
          value={slug}
          onChange={(event) => {
            setEditedSlug(event.target.value);
            setFieldErrors((previous) => ({ ...previous, slug: undefined }));
          }}
          aria-invalid={fieldErrors.slug ? true : undefined}
          aria-describedby={ariaDescribedBy("new-scenario-slug", fieldErrors.slug, "new-scenario-slug-hint")}
        />
        <p className="field__hint" id="new-scenario-slug-hint">
          Its address: /scenarios/{slug || "…"}
        </p>
        <FieldError id="new-scenario-slug" label={fieldNames.slug} message={fieldErrors.slug} />
      </div>
      {textField("description", 3)}
      {textField(
        "resolutionCriteria",
        4,
        "How anyone can tell, on the horizon date, whether it came about: what counts and what does not.",
      )}
      <div className="field">
        <label className="field__label" htmlFor="new-scenario-horizonOn">
          Horizon
        </label>
        <input
          id="new-scenario-horizonOn"
          type="date"
          value={values.horizonOn}
          onChange={(event) => change("horizonOn", event.target.value)}
          aria-invalid={fieldErrors.horizonOn ? true : undefined}
          aria-describedby={ariaDescribedBy("new-scenario-horizonOn", fieldErrors.horizonOn, "new-scenario-horizonOn-hint")}
        />
        <p className="field__hint" id="new-scenario-horizonOn-hint">
          The last day on which it can come about.
        </p>
        <FieldError id="new-scenario-horizonOn" label={fieldNames.horizonOn} message={fieldErrors.horizonOn} />
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending || sets.length === 0}>
          {pending ? "Adding…" : "Add scenario"}
        </button>
        {sets.length === 0 && <span className="form__hint">Add a scenario set first.</span>}
      </div>
    </form>
  );
}
