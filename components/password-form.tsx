"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { minimumPasswordLength } from "@/lib/users/schemas";
import { sendJson, splitFieldErrors } from "./json-request";
import { ariaDescribedBy, FieldError } from "./form-feedback";

type Field = "currentPassword" | "newPassword" | "confirmPassword";
const fieldNames: Record<Field, string> = {
  currentPassword: "Current password",
  newPassword: "New password",
  confirmPassword: "New password again",
};

/** `isOneTimePassword`: the current password is the one an administrator set, which the person must replace. */
export function PasswordForm({ email, isOneTimePassword }: { email: string; isOneTimePassword: boolean }) {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const currentPassword = String(form.get("currentPassword") ?? "");
    const newPassword = String(form.get("newPassword") ?? "");
    const confirmPassword = String(form.get("confirmPassword") ?? "");

    const problems: Partial<Record<Field, string>> = {};
    if (!currentPassword) problems.currentPassword = "enter your current password";
    if (newPassword.length < minimumPasswordLength) {
      problems.newPassword = `use at least ${minimumPasswordLength} characters; a passphrase of several words is best`;
    } else if (newPassword === currentPassword) {
      problems.newPassword = "must differ from the current one";
    }
    if (confirmPassword !== newPassword) problems.confirmPassword = "does not match the new password";
    setFieldErrors(problems);
    setError(null);
    if (Object.keys(problems).length > 0) return;

    setSubmitting(true);
    const result = await sendJson<{ ok: true }>("POST", "/api/account/password", { currentPassword, newPassword });
    if (result.ok) {
      // The server has revoked every session; drop this browser's cookie too, then sign in afresh.
      await signOut({ redirect: false }).catch(() => undefined);
      router.replace("/sign-in?message=password-changed");
      router.refresh();
      return;
    }
    setSubmitting(false);
    const { known, other } = splitFieldErrors(result.fieldErrors, (name): name is Field => name in fieldNames);
    setFieldErrors(known);
    if (other.length > 0) setError(`Please correct: ${other.join("; ")}`);
    else if (Object.keys(known).length === 0) setError(result.error);
  }

  const errorFor = (field: Field) => <FieldError id={`${field}`} label={fieldNames[field]} message={fieldErrors[field]} />;
  const describedBy = (field: Field, hint?: string) => ariaDescribedBy(`${field}`, fieldErrors[field], hint);

  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      {error && (
        <div className="alert" role="alert">
          {error}
        </div>
      )}
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <div className="field">
        <label className="field__label" htmlFor="currentPassword">
          {fieldNames.currentPassword}
        </label>
        {isOneTimePassword && (
          <p className="field__hint" id="currentPassword-hint">
            The one-time password your administrator gave you.
          </p>
        )}
        <input
          id="currentPassword"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          autoFocus
          required
          aria-invalid={fieldErrors.currentPassword ? true : undefined}
          aria-describedby={describedBy("currentPassword", isOneTimePassword ? "currentPassword-hint" : undefined)}
        />
        {errorFor("currentPassword")}
      </div>
      <div className="field">
        <label className="field__label" htmlFor="newPassword">
          {fieldNames.newPassword}
        </label>
        <p className="field__hint" id="newPassword-hint">
          At least {minimumPasswordLength} characters. A passphrase of several unrelated words is strong and easy to type.
        </p>
        <input
          id="newPassword"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={minimumPasswordLength}
          aria-invalid={fieldErrors.newPassword ? true : undefined}
          aria-describedby={describedBy("newPassword", "newPassword-hint")}
        />
        {errorFor("newPassword")}
      </div>
      <div className="field">
        <label className="field__label" htmlFor="confirmPassword">
          {fieldNames.confirmPassword}
        </label>
        <input
          id="confirmPassword"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={fieldErrors.confirmPassword ? true : undefined}
          aria-describedby={describedBy("confirmPassword")}
        />
        {errorFor("confirmPassword")}
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={submitting}>
          {submitting ? "Changing password…" : "Change password"}
        </button>
      </div>
      <p className="form__hint">Changing your password signs you out on every device; you then sign in with the new one.</p>
    </form>
  );
}
