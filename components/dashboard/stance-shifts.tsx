import Link from "@/components/link";
import { formatScore } from "@/lib/codings/scale";
import { formatMonth } from "@/lib/dashboard/date-precision";
import { describeShift, formatDate } from "@/lib/dashboard/summary";
import type { StanceShift } from "@/lib/dashboard/types";
import type { TimeUnit } from "@/lib/dashboard/view";
import { statementHref } from "./links";
import styles from "./stance-shifts.module.css";

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/** "95 % interval −3.1 to −0.4", or why there is none. */
function describeInterval(shift: StanceShift): string {
  if (!shift.interval) return "no interval: a side has one statement, or no spread to estimate one from";
  return `95\u00a0% interval ${formatScore(shift.interval.lower, 1)} to ${formatScore(shift.interval.upper, 1)}`;
}

/**
 * The largest changes between consecutive windows, each with the statements
 * behind it and the events in between. Changes resting on fewer statements
 * than the minimum on either side are listed apart, unranked: a mean of one
 * statement moves with every statement.
 */
export function StanceShifts({ shifts, unit, withYear }: { shifts: StanceShift[]; unit: TimeUnit; withYear: boolean }) {
  if (shifts.length === 0)
    return (
      <div className="empty-state">
        No shifts: no speaker’s mean stance toward a target changed between consecutive {unit}s in this view.
      </div>
    );
  const ranked = shifts.filter((shift) => shift.ranked);
  const unranked = shifts.filter((shift) => !shift.ranked);
  const minimum = shifts[0]!.minimumStatements;
  return (
    <>
      {ranked.length === 0 ? (
        <div className="empty-state">No shift rests on at least {minimum} statements on each side, so none is ranked.</div>
      ) : (
        <ShiftList shifts={ranked} unit={unit} withYear={withYear} />
      )}
      {unranked.length > 0 && (
        <details className={styles.unranked} data-testid="unranked-shifts">
          <summary>
            Too few statements to rank: {unranked.length} change{unranked.length === 1 ? "" : "s"} with fewer than {minimum} statements on a
            side
          </summary>
          <ShiftList shifts={unranked} unit={unit} withYear={withYear} />
        </details>
      )}
    </>
  );
}

function ShiftList({ shifts, unit, withYear }: { shifts: StanceShift[]; unit: TimeUnit; withYear: boolean }) {
  return (
    <ol className={styles.shifts}>
      {shifts.map((shift) => {
        const { headline, period } = describeShift(shift, unit, withYear);
        const earlier = shift.statements.filter((statement) => !statement.inLaterBucket);
        const later = shift.statements.filter((statement) => statement.inLaterBucket);
        return (
          <li key={`${shift.speaker.id}-${shift.target.id}-${shift.before.start}`} className={styles.shift}>
            <h3 className={styles.headline}>
              <span className={shift.change < 0 ? styles.directionDown : styles.directionUp} aria-hidden="true">
                {shift.change < 0 ? "▼" : "▲"}
              </span>{" "}
              {headline}
            </h3>
            <p className={styles.period}>
              {period}; {shift.before.statementCount} statement{shift.before.statementCount === 1 ? "" : "s"} before,{" "}
              {shift.after.statementCount} after; {describeInterval(shift)}
            </p>
            {[
              { label: "Before", statements: earlier },
              { label: "After", statements: later },
            ].map(
              (group) =>
                group.statements.length > 0 && (
                  <div key={group.label} className={styles.group}>
                    <h4 className={styles.groupTitle}>{group.label}</h4>
                    <ul className={styles.statements}>
                      {group.statements.map((statement) => (
                        <li key={statement.id}>
                          <span className={styles.statementMeta}>
                            <time dateTime={statement.datePrecision === "MONTH" ? statement.saidOn.slice(0, 7) : statement.saidOn}>
                              {statement.datePrecision === "MONTH" ? formatMonth(statement.saidOn) : formatDate(statement.saidOn, withYear)}
                            </time>{" "}
                            · <span className="score">{formatScore(statement.score, Number.isInteger(statement.score) ? 0 : 1)}</span>
                          </span>{" "}
                          <Link className="quote" href={statementHref(statement.sourceId, statement.id)}>
                            “{truncate(statement.quote, 220)}”
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </div>
                ),
            )}
            <p className={styles.events}>
              {shift.events.length === 0 ? (
                "No recorded events in between."
              ) : (
                <>
                  Events in between:{" "}
                  {shift.events.map((event, index) => (
                    <span key={event.id}>
                      {index > 0 && "; "}
                      <strong>{event.title}</strong> (<time dateTime={event.occurredOn}>{formatDate(event.occurredOn, withYear)}</time>)
                    </span>
                  ))}
                </>
              )}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
