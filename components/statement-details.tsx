import Link from "@/components/link";
import { confidenceLabels } from "@/lib/codings/labels";
import type { StatementInSource } from "@/lib/data/sources";
import type { TrackedTarget } from "@/lib/data/stance";
import { channelLabels, statementFormLabels } from "@/lib/statements/schemas";
import { formatSaidOn } from "./format";
import { scoreWithLabel } from "./score-label";
import type { ActorChoice } from "./actor-search-picker";
import { OtherTargetCoding } from "./other-target-coding";
import { StatementCodingForm } from "./statement-coding-form";
import panelStyles from "./source-panel.module.css";
import styles from "./statement-details.module.css";
import quickCodingStyles from "./statement-coding-form.module.css";
import statementQuoteStyles from "./statement-quote.module.css";
import { TranslationPassageBlock } from "./translation-text";
import { textDirection } from "@/lib/sources/alignment";

// Kept here for the components that import it with the statement's details; it lives in ./format, which server components can import.
export { formatSaidOn };

/** One statement of the source, in the side panel under its heading: who said what, and every coding the reader may see. */
export function StatementDetails({
  statement,
  languages = { original: "en", translation: null },
  userId,
  canEdit,
  targets,
  actors = [],
  onCorrect,
}: {
  statement: StatementInSource;
  /** The source's language and its translation's, for the quotes' lang and direction. */
  languages?: { original: string; translation: string | null };
  userId: string;
  canEdit: boolean;
  targets: TrackedTarget[];
  /** Every actor, for coding toward one that is not tracked. */
  actors?: ActorChoice[];
  /** Opens the correction form in the panel's place. */
  onCorrect?: () => void;
}) {
  const mine = new Map(statement.codings.filter((coding) => coding.coderId === userId).map((coding) => [coding.targetId, coding]));
  // A stance is always toward someone else: the speaker is never a target of their own statement.
  const codeable = targets.filter((target) => target.id !== statement.speaker.id);
  const hidden = statement.hiddenCodingCount;
  const tracked = new Set(targets.map((target) => target.id));
  // The coder's own codings toward actors that are not tracked: shown as done, like the tracked rows.
  const ownOther = [...mine.values()].filter((coding) => !tracked.has(coding.targetId));

  return (
    <>
      <p className="card__meta">
        Said <time dateTime={statement.saidOn}>{formatSaidOn(statement.saidOn, statement.saidOnPrecision)}</time> ·{" "}
        {statementFormLabels[statement.form]} · {channelLabels[statement.channel]}
      </p>
      <blockquote
        className={`${statementQuoteStyles.statementQuote} quote ${panelStyles.quote}`}
        lang={languages.original}
        dir={textDirection(languages.original)}
        data-testid="statement-quote"
      >
        “{statement.quote}”
      </blockquote>
      {statement.translation && <TranslationPassageBlock text={statement.translation.quote} language={languages.translation ?? "en"} />}
      {canEdit && onCorrect && (
        <p>
          <button type="button" className="button button--small" onClick={onCorrect}>
            Correct this statement…
          </button>
        </p>
      )}

      <section className={panelStyles.section} aria-labelledby="statement-codings-heading">
        <h3 className={panelStyles.heading} id="statement-codings-heading">
          Codings{statement.codings.length > 0 ? ` (${statement.codings.length})` : ""}
        </h3>
        {hidden > 0 && (
          <p className="notice">
            {hidden} coding{hidden === 1 ? "" : "s"} hidden until you code this statement. This source is coded blind, so your first
            judgement is your own.
          </p>
        )}
        {statement.codings.length === 0 ? (
          hidden === 0 && <p className="muted">Not coded yet.</p>
        ) : (
          <ul className={styles.statementCodings}>
            {statement.codings.map((coding) => (
              <li key={coding.id}>
                <p className={styles.score}>
                  <strong className="score">{scoreWithLabel(coding.score)}</strong> toward {coding.targetName}
                </p>
                <p className="cell-meta">
                  {coding.coderName}
                  {coding.coderId === userId && " (you)"} · {confidenceLabels[coding.confidence]} confidence ·{" "}
                  {coding.isConditional ? "conditional" : "unconditional"} ·{" "}
                  <Link href={`/codings/${encodeURIComponent(coding.id)}`}>
                    {coding.coderId === userId ? "Edit" : "Open"}
                    <span className="visually-hidden">
                      {" "}
                      {coding.coderName}’s coding toward {coding.targetName}
                    </span>
                  </Link>
                </p>
                <p className={`prose ${styles.rationale}`}>{coding.rationale}</p>
                {coding.statementChangedAt && (
                  <p className="notice">
                    The statement’s words or speaker were corrected after this coding was saved
                    {coding.coderId === userId ? ": open it, check the score still fits, and save it to confirm." : "."}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      {statement.adjudications.length > 0 && (
        <section className={panelStyles.section} aria-labelledby="statement-adjudications-heading">
          <h3 className={panelStyles.heading} id="statement-adjudications-heading">
            Adjudicated
          </h3>
          <ul className={styles.statementCodings}>
            {statement.adjudications.map((adjudication) => (
              <li key={adjudication.targetId}>
                <p className={styles.score}>
                  <strong className="score">{scoreWithLabel(adjudication.score)}</strong> toward {adjudication.targetName}
                </p>
                <p className="cell-meta">Settled by {adjudication.adjudicatorName}</p>
                <p className={`prose ${styles.rationale}`}>{adjudication.rationale}</p>
              </li>
            ))}
          </ul>
        </section>
      )}

      {canEdit && (
        <section className={panelStyles.section} aria-labelledby="statement-code-heading">
          <h3 className={panelStyles.heading} id="statement-code-heading">
            Code this statement
          </h3>
          <p className="muted">
            <Link href="/codebook" target="_blank">
              Codebook<span className="visually-hidden"> (opens in a new tab)</span>
            </Link>
          </p>
          {codeable.length === 0 ? (
            <p className="muted">No tracked targets yet (an administrator marks them under Actors); code toward any actor below.</p>
          ) : (
            <div className="stack stack--tight">
              {codeable.map((target) => {
                const own = mine.get(target.id);
                return own ? (
                  <p key={target.id} className={`${quickCodingStyles.quickCoding} ${quickCodingStyles.done}`}>
                    You coded it <strong className="score">{scoreWithLabel(own.score)}</strong> toward {target.name}.{" "}
                    <Link href={`/codings/${encodeURIComponent(own.id)}`}>
                      Edit<span className="visually-hidden"> your coding toward {target.name}</span>
                    </Link>
                  </p>
                ) : (
                  <StatementCodingForm key={target.id} statementId={statement.id} target={target} />
                );
              })}
            </div>
          )}
          {ownOther.map((own) => (
            <p key={own.targetId} className={`${quickCodingStyles.quickCoding} ${quickCodingStyles.done}`}>
              You coded it <strong className="score">{scoreWithLabel(own.score)}</strong> toward {own.targetName}.{" "}
              <Link href={`/codings/${encodeURIComponent(own.id)}`}>
                Edit<span className="visually-hidden"> your coding toward {own.targetName}</span>
              </Link>
            </p>
          ))}
          {actors.length > 0 && (
            <OtherTargetCoding
              statementId={statement.id}
              actors={actors}
              exclude={[statement.speaker.id, ...tracked, ...ownOther.map((coding) => coding.targetId)]}
            />
          )}
        </section>
      )}
    </>
  );
}
