"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { suggestSlug } from "../actor-fields";
import { sendJson } from "../json-request";
import { ariaDescribedBy, describeFailure, FieldError, FormAlert } from "../form-feedback";

type Field = "slug" | "title" | "description";
const fieldNames: Record<Field, string> = { title: "Title", slug: "Slug", description: "Description" };
const isField = (name: string): name is Field => name in fieldNames;

// The server's limits (lib/scenarios/schemas.ts), checked here so the message comes before the round trip.
function check(values: Record<Field, string>): Partial<Record<Field, string>> {
  const problems: Partial<Record<Field, string>> = {};
  if (!values.title.trim()) problems.title = "must not be empty";
  else if (values.title.trim().length > 300) problems.title = "must be at most 300 characters";
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(values.slug)) problems.slug = "use lower-case letters and digits, words joined by hyphens";
  if (!values.description.trim()) problems.description = "must not be empty";
  else if (values.description.trim().length > 4000) problems.description = "must be at most 4000 characters";
  return problems;
}

/** A set of competing scenarios: its scenarios are then added one by one. */
export function NewScenarioSetForm() {
  const router = useRouter();
  const [title, setTitle] = useState("");
  // Null while the slug follows the title; the analyst's own text once edited.
  const [editedSlug, setEditedSlug] = useState<string | null>(null);
  const [description, setDescription] = useState("");
  const [mutuallyExclusive, setMutuallyExclusive] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const slug = editedSlug ?? suggestSlug(title);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = { title: title.trim(), slug: slug.trim(), description: description.trim() };
    const problems = check(values);
    setFieldErrors(problems);
    setAlert(null);
    setCreated(null);
    if (Object.keys(problems).length > 0) return;
    setPending(true);
    const result = await sendJson<{ id: string; slug: string }>("POST", "/api/scenario-sets", { ...values, mutuallyExclusive });
    setPending(false);
    if (!result.ok) {
      const failure = describeFailure(result, isField);
      setFieldErrors(failure.fieldErrors);
      setAlert(failure.alert);
      return;
    }
    setCreated(values.title);
    setTitle("");
    setEditedSlug(null);
    setDescription("");
    setMutuallyExclusive(false);
    router.refresh();
  }

  function clear(field: Field) {
    setFieldErrors((previous) => ({ ...previous, [field]: undefined }));
  }

  return (
    <form className="form" onSubmit={handleSubmit} noValidate aria-label="New scenario set">
      {created && (
        <p className="notice" role="status">
          “{created}” was added. Add its scenarios with the form beside this one.
        </p>
      )}
      <FormAlert message={alert} />
      <div className="field">
        <label className="field__label" htmlFor="new-set-title">
          Title
        </label>
        <input
          id="new-set-title"
          type="text"
          value={title}
          maxLength={300}
          onChange={(event) => {
            setTitle(event.target.value);
            clear("title");
          }}
          aria-invalid={fieldErrors.title ? true : undefined}
          aria-describedby={ariaDescribedBy("new-set-title", fieldErrors.title)}
        />
        <FieldError id="new-set-title" label={fieldNames.title} message={fieldErrors.title} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="new-set-slug">
          Slug
        </label>
        <input
          id="new-set-slug"
          type="text"
          autoCapitalize="none"
          spellCheck={false}
          value={slug}
          onChange={(event) => {
            setEditedSlug(event.target.value);
            clear("slug");
          }}
          aria-invalid={fieldErrors.slug ? true : undefined}
          aria-describedby={ariaDescribedBy("new-set-slug", fieldErrors.slug, "new-set-slug-hint")}
        />
        <p className="field__hint" id="new-set-slug-hint">
          Its address: /scenarios/sets/{slug || "…"}
        </p>
        <FieldError id="new-set-slug" label={fieldNames.slug} message={fieldErrors.slug} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="new-set-description">
          Description
        </label>
        <textarea
          id="new-set-description"
          rows={3}
          maxLength={4000}
          value={description}
          onChange={(event) => {
            setDescription(event.target.value);
            clear("description");
          }}
          aria-invalid={fieldErrors.description ? true : undefined}
          aria-describedby={ariaDescribedBy("new-set-description", fieldErrors.description, "new-set-description-hint")}
        />
        <p className="field__hint" id="new-set-description-hint">
          What the scenarios have in common, and whether they exclude each other (so their probabilities sum to 100 %).
        </p>
        <FieldError id="new-set-description" label={fieldNames.description} message={fieldErrors.description} />
      </div>
      <div className="field">
        <div className="checkbox-field">
          <input
            id="new-set-mutually-exclusive"
            type="checkbox"
            checked={mutuallyExclusive}
            onChange={(event) => setMutuallyExclusive(event.target.checked)}
            aria-describedby="new-set-mutually-exclusive-hint"
          />
          <label htmlFor="new-set-mutually-exclusive">The scenarios are mutually exclusive</label>
        </div>
        <p className="field__hint" id="new-set-mutually-exclusive-hint">
          At most one can come about: each analyst’s estimates are checked against 100 %, and resolving one “yes” offers to resolve the
          others “no”.
        </p>
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? "Adding…" : "Add scenario set"}
        </button>
      </div>
    </form>
  );
}
