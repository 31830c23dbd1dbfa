import type { StanceCodingView } from "@/lib/data/codings";
import { formatDay } from "./format";
import detailsListStyles from "./details-list.module.css";
import statementQuoteStyles from "./statement-quote.module.css";

/** The coded statement: what was said, by whom, when, and where it was reported. */
export function StatementCard({ statement }: { statement: StanceCodingView["statement"] }) {
  return (
    <section className="card" aria-labelledby="statement-heading">
      <h2 className="card__title" id="statement-heading">
        Statement
      </h2>
      <blockquote className={`${statementQuoteStyles.statementQuote} quote`}>“{statement.quote}”</blockquote>
      <dl className={detailsListStyles.detailsList}>
        <div>
          <dt>Speaker</dt>
          <dd>{statement.speakerName}</dd>
        </div>
        <div>
          <dt>Said on</dt>
          <dd>
            <time dateTime={statement.saidOn}>{formatDay(statement.saidOn)}</time>
          </dd>
        </div>
        <div>
          <dt>Source</dt>
          <dd>{statement.sourceTitle}</dd>
        </div>
      </dl>
    </section>
  );
}
