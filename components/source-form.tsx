"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson, splitFieldErrors } from "./json-request";
import { ariaDescribedBy, FieldError } from "./form-feedback";

type Field = "title" | "publisher" | "url" | "publishedOn" | "language" | "text";
type Values = Record<Field, string>;
const fieldNames: Record<Field, string> = {
  title: "Title",
  publisher: "Publisher",
  url: "Address (URL)",
  publishedOn: "Publication date",
  language: "Language",
  text: "Full text",
};
// The server's rules (lib/sources/schemas.ts), checked here so the message comes before the round trip.
const limits = { title: 500, publisher: 200, text: 500_000, minimumText: 20 };
const languagePattern = /^[a-z]{2,3}(?:-[A-Z]{2})?$/;

function isField(name: string): name is Field {
  return name in fieldNames;
}

function check(values: Values): Partial<Record<Field, string>> {
  const problems: Partial<Record<Field, string>> = {};
  const title = values.title.trim();
  if (!title) problems.title = "enter the headline or title";
  else if (title.length > limits.title) problems.title = `must be at most ${limits.title} characters`;
  const publisher = values.publisher.trim();
  if (!publisher) problems.publisher = "enter who published it";
  else if (publisher.length > limits.publisher) problems.publisher = `must be at most ${limits.publisher} characters`;
  const url = values.url.trim();
  if (url) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      // Reported below.
    }
    if (!parsed || !["http:", "https:"].includes(parsed.protocol)) problems.url = "use a full http(s) address, or leave it empty";
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.publishedOn)) problems.publishedOn = "enter the date it was published";
  if (!languagePattern.test(values.language.trim())) problems.language = "use a language code such as en or fa";
  const text = values.text.trim();
  if (text.length < limits.minimumText) problems.text = "paste the full text of the document (at least a sentence)";
  else if (text.length > limits.text)
    problems.text = `is too long for one source (${limits.text.toLocaleString("en-GB")} characters at most)`;
  return problems;
}

/** A new source: its details and its full text, which statements are later cut from and which can never change. */
export function SourceForm() {
  const router = useRouter();
  const [values, setValues] = useState<Values>({ title: "", publisher: "", url: "", publishedOn: "", language: "en", text: "" });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<{ message: string; id: string } | null>(null);
  const [pending, setPending] = useState(false);

  function change(field: Field, value: string) {
    setValues((previous) => ({ ...previous, [field]: value }));
    setErrors((previous) => ({ ...previous, [field]: undefined }));
    if (field === "text") setDuplicate(null);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const problems = check(values);
    setErrors(problems);
    setError(null);
    setDuplicate(null);
    if (Object.keys(problems).length > 0) return;
    setPending(true);
    // The text is sent as pasted: the server trims it, and statement offsets count from that stored text.
    const result = await sendJson<{ id: string }>("POST", "/api/sources", {
      title: values.title.trim(),
      publisher: values.publisher.trim(),
      url: values.url.trim() || null,
      publishedOn: values.publishedOn,
      language: values.language.trim(),
      text: values.text,
    });
    if (result.ok) {
      // Stay pending: the page is about to change.
      router.push(`/sources/${encodeURIComponent(result.body.id)}`);
      return;
    }
    setPending(false);
    const current = result.current as { id?: unknown } | null | undefined;
    if (result.status === 409 && current && typeof current.id === "string") {
      setDuplicate({ message: result.error, id: current.id });
      return;
    }
    const { known, other } = splitFieldErrors(result.fieldErrors, isField);
    setErrors(known);
    setError(
      other.length > 0
        ? `Please correct: ${other.join("; ")}`
        : Object.keys(known).length > 0
          ? "Please correct the fields marked below."
          : result.error,
    );
  }

  const describedBy = (field: Field, hint?: string) => ariaDescribedBy(`source-${field}`, errors[field], hint);
  const errorFor = (field: Field) => <FieldError id={`source-${field}`} label={fieldNames[field]} message={errors[field]} />;
  const textLength = values.text.trim().length;

  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      {error && (
        <div className="alert" role="alert">
          {error}
        </div>
      )}
      {duplicate && (
        <div className="alert" role="alert">
          {duplicate.message} <Link href={`/sources/${encodeURIComponent(duplicate.id)}`}>Open the stored source</Link>
        </div>
      )}
      <div className="field">
        <label className="field__label" htmlFor="source-title">
          {fieldNames.title}
        </label>
        <input
          id="source-title"
          type="text"
          autoComplete="off"
          maxLength={limits.title}
          value={values.title}
          onChange={(event) => change("title", event.target.value)}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={describedBy("title")}
        />
        {errorFor("title")}
      </div>
      <div className="form__row">
        <div className="field">
          <label className="field__label" htmlFor="source-publisher">
            {fieldNames.publisher}
          </label>
          <input
            id="source-publisher"
            type="text"
            maxLength={limits.publisher}
            value={values.publisher}
            onChange={(event) => change("publisher", event.target.value)}
            aria-invalid={errors.publisher ? true : undefined}
            aria-describedby={describedBy("publisher", "source-publisher-hint")}
          />
          <p className="field__hint" id="source-publisher-hint">
            The outlet or office, e.g. Financial Times or Ministry of Foreign Affairs.
          </p>
          {errorFor("publisher")}
        </div>
        <div className="field">
          <label className="field__label" htmlFor="source-publishedOn">
            {fieldNames.publishedOn}
          </label>
          <input
            id="source-publishedOn"
            type="date"
            value={values.publishedOn}
            onChange={(event) => change("publishedOn", event.target.value)}
            aria-invalid={errors.publishedOn ? true : undefined}
            aria-describedby={describedBy("publishedOn", "source-publishedOn-hint")}
          />
          <p className="field__hint" id="source-publishedOn-hint">
            New statements default to this date.
          </p>
          {errorFor("publishedOn")}
        </div>
      </div>
      <div className="form__row">
        <div className="field">
          <label className="field__label" htmlFor="source-url">
            {fieldNames.url} <span className="field__optional">(optional)</span>
          </label>
          <input
            id="source-url"
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://"
            value={values.url}
            onChange={(event) => change("url", event.target.value)}
            aria-invalid={errors.url ? true : undefined}
            aria-describedby={describedBy("url")}
          />
          {errorFor("url")}
        </div>
        <div className="field">
          <label className="field__label" htmlFor="source-language">
            {fieldNames.language}
          </label>
          <input
            id="source-language"
            type="text"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            className="input--short"
            value={values.language}
            onChange={(event) => change("language", event.target.value)}
            aria-invalid={errors.language ? true : undefined}
            aria-describedby={describedBy("language", "source-language-hint")}
          />
          <p className="field__hint" id="source-language-hint">
            A language code: en for English, fa for Persian, ar for Arabic.
          </p>
          {errorFor("language")}
        </div>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="source-text">
          {fieldNames.text}
        </label>
        <p className="field__hint" id="source-text-hint">
          Paste the whole document, headline to last line. It cannot be edited once saved: statements point at exact places in it.
          {textLength > 0 && ` ${textLength.toLocaleString("en-GB")} characters.`}
        </p>
        <textarea
          id="source-text"
          className="source-form__text"
          rows={22}
          value={values.text}
          onChange={(event) => change("text", event.target.value)}
          aria-invalid={errors.text ? true : undefined}
          aria-describedby={describedBy("text", "source-text-hint")}
        />
        {errorFor("text")}
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? "Saving…" : "Save source"}
        </button>
        <Link href="/sources" className="button">
          Cancel
        </Link>
      </div>
    </form>
  );
}
