"use client";

import { valuesOf } from "@/lib/choices";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { UserView } from "@/lib/data/users";
import type { Role } from "@/lib/generated/prisma/enums";
import { sendJson } from "./json-request";
import { roleLabels } from "@/lib/users/schemas";
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
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null);
  const shownRole = chosenRole ?? user.role;
  const selectId = `role-${user.id}`;

  async function update(change: { role: Role } | { disabled: boolean } | { isAdjudicator: boolean }, success: string) {
    setPending(true);
    setMessage(null);
    const result = await sendJson<UserView>("PATCH", `/api/users/${encodeURIComponent(user.id)}`, { version: user.version, ...change });
    setPending(false);
    if (result.ok) {
      setChosenRole(null);
      setMessage({ text: success, isError: false });
    } else {
      setMessage({ text: result.error, isError: true });
    }
    // On success and on a conflict alike, show what is now saved.
    router.refresh();
  }

  async function unlockSignIn() {
    setPending(true);
    setMessage(null);
    const result = await sendJson<UserView>("POST", `/api/users/${encodeURIComponent(user.id)}/unlock`, {});
    setPending(false);
    setMessage(result.ok ? { text: `${user.name} can sign in again.`, isError: false } : { text: result.error, isError: true });
    router.refresh();
  }

  function toggleDisabled() {
    if (
      !user.disabled &&
      !window.confirm(`Disable ${user.name}’s account? They are signed out and cannot sign in until it is enabled again.`)
    )
      return;
    void update({ disabled: !user.disabled }, user.disabled ? `${user.name}’s account is enabled.` : `${user.name}’s account is disabled.`);
  }

  return (
    <>
      <tr className={user.disabled ? "is-disabled" : undefined}>
        <td>
          {user.name}
          {isSelf && <span className="cell-meta">you</span>}
        </td>
        <td>{user.email}</td>
        <td>
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
                if (chosenRole && chosenRole !== user.role)
                  void update({ role: chosenRole }, `${user.name} is now ${roleLabels[chosenRole].toLowerCase()}.`);
              }}
            >
              <label className="visually-hidden" htmlFor={selectId}>
                Role of {user.name}
              </label>
              <select id={selectId} value={shownRole} disabled={pending} onChange={(event) => setChosenRole(event.target.value as Role)}>
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
        <td>
          {user.disabled ? "Disabled" : "Active"}
          {user.mustChangePassword && <span className="cell-meta">must change password</span>}
          {signInLockedUntil && <span className="cell-meta">sign-in locked until {signInLockedUntil}</span>}
        </td>
        <td className="date">{createdAt}</td>
        <td className="nowrap">
          {user.role === "ANALYST" && (
            <button
              type="button"
              className="button button--small"
              disabled={pending}
              aria-pressed={user.isAdjudicator}
              onClick={() =>
                void update(
                  { isAdjudicator: !user.isAdjudicator },
                  user.isAdjudicator ? `${user.name} no longer adjudicates.` : `${user.name} can now settle disagreements between coders.`,
                )
              }
            >
              {user.isAdjudicator ? "Adjudicator ✓" : "Make adjudicator"}
              <span className="visually-hidden"> {user.name}</span>
            </button>
          )}{" "}
          {user.signInLockedUntil && (
            <button type="button" className="button button--small" disabled={pending} onClick={() => void unlockSignIn()}>
              Unlock sign-in
              <span className="visually-hidden"> {user.name}</span>
            </button>
          )}{" "}
          {!isSelf && (
            <button
              type="button"
              className={`button button--small${user.disabled ? "" : " button--danger"}`}
              disabled={pending}
              onClick={toggleDisabled}
            >
              {user.disabled ? "Enable" : "Disable"}
              <span className="visually-hidden"> {user.name}</span>
            </button>
          )}
        </td>
      </tr>
      {message && (
        <tr className="row-message">
          <td colSpan={6}>
            <div className={message.isError ? "alert" : "notice"} role={message.isError ? "alert" : "status"}>
              {message.text}
              <button type="button" className="link-button" onClick={() => setMessage(null)}>
                Dismiss
              </button>
            </div>
          </td>
        </tr>
      )}
    </>
  );
}
