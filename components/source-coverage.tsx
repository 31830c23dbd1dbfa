"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ActionButton } from "./action-button";
import actionButtonStyles from "./action-button.module.css";
import { formatDateTime } from "./format";
import { sendJson } from "./json-request";
import styles from "./source-coverage.module.css";
import badgeStyles from "./badge.module.css";

type Change = { nothingToCode: boolean } | { blindCoding: boolean };

/**
 * Whether the source is done with, and whether it is coded blind. Analysts
 * mark a source reviewed when it holds nothing to code, so coverage counts
 * it; only administrators switch blind coding, because it protects reliability.
 */
export function SourceCoverage({
  sourceId,
  title,
  statementCount,
  version,
  nothingToCode,
  blindCoding,
  canEdit,
  canAdminister,
}: {
  sourceId: string;
  title: string;
  /** Its live statements, named in the deletion's question. */
  statementCount: number;
  version: number;
  nothingToCode: { at: string; byName: string | null } | null;
  blindCoding: boolean;
  canEdit: boolean;
  canAdminister: boolean;
}) {
  const router = useRouter();
  const [pending, setPending] = useState<"nothingToCode" | "blindCoding" | null>(null);
  const [error, setError] = useState<{ message: string; stale: boolean } | null>(null);
  // Until the refreshed page arrives, `version` is the old one: a second change sent meanwhile would be refused as stale.
  const [refreshing, startRefresh] = useTransition();
  const [deleting, setDeleting] = useState(false);
  const busy = pending !== null || refreshing || deleting;

  async function change(update: Change) {
    const field = "nothingToCode" in update ? "nothingToCode" : "blindCoding";
    setPending(field);
    setError(null);
    const result = await sendJson("PATCH", `/api/sources/${encodeURIComponent(sourceId)}`, { version, ...update });
    setPending(null);
    if (!result.ok) {
      setError({ message: result.error, stale: result.status === 409 });
      return;
    }
    startRefresh(() => router.refresh());
  }

  function switchBlindCoding() {
    // Turning it off shows every analyst the others' codings before they code: ask, since it cannot be undone for those who look.
    if (blindCoding && !window.confirm("Turn blind coding off? Analysts will see each other’s codings of this source before coding it."))
      return;
    void change({ blindCoding: !blindCoding });
  }

  return (
    <section className={`card ${styles.sourceCoverage}`} aria-labelledby="source-coverage-heading">
      <h2 className="visually-hidden" id="source-coverage-heading">
        Coverage
      </h2>
      {error && (
        <div className="alert" role="alert">
          {error.message}
          {error.stale && (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setError(null);
                startRefresh(() => router.refresh());
              }}
            >
              Reload
            </button>
          )}
        </div>
      )}
      <div className={styles.row}>
        <p className={styles.state}>
          {nothingToCode ? (
            <>
              <span className={`${badgeStyles.badge} ${badgeStyles.neutral} ${styles.badge}`}>Nothing to code</span> Reviewed
              {nothingToCode.byName ? ` by ${nothingToCode.byName}` : ""} on{" "}
              <time dateTime={nothingToCode.at} suppressHydrationWarning>
                {formatDateTime(nothingToCode.at)}
              </time>
              .
            </>
          ) : (
            "Not marked as reviewed."
          )}
        </p>
        {canEdit && (
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={() => void change({ nothingToCode: !nothingToCode })}
          >
            {pending === "nothingToCode" ? "Saving…" : nothingToCode ? "Unmark" : "Mark reviewed — nothing to code"}
          </button>
        )}
      </div>
      <div className={styles.row}>
        <p className={styles.state} id="source-blind-coding-state">
          <strong>Blind coding {blindCoding ? "on" : "off"}.</strong>{" "}
          {blindCoding
            ? "Analysts see other coders’ codings of a statement only after coding it themselves, so each first judgement is independent and the agreement figures mean something. Administrators and adjudicators see every coding."
            : "Analysts see every coding of this source, including before they code a statement themselves."}
        </p>
        {canAdminister && (
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            aria-describedby="source-blind-coding-state"
            onClick={switchBlindCoding}
          >
            {pending === "blindCoding" ? "Saving…" : blindCoding ? "Turn blind coding off" : "Turn blind coding on"}
          </button>
        )}
      </div>
      {canEdit && (
        <div className={styles.row}>
          <p className={styles.state} id="source-deletion-state">
            Deleting hides the source, its statements and their codings everywhere until an administrator restores them from History.
          </p>
          <ActionButton
            method="DELETE"
            url={`/api/sources/${encodeURIComponent(sourceId)}`}
            payload={{ version }}
            label="Delete source"
            pendingLabel="Deleting…"
            danger
            confirmMessage={`Delete the source “${title}”${
              statementCount > 0 ? ` and its ${statementCount} statement${statementCount === 1 ? "" : "s"}` : ""
            }? They leave every list and chart; an administrator can restore them from History.`}
            className={actionButtonStyles.stacked}
            errorClassName={actionButtonStyles.error}
            disabled={busy}
            onPendingChange={setDeleting}
            onDone={() => {
              router.push("/sources?deleted=1");
              return "keep-pending";
            }}
          />
        </div>
      )}
    </section>
  );
}
