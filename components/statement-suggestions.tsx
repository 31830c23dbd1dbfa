import { statementFormLabels, channelLabels } from "@/lib/statements/schemas";
import type { StatementSuggestion } from "@/lib/suggestions/extract-statements";
import { truncate } from "./format";
import styles from "./statement-suggestions.module.css";

/** A suggestion's identity: the source text never changes, so its span does not either. */
export function suggestionKey(suggestion: Pick<StatementSuggestion, "startOffset" | "endOffset">): string {
  return `${suggestion.startOffset}-${suggestion.endOffset}`;
}

/** "she" left unresolved because two people could be meant: there is no name to create an actor from. */
function isUnresolvedPronoun(suggestion: StatementSuggestion): boolean {
  return suggestion.speakerId === null && /^(?:he|she|it)$/i.test(suggestion.speakerText.trim());
}

/** Candidate statements found in the text, each to accept (as a prefilled new statement) or dismiss. */
export function StatementSuggestions({
  suggestions,
  dismissedCount,
  actorNames,
  shownKey,
  onShow,
  onAccept,
  onDismiss,
  onRestore,
}: {
  suggestions: StatementSuggestion[];
  dismissedCount: number;
  actorNames: Map<string, string>;
  /** The suggestion highlighted in the text, if any. */
  shownKey: string | null;
  onShow: (suggestion: StatementSuggestion) => void;
  onAccept: (suggestion: StatementSuggestion) => void;
  onDismiss: (suggestion: StatementSuggestion) => void;
  onRestore: () => void;
}) {
  return (
    <>
      <p className="card__meta">
        Passages that look like statements and that no statement covers yet. A suggestion is never coded by itself: accept it to make it a
        statement.
      </p>
      {suggestions.length === 0 ? (
        <p className="muted">{dismissedCount > 0 ? "No suggestions left." : "No suggestions for this text."}</p>
      ) : (
        <ul className={styles.suggestionList}>
          {suggestions.map((suggestion) => {
            const key = suggestionKey(suggestion);
            const actorName = suggestion.speakerId ? actorNames.get(suggestion.speakerId) : undefined;
            return (
              <li key={key} className={key === shownKey ? `${styles.suggestion} ${styles.shown}` : styles.suggestion}>
                <button
                  type="button"
                  className={`${styles.quote} quote`}
                  onClick={() => onShow(suggestion)}
                  aria-pressed={key === shownKey}
                  title="Show it in the text"
                >
                  “{truncate(suggestion.quote, 160)}”
                </button>
                <p className="cell-meta">
                  {suggestion.speakerText ? <>“{truncate(suggestion.speakerText, 60)}” → </> : null}
                  {actorName ? (
                    <strong>{actorName}</strong>
                  ) : isUnresolvedPronoun(suggestion) ? (
                    <em>unclear who — pick the speaker</em>
                  ) : (
                    <em>unknown — create</em>
                  )}{" "}
                  · {statementFormLabels[suggestion.form]}
                  {suggestion.channel ? ` · ${channelLabels[suggestion.channel]}` : ""}
                  {suggestion.cue ? ` · cue “${suggestion.cue}”` : ""}
                </p>
                <div className={styles.actions}>
                  <button type="button" className="button button--small button--primary" onClick={() => onAccept(suggestion)}>
                    Accept<span className="visually-hidden"> the suggestion “{truncate(suggestion.quote, 60)}”</span>
                  </button>
                  <button type="button" className="button button--small" onClick={() => onDismiss(suggestion)}>
                    Dismiss<span className="visually-hidden"> the suggestion “{truncate(suggestion.quote, 60)}”</span>
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {dismissedCount > 0 && (
        <p className="form__hint">
          {dismissedCount} dismissed in this browser.
          <button type="button" className="link-button" onClick={onRestore}>
            Show them again
          </button>
        </p>
      )}
    </>
  );
}
