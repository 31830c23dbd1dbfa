"use client";

import { valuesOf } from "@/lib/choices";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { UserView } from "@/lib/data/users";
import type { Role } from "@/lib/generated/prisma/enums";
import { sendJson } from "./json-request";
import { roleLabels } from "@/lib/users/schemas";
import { ActionButton } from "./action-button";
import { RowMessage, type RowMessageContent } from "./row-message";
import styles from "./inline-form.module.css";

/**
 * One account with its role and enabled state. Each change is sent with the
 * version this row shows, so a stale page is refused instead of overwriting a
 * newer change; the page then refreshes to show what is saved.
 */
export function UserRow({
  user,
  isSelf,
  createdAt,
  signInLockedUntil,
}: {
  user: UserView;
  isSelf: boolean;
  createdAt: string;
  /** The time of day the lock ends (UTC), formatted on the server; null when not locked. */
  signInLockedUntil: string | null;
}) {
  const router = useRouter();
  // Null while the select shows the saved role.
  const [chosenRole, setChosenRole] = useState<Role | null>(null);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<RowMessageContent | null>(null);
  const shownRole = chosenRole ?? user.role;
  const selectId = `role-${user.id}`;

  // What every button of the row does after its request: say so on the row's
  // message line and, on success and refusal alike (a stale version), show what is now saved.
  const userUrl = `/api/users/${encodeURIComponent(user.id)}`;
  const said = (text: string, isError: boolean) => {
    setMessage({ text, isError });
    router.refresh();
  };
  const refused = (text: string) => said(text, true);

  async function saveRole(role: Role) {
    setPending(true);
    const result = await sendJson<UserView>("PATCH", userUrl, { version: user.version, role });
    setPending(false);
    if (result.ok) setChosenRole(null);
    said(result.ok ? `${user.name} is now ${roleLabels[role].toLowerCase()}.` : result.error, !result.ok);
  }

  return (
    <>
      <tr className={user.disabled ? "is-disabled" : undefined}>
        <td>
          {user.name}
          {isSelf && <span className="cell-meta">you</span>}
        </td>
        <td data-label="E-mail">{user.email}</td>
        <td data-label="Role">
          {isSelf ? (
            // The server refuses to demote or disable the acting admin; offering it would only produce an error.
            <>
              {roleLabels[user.role]}
              <span className="cell-meta">Another administrator can change your role.</span>
            </>
          ) : (
            <form
              className={styles.inlineForm}
              onSubmit={(event) => {
                event.preventDefault();
                if (chosenRole && chosenRole !== user.role) void saveRole(chosenRole);
              }}
            >
              <label className="visually-hidden" htmlFor={selectId}>
                Role of {user.name}
              </label>
              <select
                id={selectId}
                className={styles.select}
                value={shownRole}
                disabled={pending}
                onChange={(event) => setChosenRole(event.target.value as Role)}
              >
                {valuesOf(roleLabels).map((role) => (
                  <option key={role} value={role}>
                    {roleLabels[role]}
                  </option>
                ))}
              </select>
              {shownRole !== user.role && (
                <button type="submit" className="button button--small button--primary" disabled={pending}>
                  Save role
                </button>
              )}
            </form>
          )}
        </td>
        <td data-label="Status">
          {user.disabled ? "Disabled" : "Active"}
          {user.mustChangePassword && <span className="cell-meta">must change password</span>}
          {signInLockedUntil && <span className="cell-meta">sign-in locked until {signInLockedUntil}</span>}
        </td>
        <td className="date" data-label="Created">
          {createdAt}
        </td>
        <td className="nowrap">
          {user.role === "ANALYST" && (
            <ActionButton
              method="PATCH"
              url={userUrl}
              payload={{ version: user.version, isAdjudicator: !user.isAdjudicator }}
              label={user.isAdjudicator ? "Adjudicator ✓" : "Make adjudicator"}
              pendingLabel="Saving…"
              accessibleLabel={`${user.isAdjudicator ? "Adjudicator ✓" : "Make adjudicator"} ${user.name}`}
              pressed={user.isAdjudicator}
              onDone={() =>
                said(
                  user.isAdjudicator ? `${user.name} no longer adjudicates.` : `${user.name} can now settle disagreements between coders.`,
                  false,
                )
              }
              onRefused={refused}
            />
          )}{" "}
          {user.signInLockedUntil && (
            <ActionButton
              method="POST"
              url={`${userUrl}/unlock`}
              payload={{}}
              label="Unlock sign-in"
              pendingLabel="Unlocking…"
              accessibleLabel={`Unlock sign-in ${user.name}`}
              onDone={() => said(`${user.name} can sign in again.`, false)}
              onRefused={refused}
            />
          )}{" "}
          {!isSelf && (
            <ActionButton
              method="PATCH"
              url={userUrl}
              payload={{ version: user.version, disabled: !user.disabled }}
              label={user.disabled ? "Enable" : "Disable"}
              pendingLabel={user.disabled ? "Enabling…" : "Disabling…"}
              accessibleLabel={`${user.disabled ? "Enable" : "Disable"} ${user.name}`}
              danger={!user.disabled}
              confirmMessage={
                user.disabled
                  ? undefined
                  : `Disable ${user.name}’s account? They are signed out and cannot sign in until it is enabled again.`
              }
              onDone={() => said(user.disabled ? `${user.name}’s account is enabled.` : `${user.name}’s account is disabled.`, false)}
              onRefused={refused}
            />
          )}
        </td>
      </tr>
      <RowMessage message={message} columnCount={6} onDismiss={() => setMessage(null)} />
    </>
  );
}
