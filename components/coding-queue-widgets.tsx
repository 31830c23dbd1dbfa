"use client";

// The coding queue's presentational pieces: the statement in its source, and
// one target's row (score, conditional, confidence, rationale, or what was saved).

import { valuesOf } from "@/lib/choices";
import Link from "@/components/link";
import { textDirection } from "@/lib/sources/alignment";
import { TranslationPassageBlock } from "./translation-text";
import { useId } from "react";
import { confidenceLabels, maximumRationaleLength } from "@/lib/codings/labels";
import type { QueueItem } from "@/lib/data/codings";
import type { TrackedTarget } from "@/lib/data/stance";
import assignmentStyles from "./coding-queue-assignment.module.css";
import { type RowDraft, type RowErrors, type Settled } from "./coding-queue-drafts";
import { formatDay } from "./format";
import { digitForScore, keyForConfidence } from "./keyboard-shortcuts";
import { scoreWithLabel } from "./score-label";
import { ScorePicker } from "./score-picker";
import styles from "./coding-queue.module.css";
import detailsListStyles from "./details-list.module.css";
import segmentedStyles from "./segmented.module.css";
import checkboxFieldStyles from "./checkbox-field.module.css";

const fieldNames: Record<string, string> = {
  score: "Score",
  isConditional: "Conditional",
  confidence: "Confidence",
  rationale: "Rationale",
  targetId: "Target",
  statementId: "Statement",
};

/**
 * The server cuts the context at a fixed number of characters, usually
 * mid-word; the broken word is dropped (the ellipsis says text goes on). A
 * short context reached the edge of the source, so it is left whole.
 */
function trimBrokenWord(text: string, side: "start" | "end"): string {
  const minimumCutLength = 80;
  if (text.length < minimumCutLength) return text;
  if (side === "start") return /^\S/.test(text) ? text.replace(/^\S+\s*/, "") : text;
  return /\S$/.test(text) ? text.replace(/\s*\S+$/, "") : text;
}

/** The quote where it stands in its source, so the coder reads what comes before and after it. */
export function StatementInContext({ item, position, count }: { item: QueueItem; position: number; count: number }) {
  return (
    <section className="card" aria-labelledby="queue-statement-heading">
      <div className={assignmentStyles.header}>
        <h2 className="card__title" id="queue-statement-heading">
          Statement {position} of {count} left to code
        </h2>
        {item.assigned ? (
          <strong className={assignmentStyles.marker} data-testid="queue-assigned-marker">
            Assigned to you
          </strong>
        ) : (
          <span className="muted">Not assigned: open for any coder</span>
        )}
      </div>
      <p className={`${styles.context} quote`} lang={item.language} dir={textDirection(item.language)}>
        {item.before && <span className={styles.around}>…{trimBrokenWord(item.before, "start")}</span>}
        <mark className={styles.quote} data-testid="queue-quote">
          <span className="visually-hidden">Statement: </span>
          {item.quote}
          <span className="visually-hidden"> (end of statement)</span>
        </mark>
        {item.after && <span className={styles.around}>{trimBrokenWord(item.after, "end")}…</span>}
      </p>
      {item.translation && <TranslationPassageBlock text={item.translation.quote} language={item.translation.language} />}
      <dl className={detailsListStyles.detailsList}>
        <div>
          <dt>Speaker</dt>
          <dd>{item.speakerName}</dd>
        </div>
        <div>
          <dt>Said on</dt>
          <dd>
            <time dateTime={item.saidOn}>{formatDay(item.saidOn)}</time>
          </dd>
        </div>
        <div>
          <dt>Source</dt>
          <dd>
            <Link href={`/sources/${encodeURIComponent(item.source.id)}`}>{item.source.title}</Link>
          </dd>
        </div>
      </dl>
    </section>
  );
}

export function TargetRow({
  statementId,
  target,
  draft,
  settled,
  errors,
  active,
  onActivate,
  onChange,
}: {
  statementId: string;
  target: TrackedTarget;
  draft: RowDraft;
  settled: Settled | undefined;
  errors: RowErrors;
  active: boolean;
  onActivate: () => void;
  onChange: (patch: Partial<RowDraft>) => void;
}) {
  const id = useId();
  const scoreName = `score-${statementId}-${target.id}`;
  const otherErrors = Object.entries(errors).filter(([field]) => field !== "rationale");
  const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(" ") || undefined;

  return (
    <section
      className={`${styles.codingRow}${active ? " is-active" : ""}${settled ? " is-settled" : ""}`}
      data-target-id={target.id}
      tabIndex={-1}
      aria-labelledby={`${id}-title`}
      onFocus={onActivate}
    >
      <div className={styles.codingRowHeader}>
        <h3 className={styles.codingRowTitle} id={`${id}-title`}>
          Toward {target.name}
        </h3>
        <span className={styles.codingRowSummary}>
          {settled ? "Saved" : draft.score === null ? "Not addressed" : scoreWithLabel(draft.score)}
          {active && !settled && <span className={styles.codingRowActive}>keys apply here</span>}
        </span>
      </div>

      {settled ? (
        <p className={styles.codingRowSettled}>
          {settled.kind === "saved" ? (
            <>
              Saved: {scoreWithLabel(settled.values.score!)}
              {settled.values.isConditional ? ", conditional" : ""}, {confidenceLabels[settled.values.confidence].toLowerCase()} confidence.{" "}
              {settled.codingId && <Link href={`/codings/${encodeURIComponent(settled.codingId)}`}>Open the coding</Link>}
            </>
          ) : (
            <>
              {settled.message} <Link href="/codings">Go to Codings</Link>
            </>
          )}
        </p>
      ) : (
        <>
          <ScorePicker
            id={`${id}-score`}
            name={scoreName}
            legend={`Score toward ${target.name}`}
            legendHidden
            value={draft.score}
            onChange={(score) => onChange({ score })}
            notAddressed={{ label: "Not addressed", shortcut: "N", onChoose: () => onChange({ score: null }) }}
            shortcutFor={digitForScore}
            describedBy={otherErrors.length > 0 ? `${id}-errors` : undefined}
          />

          {otherErrors.length > 0 && (
            <div id={`${id}-errors`}>
              {otherErrors.map(([field, message]) => (
                <p key={field} className="field__error">
                  {fieldNames[field] ?? field}: {message}
                </p>
              ))}
            </div>
          )}

          {draft.score !== null && (
            <div className={styles.codingRowDetails}>
              <div className={styles.codingRowOptions}>
                <div className="field">
                  <div className={checkboxFieldStyles.checkboxField}>
                    <input
                      id={`${id}-conditional`}
                      type="checkbox"
                      checked={draft.isConditional}
                      onChange={(event) => onChange({ isConditional: event.target.checked })}
                      aria-describedby={`${id}-conditional-hint`}
                    />
                    <label htmlFor={`${id}-conditional`}>
                      Conditional{" "}
                      <kbd className="key key--hint" aria-hidden="true">
                        C
                      </kbd>
                    </label>
                  </div>
                  <p className="field__hint" id={`${id}-conditional-hint`}>
                    Holds only if a condition the speaker named is met.
                  </p>
                </div>
                <fieldset className="field">
                  <legend className="field__label">Confidence</legend>
                  <div className={segmentedStyles.segmented}>
                    {valuesOf(confidenceLabels).map((confidence) => (
                      <label key={confidence} className={segmentedStyles.option}>
                        <input
                          type="radio"
                          name={`confidence-${statementId}-${target.id}`}
                          value={confidence}
                          checked={draft.confidence === confidence}
                          onChange={() => onChange({ confidence })}
                        />
                        {confidenceLabels[confidence]}{" "}
                        <kbd className="key key--hint" aria-hidden="true">
                          {keyForConfidence(confidence)}
                        </kbd>
                      </label>
                    ))}
                  </div>
                </fieldset>
              </div>
              <div className="field">
                <label className="field__label" htmlFor={`${id}-rationale`}>
                  Rationale{" "}
                  <kbd className="key key--hint" aria-hidden="true">
                    R
                  </kbd>
                </label>
                <textarea
                  id={`${id}-rationale`}
                  rows={3}
                  maxLength={maximumRationaleLength}
                  value={draft.rationale}
                  onChange={(event) => onChange({ rationale: event.target.value })}
                  aria-invalid={errors.rationale ? true : undefined}
                  aria-describedby={describedBy(`${id}-rationale-hint`, errors.rationale && `${id}-rationale-error`)}
                  aria-keyshortcuts="Control+Enter"
                />
                <p className="field__hint" id={`${id}-rationale-hint`}>
                  Required: the words that carry the stance toward {target.name}. Ctrl+Enter saves; Escape goes back to the scores.
                </p>
                {errors.rationale && (
                  <p className="field__error" id={`${id}-rationale-error`}>
                    Rationale: {errors.rationale}
                  </p>
                )}
              </div>
            </div>
          )}
        </>
      )}
    </section>
  );
}
