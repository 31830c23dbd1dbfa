"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";

// next-auth's code for "authorize returned nothing"; our authorize throws a sentence instead, but be safe.
const errorMessages: Record<string, string> = { CredentialsSignin: "Wrong e-mail address or password." };

export function SignInForm({ callbackPath }: { callbackPath: string }) {
  const router = useRouter();
  const passwordInput = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError("Enter your e-mail address and password.");
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (result?.ok && !result.error) {
        // Stay in the submitting state: the page is about to change.
        router.replace(callbackPath);
        router.refresh();
        return;
      }
      setError(errorMessages[result?.error ?? ""] ?? result?.error ?? "Sign-in did not complete. Please try again.");
    } catch {
      setError("Stancewatch could not be reached. Check your connection and try again.");
    }
    setSubmitting(false);
    // Clear the refused password for retyping, unless the person has already started retyping it.
    if (passwordInput.current && passwordInput.current.value === password) {
      passwordInput.current.value = "";
      passwordInput.current.focus();
    }
  }

  return (
    <form className="form" onSubmit={handleSubmit} noValidate>
      {error && (
        <div className="alert" role="alert">
          {error}
        </div>
      )}
      <div className="field">
        <label className="field__label" htmlFor="sign-in-email">
          E-mail address
        </label>
        <input id="sign-in-email" name="email" type="email" autoComplete="username" autoFocus required spellCheck={false} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="sign-in-password">
          Password
        </label>
        <input id="sign-in-password" name="password" type="password" autoComplete="current-password" required ref={passwordInput} />
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary button--wide" disabled={submitting}>
          {submitting ? "Signing in…" : "Sign in"}
        </button>
      </div>
    </form>
  );
}
