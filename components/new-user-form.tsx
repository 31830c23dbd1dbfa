"use client";

import { choicesOf } from "@/lib/choices";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { UserView } from "@/lib/data/users";
import type { Role } from "@/lib/generated/prisma/enums";
import { FieldRow, FormActions, FormAlert, SelectField, TextField, useSchemaForm } from "./form";
import { roleLabels } from "@/lib/users/schemas";
import styles from "./new-user-form.module.css";

type Created = { user: UserView; oneTimePassword: string };

export function NewUserForm() {
  const router = useRouter();
  const [created, setCreated] = useState<Created | null>(null);
  const [copied, setCopied] = useState(false);
  const form = useSchemaForm<{ email: string; name: string; role: Role }, Created>({
    schema: () => import("@/lib/users/schemas").then((schemas) => schemas.userCreationSchema),
    idPrefix: "new-user",
    initialValues: { email: "", name: "", role: "VIEWER" },
    labels: { email: "E-mail address", name: "Name", role: "Role" },
    toBody: (values) => ({ ...values, email: values.email.trim() }),
    request: { method: "POST", url: "/api/users" },
    onSuccess: (body) => {
      setCreated(body);
      setCopied(false);
      form.reset();
      router.refresh();
    },
  });

  async function copyPassword(password: string) {
    try {
      await navigator.clipboard.writeText(password);
      setCopied(true);
    } catch {
      // Clipboard access can be refused (plain http, permissions); the password stays visible to copy by hand.
      setCopied(false);
    }
  }

  return (
    <>
      {created && (
        <div className={styles.oneTimePassword} role="status">
          <p>
            <strong>Account created for {created.user.name}</strong> ({created.user.email}) as {roleLabels[created.user.role].toLowerCase()}
            .
          </p>
          <p>
            One-time password:{" "}
            <code className={styles.value} data-testid="one-time-password">
              {created.oneTimePassword}
            </code>{" "}
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
      <form className="form new-user-form" onSubmit={form.handleSubmit} noValidate>
        <FormAlert message={form.alert} />
        <FieldRow>
          <TextField {...form.field("email")} type="email" autoComplete="off" spellCheck={false} />
          <TextField {...form.field("name")} autoComplete="off" />
          <SelectField {...form.field("role")} options={choicesOf(roleLabels)} />
        </FieldRow>
        <FormActions pending={form.pending} label="Create user" pendingLabel="Creating…">
          <span className="form__hint">A one-time password is generated; the new user must change it at first sign-in.</span>
        </FormActions>
      </form>
    </>
  );
}
