"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { FormActions, FormAlert, TextField, useSchemaForm } from "./form";
import type { JsonResponse } from "./json-request";

// next-auth's code for "authorize returned nothing"; our authorize throws a sentence instead, but be safe.
const errorMessages: Record<string, string> = { CredentialsSignin: "Wrong e-mail address or password." };

/** Signs in through next-auth's credentials endpoint; a refusal is shown as the form's alert. */
async function signInWith(body: unknown): Promise<JsonResponse<null>> {
  const { email, password } = body as { email: string; password: string };
  const refused = (error: string): JsonResponse<null> => ({ ok: false, status: 401, error, fieldErrors: {} });
  try {
    const result = await signIn("credentials", { email: email.trim(), password, redirect: false });
    if (result?.ok && !result.error) return { ok: true, status: 200, body: null };
    return refused(errorMessages[result?.error ?? ""] ?? result?.error ?? "Sign-in did not complete. Please try again.");
  } catch {
    return refused("Stancewatch could not be reached. Check your connection and try again.");
  }
}

export function SignInForm({ callbackPath }: { callbackPath: string }) {
  const router = useRouter();
  const form = useSchemaForm({
    schema: () => import("@/lib/users/schemas").then((schemas) => schemas.signInSchema),
    idPrefix: "sign-in",
    initialValues: { email: "", password: "" },
    labels: { email: "E-mail address", password: "Password" },
    request: {
      send: async (body) => {
        const result = await signInWith(body);
        // Clear the refused password for retyping, unless the person has already started retyping it.
        const input = document.getElementById("sign-in-password");
        if (!result.ok && input instanceof HTMLInputElement && input.value === (body as { password: string }).password) {
          form.setValue("password", "");
          input.focus();
        }
        return result;
      },
    },
    onSuccess: () => {
      router.replace(callbackPath);
      router.refresh();
      return "keep-pending";
    },
  });

  return (
    <form className="form" onSubmit={form.handleSubmit} noValidate>
      <FormAlert message={form.alert} />
      <TextField {...form.field("email")} name="email" type="email" autoComplete="username" autoFocus required spellCheck={false} />
      <TextField {...form.field("password")} name="password" type="password" autoComplete="current-password" required />
      <FormActions pending={form.pending} label="Sign in" pendingLabel="Signing in…" size="wide" />
    </form>
  );
}
