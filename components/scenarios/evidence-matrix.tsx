"use client";

import Link from "@/components/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatScore } from "@/lib/codings/scale";
import {
  credibilityLabels,
  evidenceCredibilities,
  sortEvidence,
  sortHypotheses,
  type EvidenceCredibility,
  type SortDirection,
} from "@/lib/scenarios/ach";
import type { EvidenceMatrixView, EvidenceRow } from "@/lib/scenarios/types";
import { statementHref } from "../dashboard/links";
import { formatDay, truncate } from "../format";
import { sendJson } from "../json-request";
import { RatingCell } from "./rating-cell";
import ratingStyles from "./rating-cell.module.css";
import { RecordActionButton } from "./record-action-button";
import { describeStanceChange, diagnosticityLabels, formatInconsistency, leastInconsistentScenarioIds } from "./scenario-format";
import { ScenarioStatusBadge } from "./scenario-status-badge";
import styles from "./evidence-matrix.module.css";

type RowSortKey = "diagnosticity" | "date" | "credibility";
type RowSort = { by: RowSortKey; direction: SortDirection } | null;

// The first click puts what matters most on top: the most diagnostic, the newest, the most credible.
const firstDirection: Record<RowSortKey, SortDirection> = { diagnosticity: "descending", date: "descending", credibility: "descending" };

function describeSortOrder({ by, direction }: NonNullable<RowSort>): string {
  if (by === "date") return direction === "ascending" ? "oldest" : "newest";
  return direction === "ascending" ? "lowest" : "highest";
}

/** Short enough for a select's accessible name, long enough to tell rows apart. */
function evidenceName(row: EvidenceRow): string {
  if (row.statement) return `${row.statement.speakerName}’s statement of ${formatDay(row.statement.saidOn)}`;
  if (row.event) return `the event “${row.event.title}”`;
  return "this evidence";
}

function SortHeader({
  label,
  sortKey,
  sort,
  onSort,
  className,
}: {
  label: string;
  sortKey: RowSortKey;
  sort: RowSort;
  onSort: (key: RowSortKey) => void;
  className?: string;
}) {
  const active = sort?.by === sortKey ? sort.direction : null;
  return (
    <th scope="col" aria-sort={active ?? "none"} className={className}>
      <button type="button" className={styles.sortButton} onClick={() => onSort(sortKey)}>
        {label}
        <span aria-hidden="true" className={styles.sortButtonArrow}>
          {active === "ascending" ? "▲" : active === "descending" ? "▼" : "↕"}
        </span>
      </button>
    </th>
  );
}

/** A row's credibility, editable in place: it weighs the row's inconsistency points. */
function CredibilityCell({ row, canEdit }: { row: EvidenceRow; canEdit: boolean }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!canEdit) return <td>{credibilityLabels[row.credibility]}</td>;

  async function change(credibility: EvidenceCredibility) {
    setPending(true);
    setError(null);
    const result = await sendJson<unknown>("PATCH", `/api/evidence/${encodeURIComponent(row.id)}`, { version: row.version, credibility });
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    router.refresh();
  }

  return (
    <td>
      <select
        className={styles.matrixCredibility}
        aria-label={`Credibility of ${evidenceName(row)}`}
        value={row.credibility}
        disabled={pending}
        onChange={(event) => void change(event.target.value as EvidenceCredibility)}
      >
        {evidenceCredibilities.map((credibility) => (
          <option key={credibility} value={credibility}>
            {credibilityLabels[credibility]}
          </option>
        ))}
      </select>
      {error && (
        <span className={ratingStyles.problem} role="alert">
          {error}
        </span>
      )}
    </td>
  );
}

function EvidenceDescription({ row }: { row: EvidenceRow }) {
  return (
    <>
      <p className={styles.matrixEvidenceDate}>{row.date ? <time dateTime={row.date}>{formatDay(row.date)}</time> : "Date unknown"}</p>
      {row.statement ? (
        <p className={styles.matrixEvidenceText}>
          <span className={styles.matrixEvidenceSpeaker}>{row.statement.speakerName}:</span>{" "}
          <Link href={statementHref(row.statement.sourceId, row.statement.id)} className="quote">
            “{truncate(row.statement.quote, 220)}”
          </Link>
        </p>
      ) : row.event ? (
        <p className={styles.matrixEvidenceText}>
          <span className={styles.matrixEvidenceKind}>Event:</span> <strong>{row.event.title}</strong>
          {row.event.description && <span className="cell-meta">{truncate(row.event.description, 200)}</span>}
        </p>
      ) : null}
      {row.statement && row.statement.stance.length > 0 && (
        <p className="cell-meta">
          Coded{" "}
          {row.statement.stance
            .map((stance) => `toward ${stance.targetName} ${formatScore(stance.score, Number.isInteger(stance.score) ? 0 : 1)}`)
            .join(", ")}
        </p>
      )}
      {row.note && <p className="cell-meta">Note: {row.note}</p>}
      {row.recoded.length > 0 && (
        <p className={styles.recodedNotice}>
          <strong>Re-coded since rated:</strong> {row.recoded.map(describeStanceChange).join("; ")}. Check the ratings still hold.
        </p>
      )}
      {row.recodedOutOfSight && (
        <p className={styles.recodedNotice}>
          <strong>Re-coded since rated.</strong> What changed shows once you have coded the statement (blind coding).
        </p>
      )}
      {row.changedWithoutStanceChange && (
        <p className="cell-meta">
          Its codings changed since it was rated, not its stance toward any target. Coders who have not yet coded it are told to look again
          until it is marked reviewed.
        </p>
      )}
    </>
  );
}

/** Outside the row header, so its buttons are not read out as part of the evidence's name. */
function RowActions({ row }: { row: EvidenceRow }) {
  return (
    <td className={styles.actions}>
      {(row.recoded.length > 0 || row.changedWithoutStanceChange) && (
        <RecordActionButton
          method="PATCH"
          url={`/api/evidence/${encodeURIComponent(row.id)}`}
          payload={{ version: row.version, markReviewed: true }}
          label="Mark reviewed"
          pendingLabel="Saving…"
          accessibleLabel={`Mark reviewed: ${evidenceName(row)}`}
        />
      )}
      <RecordActionButton
        method="DELETE"
        url={`/api/evidence/${encodeURIComponent(row.id)}`}
        payload={{ version: row.version }}
        label="Remove"
        pendingLabel="Removing…"
        accessibleLabel={`Remove ${evidenceName(row)} from the matrix`}
        confirmMessage="Remove this evidence from the matrix, with its ratings? An administrator can restore it from History."
        danger
      />
    </td>
  );
}

/**
 * The Analysis of Competing Hypotheses matrix: evidence down, scenarios
 * across, one rating per cell. Rows sort by diagnosticity, date or
 * credibility and columns by inconsistency, here in the browser; the scores
 * themselves come from the server.
 */
export function EvidenceMatrix({ view }: { view: EvidenceMatrixView }) {
  const [rowSort, setRowSort] = useState<RowSort>(null);
  const [columnsByInconsistency, setColumnsByInconsistency] = useState(false);
  const rows = rowSort ? sortEvidence(view.rows, rowSort.by, rowSort.direction) : view.rows;
  const columns = columnsByInconsistency ? sortHypotheses(view.scenarios, "ascending") : view.scenarios;
  const least = leastInconsistentScenarioIds(view.scenarios);

  function sortRows(key: RowSortKey) {
    setRowSort((previous) =>
      previous?.by === key
        ? { by: key, direction: previous.direction === "ascending" ? "descending" : "ascending" }
        : { by: key, direction: firstDirection[key] },
    );
  }

  if (view.scenarios.length === 0) return <p className="muted">This set has no scenarios yet, so there is nothing to rate against.</p>;
  if (view.rows.length === 0) {
    return (
      <div className="empty-state">
        <p>No evidence in this matrix yet{view.canEdit ? ": add a coded statement or an event below." : "."}</p>
      </div>
    );
  }

  return (
    <div>
      <div className={styles.toolbar}>
        <button
          type="button"
          className="button button--small"
          aria-pressed={columnsByInconsistency}
          onClick={() => setColumnsByInconsistency((previous) => !previous)}
        >
          Order scenarios by inconsistency, least first
        </button>
        {rowSort && (
          <button type="button" className="button button--small" onClick={() => setRowSort(null)}>
            Rows in the order added
          </button>
        )}
        <p className={styles.sortStatus} role="status">
          {rowSort ? `Rows sorted by ${rowSort.by}, ${describeSortOrder(rowSort)} first.` : "Rows in the order added."}
          {columnsByInconsistency ? " Scenarios ordered by weighted inconsistency, least first." : ""}
        </p>
      </div>
      <div className="table-scroll" tabIndex={0}>
        <table className={styles.matrixTable} data-cross-table>
          <caption className="visually-hidden">
            Evidence rated against each scenario of “{view.set.title}”. Column headers hold each scenario’s weighted inconsistency.
          </caption>
          <thead>
            <tr>
              {/* The date heads the evidence cell rather than a column of its own, which keeps the matrix narrow enough for a laptop. */}
              <SortHeader label="Evidence, by date" sortKey="date" sort={rowSort} onSort={sortRows} className={styles.evidence} />
              <SortHeader label="Credibility" sortKey="credibility" sort={rowSort} onSort={sortRows} className={styles.narrow} />
              <SortHeader label="Diagnosticity" sortKey="diagnosticity" sort={rowSort} onSort={sortRows} className={styles.narrow} />
              {columns.map((scenario) => (
                <th
                  key={scenario.id}
                  scope="col"
                  className={least.has(scenario.id) ? `${styles.scenario} ${styles.scenarioLeast}` : styles.scenario}
                >
                  <Link href={`/scenarios/${encodeURIComponent(scenario.slug)}`} className={styles.scenarioTitle}>
                    {scenario.title}
                  </Link>
                  {scenario.status !== "OPEN" && <ScenarioStatusBadge status={scenario.status} className={styles.scenarioStatus} />}
                  <span className={styles.score}>
                    Weighted inconsistency <strong>{formatInconsistency(scenario.weightedInconsistency)}</strong>
                  </span>
                  <span className="cell-meta">
                    {formatInconsistency(scenario.inconsistency)} unweighted, {scenario.ratedEvidenceCount}{" "}
                    {scenario.ratedEvidenceCount === 1 ? "item" : "items"} rated
                  </span>
                  {least.has(scenario.id) && (
                    <span className={styles.least}>
                      <span aria-hidden="true">★ </span>Least inconsistent
                    </span>
                  )}
                </th>
              ))}
              {view.canEdit && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row" className={`${styles.evidence} ${styles.matrixEvidence}`}>
                  <EvidenceDescription row={row} />
                </th>
                <CredibilityCell row={row} canEdit={view.canEdit} />
                <td className={styles.diagnosticity}>
                  {diagnosticityLabels[row.diagnosticityLabel]} <span className="score">({row.diagnosticity})</span>
                </td>
                {columns.map((scenario) => (
                  <RatingCell
                    key={scenario.id}
                    evidenceId={row.id}
                    scenarioId={scenario.id}
                    rating={row.ratings[scenario.id] ?? null}
                    version={row.ratingVersions[scenario.id] ?? null}
                    label={`Rating of ${evidenceName(row)} against “${scenario.title}”`}
                    canEdit={view.canEdit}
                  />
                ))}
                {view.canEdit && <RowActions row={row} />}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
