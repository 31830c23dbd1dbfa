"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { minimumPasswordLength } from "@/lib/users/schemas";
import { FormActions, FormAlert, TextField, useSchemaForm } from "./form";

/** `isOneTimePassword`: the current password is the one an administrator set, which the person must replace. */
export function PasswordForm({ email, isOneTimePassword }: { email: string; isOneTimePassword: boolean }) {
  const router = useRouter();
  const form = useSchemaForm({
    schema: () => import("@/lib/users/schemas").then((schemas) => schemas.passwordChangeSchema),
    idPrefix: "",
    initialValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
    labels: { currentPassword: "Current password", newPassword: "New password", confirmPassword: "New password again" },
    toBody: ({ currentPassword, newPassword }) => ({ currentPassword, newPassword }),
    check: (values) => ({
      newPassword: values.newPassword && values.newPassword === values.currentPassword ? "must differ from the current one" : undefined,
      confirmPassword: values.confirmPassword !== values.newPassword ? "does not match the new password" : undefined,
    }),
    request: { method: "POST", url: "/api/account/password" },
    onSuccess: () => {
      // The server has revoked every session; drop this browser's cookie too, then sign in afresh.
      void signOut({ redirect: false })
        .catch(() => undefined)
        .then(() => {
          router.replace("/sign-in?message=password-changed");
          router.refresh();
        });
      return "keep-pending";
    },
  });

  return (
    <form className="form" onSubmit={form.handleSubmit} noValidate>
      <FormAlert message={form.alert} />
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        {...form.field("currentPassword")}
        type="password"
        name="currentPassword"
        autoComplete="current-password"
        autoFocus
        hint={isOneTimePassword ? "The one-time password your administrator gave you." : undefined}
      />
      <TextField
        {...form.field("newPassword")}
        type="password"
        name="newPassword"
        autoComplete="new-password"
        minLength={minimumPasswordLength}
        hint={`At least ${minimumPasswordLength} characters. A passphrase of several unrelated words is strong and easy to type.`}
      />
      <TextField {...form.field("confirmPassword")} type="password" name="confirmPassword" autoComplete="new-password" />
      <FormActions pending={form.pending} label="Change password" pendingLabel="Changing password…" />
      <p className="form__hint">Changing your password signs you out on every device; you then sign in with the new one.</p>
    </form>
  );
}
