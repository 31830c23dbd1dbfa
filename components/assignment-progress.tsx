import Link from "@/components/link";
import type { AssignmentProgress } from "@/lib/data/assignments";
import { formatDateTime } from "./format";
import { WithdrawAssignmentButton } from "./withdraw-assignment-button";
import styles from "./assignment-progress.module.css";
import { ScrollingTable, numberColumn } from "./scrolling-table";

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10} %`;
}

function Bar({ done, of, label }: { done: number; of: number; label: string }) {
  return (
    <progress className={styles.bar} value={done} max={Math.max(of, 1)} aria-label={label}>
      {of === 0 ? 100 : Math.round((done / of) * 100)}%
    </progress>
  );
}

export function CoderProgress({ coders }: { coders: AssignmentProgress["coders"] }) {
  return (
    <section className="card" aria-labelledby="coder-progress-heading">
      <h2 className="card__title" id="coder-progress-heading">
        Per coder
      </h2>
      {coders.length === 0 ? (
        <div className="empty-state">Nobody has been assigned statements yet.</div>
      ) : (
        <ScrollingTable
          columns={[
            "Coder",
            numberColumn("Assigned"),
            numberColumn("Coded"),
            numberColumn("Remaining"),
            { heading: "Progress", className: styles.barColumn },
          ]}
          className={styles.table}
          scrollClassName={styles.scroll}
          stackOnPhone
        >
          {coders.map((coder) => (
            <tr key={coder.coderId}>
              <th scope="row" className={styles.name}>
                {coder.coderName}
              </th>
              <td className="number" data-label="Assigned">
                {coder.assigned}
              </td>
              <td className="number" data-label="Coded">
                {coder.coded}
              </td>
              <td className="number" data-label="Remaining">
                {coder.remaining}
              </td>
              <td className={styles.barColumn}>
                <Bar done={coder.coded} of={coder.assigned} label={`${coder.coderName}: ${coder.coded} of ${coder.assigned} coded`} />
              </td>
            </tr>
          ))}
        </ScrollingTable>
      )}
    </section>
  );
}

export function SourceProgress({ sources, mayWithdraw }: { sources: AssignmentProgress["sources"]; mayWithdraw: boolean }) {
  return (
    <section className="card" aria-labelledby="source-progress-heading">
      <h2 className="card__title" id="source-progress-heading">
        Per source
      </h2>
      <p className="card__meta">
        Assigned counts each coder’s share (a double-coded statement counts twice). The overlap is done when both its coders have coded the
        statement or found no stance in it.
      </p>
      {sources.length === 0 ? (
        <div className="empty-state">No source is assigned yet.</div>
      ) : (
        <ul className={styles.sources}>
          {sources.map((source) => (
            <li key={source.draw.id} className={styles.source}>
              <div className={styles.sourceHeader}>
                <Link href={`/sources/${source.draw.sourceId}`} className={styles.sourceTitle}>
                  {source.draw.sourceTitle}
                </Link>
                {mayWithdraw && <WithdrawAssignmentButton drawId={source.draw.id} sourceTitle={source.draw.sourceTitle} />}
              </div>
              <p className={styles.meta}>
                {source.draw.statements} statement{source.draw.statements === 1 ? "" : "s"} ({percent(source.draw.share)} of the source) to{" "}
                {source.draw.coders.map((coder) => coder.name).join(", ")}; overlap {percent(source.draw.overlap)}. Assigned by{" "}
                {source.draw.createdByName}, {formatDateTime(source.draw.createdAt)}. Seed{" "}
                <code className={styles.seed}>{source.draw.seed}</code>
              </p>
              <dl className={styles.figures}>
                <div>
                  <dt>Assigned</dt>
                  <dd>{source.assigned}</dd>
                </div>
                <div>
                  <dt>Coded</dt>
                  <dd>{source.coded}</dd>
                </div>
                <div>
                  <dt>Remaining</dt>
                  <dd>{source.remaining}</dd>
                </div>
                <div>
                  <dt>Double-coded sample done</dt>
                  <dd>
                    {source.overlap.done} of {source.overlap.planned}
                  </dd>
                </div>
              </dl>
              <Bar
                done={source.coded}
                of={source.assigned}
                label={`${source.draw.sourceTitle}: ${source.coded} of ${source.assigned} coded`}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
