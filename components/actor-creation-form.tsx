"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import type { ActorView } from "@/lib/data/actors";
import type { ActorKind } from "@/lib/generated/prisma/enums";
import {
  checkName,
  checkOffice,
  checkSlug,
  checkWikidataId,
  KindOptions,
  maximumNameLength,
  maximumOfficeLength,
  normaliseWikidataId,
  SpeaksForOptions,
  suggestSlug,
  type ActorChoice,
} from "./actor-fields";
import { sendJson, splitFieldErrors } from "./json-request";
import { ariaDescribedBy, FieldError } from "./form-feedback";

type Field = "name" | "slug" | "kind" | "office" | "speaksForId" | "wikidataId" | "isTrackedTarget";
const fieldNames: Record<Field, string> = {
  name: "Name",
  slug: "Slug",
  kind: "Kind",
  office: "Office",
  speaksForId: "Speaks for",
  wikidataId: "Wikidata id",
  isTrackedTarget: "Track as target",
};

export function NewActorForm({ choices }: { choices: ActorChoice[] }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState("");
  // Null while the slug follows the name; the admin's own text once they edit it.
  const [editedSlug, setEditedSlug] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [created, setCreated] = useState<ActorView | null>(null);
  const suggestedSlug = suggestSlug(name);
  const slug = editedSlug ?? suggestedSlug;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const office = String(data.get("office") ?? "").trim();
    const input = {
      slug: slug.trim(),
      name: name.trim(),
      kind: String(data.get("kind") ?? "") as ActorKind,
      office: office || null,
      wikidataId: normaliseWikidataId(String(data.get("wikidataId") ?? "")),
      isTrackedTarget: data.get("isTrackedTarget") === "on",
      speaksForId: String(data.get("speaksForId") ?? "") || null,
    };
    const problems: Partial<Record<Field, string>> = {
      name: checkName(input.name),
      slug: checkSlug(input.slug, choices),
      office: checkOffice(office),
      wikidataId: checkWikidataId(input.wikidataId, choices),
    };
    const hasProblems = Object.values(problems).some(Boolean);
    setFieldErrors(hasProblems ? problems : {});
    setError(null);
    if (hasProblems) return;

    setSubmitting(true);
    const result = await sendJson<ActorView>("POST", "/api/actors", input);
    setSubmitting(false);
    if (!result.ok) {
      const { known, other } = splitFieldErrors(result.fieldErrors, (name): name is Field => name in fieldNames);
      setFieldErrors(known);
      if (other.length > 0) setError(`Please correct: ${other.join("; ")}`);
      else if (Object.keys(known).length === 0) setError(result.error);
      return;
    }
    setCreated(result.body);
    setName("");
    setEditedSlug(null);
    form.current?.reset();
    router.refresh();
  }

  const describedBy = (field: Field, hint?: string) => ariaDescribedBy(`new-actor-${field}`, fieldErrors[field], hint);
  const errorFor = (field: Field) => <FieldError id={`new-actor-${field}`} label={fieldNames[field]} message={fieldErrors[field]} />;

  return (
    <>
      {created && (
        <div className="notice" role="status">
          <strong>{created.name}</strong> was added
          {created.isTrackedTarget ? " as a tracked target." : "."}
          <button type="button" className="link-button" onClick={() => setCreated(null)}>
            Dismiss
          </button>
        </div>
      )}
      <form ref={form} className="form actor-form" onSubmit={handleSubmit} noValidate>
        {error && (
          <div className="alert" role="alert">
            {error}
          </div>
        )}
        <div className="form__row">
          <div className="field">
            <label className="field__label" htmlFor="new-actor-name">
              {fieldNames.name}
            </label>
            <input
              id="new-actor-name"
              name="name"
              type="text"
              autoComplete="off"
              required
              maxLength={maximumNameLength}
              value={name}
              onChange={(event) => {
                setName(event.target.value);
                setFieldErrors((previous) => ({ ...previous, name: undefined, slug: editedSlug === null ? undefined : previous.slug }));
              }}
              aria-invalid={fieldErrors.name ? true : undefined}
              aria-describedby={describedBy("name")}
            />
            {errorFor("name")}
          </div>
          <div className="field">
            <label className="field__label" htmlFor="new-actor-slug">
              {fieldNames.slug}
            </label>
            <input
              id="new-actor-slug"
              name="slug"
              type="text"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={slug}
              onChange={(event) => {
                setEditedSlug(event.target.value);
                setFieldErrors((previous) => ({ ...previous, slug: undefined }));
              }}
              aria-invalid={fieldErrors.slug ? true : undefined}
              aria-describedby={describedBy("slug", "new-actor-slug-hint")}
            />
            <p className="field__hint">
              <span id="new-actor-slug-hint">
                Suggested from the name. Lower-case words joined by hyphens; imports and links use it, so it cannot be changed later.
              </span>
              {editedSlug !== null && editedSlug !== suggestedSlug && suggestedSlug && (
                <button type="button" className="link-button" onClick={() => setEditedSlug(null)}>
                  Use {suggestedSlug}
                </button>
              )}
            </p>
            {errorFor("slug")}
          </div>
          <div className="field">
            <label className="field__label" htmlFor="new-actor-kind">
              {fieldNames.kind}
            </label>
            <select
              id="new-actor-kind"
              name="kind"
              defaultValue="PERSON"
              aria-invalid={fieldErrors.kind ? true : undefined}
              aria-describedby={describedBy("kind")}
            >
              <KindOptions />
            </select>
            {errorFor("kind")}
          </div>
        </div>
        <div className="form__row">
          <div className="field">
            <label className="field__label" htmlFor="new-actor-office">
              {fieldNames.office} <span className="field__optional">(optional)</span>
            </label>
            <input
              id="new-actor-office"
              name="office"
              type="text"
              autoComplete="off"
              maxLength={maximumOfficeLength}
              aria-invalid={fieldErrors.office ? true : undefined}
              aria-describedby={describedBy("office", "new-actor-office-hint")}
            />
            <p className="field__hint" id="new-actor-office-hint">
              For a person, the post they speak from, e.g. Minister of Foreign Affairs.
            </p>
            {errorFor("office")}
          </div>
          <div className="field">
            <label className="field__label" htmlFor="new-actor-speaksForId">
              {fieldNames.speaksForId}
            </label>
            <select
              id="new-actor-speaksForId"
              name="speaksForId"
              defaultValue=""
              aria-invalid={fieldErrors.speaksForId ? true : undefined}
              aria-describedby={describedBy("speaksForId", "new-actor-speaksForId-hint")}
            >
              <SpeaksForOptions choices={choices} />
            </select>
            <p className="field__hint" id="new-actor-speaksForId-hint">
              The government or organisation whose position this actor states.
            </p>
            {errorFor("speaksForId")}
          </div>
          <div className="field">
            <label className="field__label" htmlFor="new-actor-wikidataId">
              {fieldNames.wikidataId} <span className="field__optional">(optional)</span>
            </label>
            <input
              id="new-actor-wikidataId"
              name="wikidataId"
              type="text"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              placeholder="Q794"
              aria-invalid={fieldErrors.wikidataId ? true : undefined}
              aria-describedby={describedBy("wikidataId", "new-actor-wikidataId-hint")}
            />
            <p className="field__hint" id="new-actor-wikidataId-hint">
              The Q number at the top of the actor’s Wikidata page.
            </p>
            {errorFor("wikidataId")}
          </div>
        </div>
        <div className="field">
          <div className="checkbox-field">
            <input
              id="new-actor-isTrackedTarget"
              name="isTrackedTarget"
              type="checkbox"
              aria-describedby={describedBy("isTrackedTarget", "new-actor-isTrackedTarget-hint")}
            />
            <label htmlFor="new-actor-isTrackedTarget">{fieldNames.isTrackedTarget}</label>
          </div>
          <p className="field__hint" id="new-actor-isTrackedTarget-hint">
            Tracked targets are charted on the overview. You can change this later in the table.
          </p>
          {errorFor("isTrackedTarget")}
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={submitting}>
            {submitting ? "Adding…" : "Add actor"}
          </button>
        </div>
      </form>
    </>
  );
}
