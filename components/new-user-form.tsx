"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import type { UserView } from "@/lib/data/users";
import type { Role } from "@/lib/generated/prisma/enums";
import { sendJson, splitFieldErrors } from "./json-request";
import { roleLabels } from "./labels";
import { FieldError } from "./form-feedback";

type Field = "email" | "name" | "role";
const fieldNames: Record<Field, string> = { email: "E-mail address", name: "Name", role: "Role" };
const roles = Object.keys(roleLabels) as Role[];

type Created = { user: UserView; oneTimePassword: string };

export function NewUserForm() {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const [copied, setCopied] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const input = {
      email: String(data.get("email") ?? "").trim(),
      name: String(data.get("name") ?? "").trim(),
      role: String(data.get("role") ?? ""),
    };
    const problems: Partial<Record<Field, string>> = {};
    if (!input.email) problems.email = "enter the person’s e-mail address";
    if (!input.name) problems.name = "enter the person’s name";
    setFieldErrors(problems);
    setError(null);
    if (Object.keys(problems).length > 0) return;

    setSubmitting(true);
    const result = await sendJson<Created>("POST", "/api/users", input);
    setSubmitting(false);
    if (!result.ok) {
      const { known, other } = splitFieldErrors(result.fieldErrors, (name): name is Field => name in fieldNames);
      setFieldErrors(known);
      if (other.length > 0) setError(`Please correct: ${other.join("; ")}`);
      else if (Object.keys(known).length === 0) setError(result.error);
      return;
    }
    setCreated(result.body);
    setCopied(false);
    form.current?.reset();
    router.refresh();
  }

  async function copyPassword(password: string) {
    try {
      await navigator.clipboard.writeText(password);
      setCopied(true);
    } catch {
      // Clipboard access can be refused (plain http, permissions); the password stays visible to copy by hand.
      setCopied(false);
    }
  }

  const errorFor = (field: Field) => <FieldError id={`new-user-${field}`} label={fieldNames[field]} message={fieldErrors[field]} />;

  return (
    <>
      {created && (
        <div className="one-time-password" role="status">
          <p>
            <strong>Account created for {created.user.name}</strong> ({created.user.email}) as {roleLabels[created.user.role].toLowerCase()}
            .
          </p>
          <p>
            One-time password: <code className="one-time-password__value">{created.oneTimePassword}</code>{" "}
            <button type="button" className="button button--small" onClick={() => void copyPassword(created.oneTimePassword)}>
              {copied ? "Copied" : "Copy"}
            </button>
          </p>
          <p className="form__hint">
            It is shown only this once. Give it to {created.user.name} through a channel you trust; they must replace it with their own
            password when they first sign in.
          </p>
          <button type="button" className="button button--small" onClick={() => setCreated(null)}>
            Done, hide the password
          </button>
        </div>
      )}
      <form ref={form} className="form new-user-form" onSubmit={handleSubmit} noValidate>
        {error && (
          <div className="alert" role="alert">
            {error}
          </div>
        )}
        <div className="form__row">
          <div className="field">
            <label className="field__label" htmlFor="new-user-email">
              {fieldNames.email}
            </label>
            <input
              id="new-user-email"
              name="email"
              type="email"
              autoComplete="off"
              spellCheck={false}
              required
              aria-invalid={fieldErrors.email ? true : undefined}
              aria-describedby={fieldErrors.email ? "new-user-email-error" : undefined}
            />
            {errorFor("email")}
          </div>
          <div className="field">
            <label className="field__label" htmlFor="new-user-name">
              {fieldNames.name}
            </label>
            <input
              id="new-user-name"
              name="name"
              type="text"
              autoComplete="off"
              required
              maxLength={200}
              aria-invalid={fieldErrors.name ? true : undefined}
              aria-describedby={fieldErrors.name ? "new-user-name-error" : undefined}
            />
            {errorFor("name")}
          </div>
          <div className="field">
            <label className="field__label" htmlFor="new-user-role">
              {fieldNames.role}
            </label>
            <select
              id="new-user-role"
              name="role"
              defaultValue="VIEWER"
              aria-invalid={fieldErrors.role ? true : undefined}
              aria-describedby={fieldErrors.role ? "new-user-role-error" : undefined}
            >
              {roles.map((role) => (
                <option key={role} value={role}>
                  {roleLabels[role]}
                </option>
              ))}
            </select>
            {errorFor("role")}
          </div>
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={submitting}>
            {submitting ? "Creating…" : "Create user"}
          </button>
          <span className="form__hint">A one-time password is generated; the new user must change it at first sign-in.</span>
        </div>
      </form>
    </>
  );
}
