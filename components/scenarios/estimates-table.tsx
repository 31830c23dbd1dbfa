import Link from "@/components/link";
import type { EstimateView } from "@/lib/scenarios/types";
import { statementHref } from "../dashboard/links";
import { analystHref } from "../track-record/links";
import { formatDay, truncate } from "../format";
import { RecordActionButton } from "./record-action-button";
import { formatProbability } from "./scenario-format";
import styles from "./estimates-table.module.css";
import { ScrollingTable, actionsColumn, numberColumn } from "../scrolling-table";

/** Every estimate, newest first, with what moved it; analysts may withdraw their own of today (older ones are the record). */
export function EstimatesTable({ estimates, canEdit }: { estimates: EstimateView[]; canEdit: boolean }) {
  if (estimates.length === 0) return <p className="muted">No estimates yet.</p>;
  const newestFirst = estimates.toSorted(
    (a, b) => b.estimatedOn.localeCompare(a.estimatedOn) || a.analystName.localeCompare(b.analystName, "en"),
  );
  const unscored = estimates.some((estimate) => !estimate.scored);
  return (
    <>
      <ScrollingTable
        columns={["Date", "Analyst", numberColumn("Probability"), "Rationale", "Moved by", canEdit && actionsColumn]}
        className={styles.estimatesTable}
        stackOnPhone
      >
        {newestFirst.map((estimate) => (
          <tr key={estimate.id}>
            <td className="date" data-label="Date">
              <time dateTime={estimate.estimatedOn}>{formatDay(estimate.estimatedOn)}</time>
              {estimate.informationAsOf && estimate.informationAsOf !== estimate.estimatedOn && (
                <span className="muted">
                  {" "}
                  (information as of <time dateTime={estimate.informationAsOf}>{formatDay(estimate.informationAsOf)}</time>)
                </span>
              )}
              {!estimate.scored && <span className="muted"> · not scored</span>}
            </td>
            <td data-label="Analyst">
              <Link href={analystHref(estimate.analystId)}>{estimate.analystName}</Link>
            </td>
            <td className="number" data-label="Probability">
              {formatProbability(estimate.probability)}
            </td>
            {/* Unlabelled: across the whole card on a phone, as a quote is in the other lists. */}
            <td className={`prose ${styles.rationale}`}>{estimate.rationale}</td>
            <td className={styles.moved} data-label="Moved by">
              {estimate.movedByStatements.length === 0 && estimate.movedByEvents.length === 0 ? (
                <span className="muted">—</span>
              ) : (
                <ul className={styles.movedBy}>
                  {estimate.movedByStatements.map((statement) => (
                    <li key={statement.id}>
                      {statement.speakerName}:{" "}
                      <Link href={statementHref(statement.sourceId, statement.id)} className="quote">
                        “{truncate(statement.quote, 90)}”
                      </Link>
                    </li>
                  ))}
                  {estimate.movedByEvents.map((event) => (
                    <li key={event.id}>
                      Event: {event.title} <span className="muted">({formatDay(event.occurredOn)})</span>
                    </li>
                  ))}
                </ul>
              )}
            </td>
            {canEdit && (
              <td>
                {estimate.canWithdraw && (
                  <RecordActionButton
                    method="DELETE"
                    url={`/api/estimates/${encodeURIComponent(estimate.id)}`}
                    payload={{ version: estimate.version }}
                    label="Withdraw"
                    pendingLabel="Withdrawing…"
                    accessibleLabel={`Withdraw your estimate of ${formatDay(estimate.estimatedOn)}`}
                    confirmMessage={`Withdraw your estimate of ${formatProbability(estimate.probability)} on ${formatDay(estimate.estimatedOn)}? It leaves the chart and the scores; an administrator can restore it from History.`}
                    danger
                  />
                )}
              </td>
            )}
          </tr>
        ))}
      </ScrollingTable>
      {unscored && (
        <p className="muted">
          Not scored: recorded after the scenario was first resolved, when its answer was known, so it counts in no score however the
          scenario is resolved again.
        </p>
      )}
    </>
  );
}
