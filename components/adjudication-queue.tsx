import Link from "@/components/link";
import { describeScore, formatScore } from "@/lib/codings/scale";
import type { Disagreement } from "@/lib/data/reliability";
import { AdjudicationForm } from "./adjudication-form";
import { formatDay } from "./format";
import verdictStyles from "./verdict.module.css";
import styles from "./adjudication-queue.module.css";
import statementQuoteStyles from "./statement-quote.module.css";

const chartNote = "Charts use the adjudicated value where there is one and the mean of the codings otherwise.";

/** For adjudicators: every disagreement, those still awaiting a final value first (the data layer's order). */
export function AdjudicationQueue({ disagreements }: { disagreements: Disagreement[] }) {
  const awaiting = disagreements.filter((disagreement) => disagreement.adjudication === null).length;
  return (
    <section className="card" aria-labelledby="disagreements-heading">
      <h2 className="card__title" id="disagreements-heading">
        Disagreements
      </h2>
      <p className="card__meta">Statements whose codings toward a target differ by two points or more, or in sign. {chartNote}</p>
      {disagreements.length === 0 ? (
        <div className="empty-state">
          No disagreements: every statement’s codings are within a point of each other and on the same side.
        </div>
      ) : (
        <>
          <p className={styles.count}>
            <strong>{awaiting}</strong> awaiting a final value, <strong>{disagreements.length - awaiting}</strong> settled.
          </p>
          <ol className={styles.disagreements}>
            {disagreements.map((disagreement) => (
              <DisagreementItem key={`${disagreement.statementId}:${disagreement.targetId}`} disagreement={disagreement} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** For adjudicators: codings one point apart, below the queue's bar but worth reading for how coders use the scale. */
export function OnePointDisagreements({ disagreements }: { disagreements: Disagreement[] }) {
  return (
    <section className="card" aria-labelledby="one-point-heading">
      <h2 className="card__title" id="one-point-heading">
        One point apart
      </h2>
      <p className="card__meta">
        Statements whose codings toward a target differ by exactly one point (2 and 3, or 0 and −1). Not queued for adjudication; settle one
        if the difference matters. {chartNote}
      </p>
      {disagreements.length === 0 ? (
        <div className="empty-state">No statement’s codings are one point apart.</div>
      ) : (
        <details>
          <summary>
            {disagreements.length} statement{disagreements.length === 1 ? "" : "s"} one point apart
          </summary>
          <ol className={styles.disagreements}>
            {disagreements.map((disagreement) => (
              <DisagreementItem key={`${disagreement.statementId}:${disagreement.targetId}`} disagreement={disagreement} />
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}

/** Shown instead of the queue to those who may not adjudicate: analysts would otherwise see others' codings before coding. */
export function AdjudicationQueueWithheld() {
  return (
    <section className="card" aria-labelledby="disagreements-heading">
      <h2 className="card__title" id="disagreements-heading">
        Disagreements
      </h2>
      <p className="card__meta">{chartNote}</p>
      <div className="empty-state">
        Disagreements between coders are shown to adjudicators only (administrators, and analysts given the adjudicator right), so that
        nobody sees another coder’s scores before making their own.
      </div>
    </section>
  );
}

function DisagreementItem({ disagreement }: { disagreement: Disagreement }) {
  const { codings, adjudication } = disagreement;
  const mean = codings.reduce((sum, coding) => sum + coding.score, 0) / codings.length;
  const subject = `${disagreement.speakerName} toward ${disagreement.targetName}`;
  const headingId = `disagreement-${disagreement.statementId}-${disagreement.targetId}`;
  return (
    <li className={`${styles.disagreement}${adjudication ? " is-settled" : ""}`} aria-labelledby={headingId}>
      <div className={styles.header}>
        <h3 className={styles.title} id={headingId}>
          {subject}
        </h3>
        <span className={`${verdictStyles.verdict} ${adjudication ? verdictStyles.good : verdictStyles.fair}`}>
          {adjudication ? "Settled" : "Awaiting a final value"}
        </span>
      </div>
      <blockquote className={`${statementQuoteStyles.statementQuote} quote ${styles.quote}`}>“{disagreement.quote}”</blockquote>
      <p className="card__meta">
        Said <time dateTime={disagreement.saidOn}>{formatDay(disagreement.saidOn)}</time> ·{" "}
        <Link href={`/sources/${encodeURIComponent(disagreement.sourceId)}`}>
          Open the source<span className="visually-hidden"> of this statement</span>
        </Link>
      </p>
      <ul className={styles.codings} aria-label={`Codings of ${subject}`}>
        {codings.map((coding, index) => (
          <li key={index} className={styles.coding}>
            <p className={styles.coder}>{coding.coderName}</p>
            <p>
              <strong className="score">{formatScore(coding.score)}</strong> {describeScore(coding.score)}
            </p>
            <p className={`prose ${styles.rationale}`}>{coding.rationale}</p>
          </li>
        ))}
      </ul>
      {!adjudication && (
        <p className={styles.mean}>
          Mean of the codings: <strong className="score">{formatScore(mean, 1)}</strong>; charts use it until a final value is recorded.
        </p>
      )}
      <AdjudicationForm
        statementId={disagreement.statementId}
        targetId={disagreement.targetId}
        subject={subject}
        adjudication={adjudication}
      />
    </li>
  );
}
