"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { StatementInSource } from "@/lib/data/sources";
import type { TrackedTarget } from "@/lib/data/stance";
import { alignTexts, translationPassageFor } from "@/lib/sources/alignment";
import { languageName } from "@/lib/sources/languages";
import type { TextSpan } from "@/lib/sources/offsets";
import type { StatementSuggestion } from "@/lib/suggestions/extract-statements";
import { truncate } from "./format";
import { segmentText, selectedSpan, SourceText, type TextSegment } from "./source-text";
import { StatementCorrectionForm } from "./statement-correction-form";
import { StatementCreationForm, type StatementPrefill } from "./statement-creation-form";
import { formatSaidOn, StatementDetails } from "./statement-details";
import type { SpeakerChoice } from "./statement-speaker-picker";
import { StatementSuggestions, suggestionKey } from "./statement-suggestions";
import { TranslationText } from "./translation-text";
import parallelStyles from "./parallel-text.module.css";
import panelStyles from "./source-panel.module.css";
import styles from "./source-workspace.module.css";

export type WorkspaceSource = {
  id: string;
  text: string;
  language: string;
  publishedOn: string;
  /** A translation for reading beside the text, and its language; null when there is none (docs/decisions/0032). */
  translation: string | null;
  translationLanguage: string | null;
};

/** `translationSpan`: the passage of the translation chosen by hand; null while the aligned one is used. */
type Draft = { key: number; span: TextSpan | null; prefill: StatementPrefill; translationSpan: TextSpan | null };

const emptyPrefill: StatementPrefill = { speakerId: null, speakerText: "", form: null, channel: null };

// Dismissed suggestions are not stored on the server (a suggestion is recomputed
// from the text on every visit and has no record to mark), so each browser keeps
// its own list in localStorage, per source, keyed by the suggestion's span.
const dismissalEvent = "stancewatch:dismissed-suggestions";
const dismissalKey = (sourceId: string) => `stancewatch:dismissed-suggestions:${sourceId}`;

function subscribeToDismissals(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(dismissalEvent, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(dismissalEvent, onChange);
  };
}

function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    // Storage can be switched off (some private modes): nothing is dismissed then.
    return null;
  }
}

function writeDismissals(sourceId: string, keys: string[]) {
  try {
    if (keys.length === 0) window.localStorage.removeItem(dismissalKey(sourceId));
    else window.localStorage.setItem(dismissalKey(sourceId), JSON.stringify(keys));
  } catch {
    // As above: dismissing then only lasts until the page is reloaded, which is acceptable.
  }
  window.dispatchEvent(new Event(dismissalEvent));
}

function parseDismissals(raw: string | null): string[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

function prefersReducedMotion(): boolean {
  return window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/**
 * Below the two-column breakpoint (the same width as in source-workspace.module.css) the panel
 * is a sheet over the lower part of the screen: words chosen there would end up
 * under it, so they are scrolled up into the part left visible.
 */
function revealAboveSheet(container: HTMLElement | null, offset: number) {
  requestAnimationFrame(() => {
    if (!container || !window.matchMedia("(max-width: 999px)").matches) return;
    const element = container.querySelector(`[data-offset="${offset}"]`);
    if (!element) return;
    const top = element.getBoundingClientRect().top;
    if (top > window.innerHeight * 0.4 || top < 0) {
      window.scrollBy({ top: top - window.innerHeight * 0.15, behavior: prefersReducedMotion() ? "auto" : "smooth" });
    }
  });
}

/**
 * The source's text with its statements, and the side panel that shows one
 * statement or the new statement being made. One client component because the
 * text and the panel share the selection.
 */
export function SourceWorkspace({
  source,
  statements,
  userId,
  canEdit,
  speakers,
  targets,
  suggestions,
}: {
  source: WorkspaceSource;
  statements: StatementInSource[];
  userId: string;
  canEdit: boolean;
  speakers: SpeakerChoice[];
  targets: TrackedTarget[];
  suggestions: StatementSuggestion[];
}) {
  const router = useRouter();
  const textRef = useRef<HTMLDivElement>(null);
  const translationRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const nextDraftKey = useRef(1);
  // Work for after the next render, once the text has been re-cut at the new boundaries.
  const pendingScroll = useRef<number | null>(null);
  const pendingFocus = useRef(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [view, setView] = useState<"statement" | "draft" | "correction" | null>(null);
  // The span chosen for the statement being corrected: selecting words in the text moves it.
  const [correctionSpan, setCorrectionSpan] = useState<TextSpan | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [shownKey, setShownKey] = useState<string | null>(null);
  const [status, setStatus] = useState("");

  const rawDismissals = useSyncExternalStore(
    subscribeToDismissals,
    () => readStorage(dismissalKey(source.id)),
    () => null,
  );
  const dismissed = useMemo(() => parseDismissals(rawDismissals), [rawDismissals]);
  const openSuggestions = suggestions.filter((suggestion) => !dismissed.includes(suggestionKey(suggestion)));
  const dismissedCount = suggestions.length - openSuggestions.length;
  const shownSuggestion = openSuggestions.find((suggestion) => suggestionKey(suggestion) === shownKey) ?? null;
  const actorChoices = useMemo(
    () => speakers.map((speaker) => ({ id: speaker.id, name: speaker.name, detail: speaker.office ?? speaker.speaksForName })),
    [speakers],
  );
  const actorNames = useMemo(() => new Map(speakers.map((speaker) => [speaker.id, speaker.name])), [speakers]);

  const selected = statements.find((statement) => statement.id === selectedId) ?? null;
  const translation = source.translation !== null ? { text: source.translation, language: source.translationLanguage ?? "en" } : null;
  // Aligned once per source, in the browser: the same module the server aligns with when none is chosen.
  const alignment = useMemo(
    () =>
      source.translation === null
        ? null
        : alignTexts(
            { text: source.text, language: source.language },
            { text: source.translation, language: source.translationLanguage ?? "en" },
          ),
    [source.text, source.language, source.translation, source.translationLanguage],
  );
  const alignedFor = (span: TextSpan | null) => (alignment && span ? translationPassageFor(alignment, span) : null);
  // The passage marked in the translation: the new statement's (chosen by hand, else aligned), or the open statement's as stored.
  const segments = useMemo(
    () =>
      segmentText(
        source.text.length,
        statements,
        shownSuggestion,
        view === "draft" ? (draft?.span ?? null) : view === "correction" ? correctionSpan : null,
      ),
    [source.text.length, statements, shownSuggestion, view, draft, correctionSpan],
  );
  const shownPassage: { span: TextSpan | null; adjusted: boolean } =
    view === "draft" && draft
      ? { span: draft.translationSpan ?? alignedFor(draft.span), adjusted: draft.translationSpan !== null }
      : view === "correction" && correctionSpan
        ? { span: alignedFor(correctionSpan), adjusted: false }
        : view === "statement" && selected
          ? { span: selected.translation, adjusted: false }
          : {
              span: shownSuggestion ? alignedFor({ startOffset: shownSuggestion.startOffset, endOffset: shownSuggestion.endOffset }) : null,
              adjusted: false,
            };

  useEffect(() => {
    if (pendingScroll.current !== null) {
      const target = textRef.current?.querySelector(`[data-offset="${pendingScroll.current}"]`);
      target?.scrollIntoView({ block: "center", behavior: prefersReducedMotion() ? "auto" : "smooth" });
      pendingScroll.current = null;
    }
    if (pendingFocus.current) {
      headingRef.current?.focus();
      pendingFocus.current = false;
    }
  });

  // A finished selection in the text (mouse up, or Shift released after
  // extending it with the keyboard) starts a new statement, or moves the one
  // being made. Listening on the document catches drags that end outside the text.
  const correcting = useRef(false);
  useEffect(() => {
    correcting.current = view === "correction";
  }, [view]);
  useEffect(() => {
    if (!canEdit) return;
    let timer: number | undefined;
    const capture = () => {
      const container = textRef.current;
      if (!container) return;
      // Words chosen in the translation, while a statement is being made, are its translation passage.
      const translationContainer = translationRef.current;
      if (translationContainer && source.translation !== null) {
        const passage = selectedSpan(translationContainer, source.translation);
        if (passage) {
          window.getSelection()?.removeAllRanges();
          setDraft((previous) => (previous ? { ...previous, translationSpan: passage } : previous));
          return;
        }
      }
      const span = selectedSpan(container, source.text);
      if (!span) return;
      window.getSelection()?.removeAllRanges();
      if (correcting.current) {
        // While a statement is being corrected, a selection re-cuts its quote.
        setCorrectionSpan(span);
        revealAboveSheet(container, span.startOffset);
        return;
      }
      // A new span of the original is aligned afresh: a passage chosen for the old span would not fit it.
      setDraft((previous) =>
        previous
          ? { ...previous, span, translationSpan: null }
          : { key: nextDraftKey.current++, span, prefill: emptyPrefill, translationSpan: null },
      );
      setView("draft");
      setShownKey(null);
      setStatus("");
      revealAboveSheet(container, span.startOffset);
    };
    // After the click that ends the drag, so a click on a highlight does not undo it.
    const onPointerUp = () => {
      timer = window.setTimeout(capture, 0);
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key === "Shift") capture();
    };
    document.addEventListener("pointerup", onPointerUp);
    document.addEventListener("keyup", onKeyUp);
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener("pointerup", onPointerUp);
      document.removeEventListener("keyup", onKeyUp);
    };
  }, [canEdit, source.text, source.translation]);

  // A link from a chart or the evidence matrix (#statement-<id>) opens that statement in place.
  useEffect(() => {
    const openFromHash = () => {
      const match = /^#statement-(.+)$/.exec(window.location.hash);
      const statement = match ? statements.find((candidate) => candidate.id === decodeURIComponent(match[1]!)) : undefined;
      if (!statement) return;
      setSelectedId(statement.id);
      setView("statement");
      pendingScroll.current = statement.startOffset;
    };
    openFromHash();
    window.addEventListener("hashchange", openFromHash);
    return () => window.removeEventListener("hashchange", openFromHash);
  }, [statements]);

  function showStatement(id: string) {
    setSelectedId(id);
    setView("statement");
    setStatus("");
  }

  function anchorOf(id: string): HTMLElement | null {
    const statement = statements.find((candidate) => candidate.id === id);
    return (
      textRef.current?.querySelector<HTMLElement>(`[data-anchor-for="${CSS.escape(id)}"]`) ??
      (statement ? (textRef.current?.querySelector<HTMLElement>(`[data-offset="${statement.startOffset}"]`) ?? null) : null)
    );
  }

  function handleFocusSegment(segment: TextSegment) {
    if (segment.owner && !(selectedId && segment.statementIds.includes(selectedId) && view === "statement")) {
      showStatement(segment.owner);
      revealAboveSheet(textRef.current, segment.startOffset);
    }
  }

  function handleClickSegment(segment: TextSegment, wasSelected: boolean) {
    if (wasSelected && selectedId && segment.statementIds.length > 1) {
      // Overlapping statements: each further click on the same words opens the next one.
      const index = segment.statementIds.indexOf(selectedId);
      showStatement(segment.statementIds[(index + 1) % segment.statementIds.length]!);
    } else if (segment.owner && !(selectedId && segment.statementIds.includes(selectedId))) {
      showStatement(segment.owner);
    } else if (selectedId) {
      setView("statement");
    }
  }

  function handleListChoice(statement: StatementInSource) {
    showStatement(statement.id);
    pendingScroll.current = statement.startOffset;
  }

  function backToText() {
    if (!selectedId) return;
    anchorOf(selectedId)?.focus();
  }

  function closePanel() {
    const anchor = selectedId ? anchorOf(selectedId) : null;
    setView(null);
    setSelectedId(null);
    // Return keyboard focus to where the statement was opened from.
    anchor?.focus({ preventScroll: true });
  }

  function startDraft(span: TextSpan | null, prefill: StatementPrefill) {
    setDraft({ key: nextDraftKey.current++, span, prefill, translationSpan: null });
    setView("draft");
    setStatus("");
    pendingFocus.current = true;
    if (span) pendingScroll.current = span.startOffset;
  }

  function acceptSuggestion(suggestion: StatementSuggestion) {
    setShownKey(null);
    startDraft(
      { startOffset: suggestion.startOffset, endOffset: suggestion.endOffset },
      { speakerId: suggestion.speakerId, speakerText: suggestion.speakerText, form: suggestion.form, channel: suggestion.channel ?? null },
    );
  }

  function showSuggestion(suggestion: StatementSuggestion) {
    const key = suggestionKey(suggestion);
    setShownKey((previous) => (previous === key ? null : key));
    pendingScroll.current = suggestion.startOffset;
  }

  function dismissSuggestion(suggestion: StatementSuggestion) {
    const key = suggestionKey(suggestion);
    if (shownKey === key) setShownKey(null);
    writeDismissals(source.id, [...dismissed, key]);
  }

  function cancelDraft() {
    setDraft(null);
    setView(selectedId ? "statement" : null);
    pendingFocus.current = selectedId !== null;
  }

  function startCorrection() {
    if (!selected) return;
    setCorrectionSpan({ startOffset: selected.startOffset, endOffset: selected.endOffset });
    setView("correction");
    setStatus("");
    pendingFocus.current = true;
  }

  function endCorrection(message: string) {
    setView("statement");
    setCorrectionSpan(null);
    setStatus(message);
    pendingFocus.current = true;
    if (message) router.refresh();
  }

  function handleDeleted() {
    setView(null);
    setSelectedId(null);
    setCorrectionSpan(null);
    setStatus("Statement deleted. An administrator can restore it from History.");
    router.refresh();
  }

  function handleCreated(id: string) {
    setDraft(null);
    setSelectedId(id);
    setView("statement");
    setStatus("Statement saved. It is now highlighted in the text.");
    pendingFocus.current = true;
    router.refresh();
  }

  const heading =
    view === "draft"
      ? "New statement"
      : view === "correction" && selected
        ? `Correct the statement by ${selected.speaker.name}`
        : view === "statement"
          ? selected
            ? `Statement by ${selected.speaker.name}`
            : "Loading the statement…"
          : "Statement";
  const originalText = (
    <SourceText
      text={source.text}
      language={source.language}
      segments={segments}
      selectedId={view === "statement" ? selectedId : null}
      describedBy={(id) => `statement-description-${id}`}
      containerRef={textRef}
      onFocusSegment={handleFocusSegment}
      onClickSegment={handleClickSegment}
      onOpenPanel={() => headingRef.current?.focus()}
    />
  );
  const codedByMe = (statement: StatementInSource) => statement.codings.some((coding) => coding.coderId === userId);

  return (
    <div className={view ? `${styles.sourceWorkspace} ${styles.panelOpen}` : styles.sourceWorkspace}>
      <section className="card source-text-card" aria-labelledby="source-text-heading">
        <h2 className="card__title" id="source-text-heading">
          Text
        </h2>
        <p className="card__meta">
          {statements.length === 0
            ? "No statements yet."
            : `${statements.length} statement${statements.length === 1 ? "" : "s"} highlighted; Tab moves between them and Enter opens the one in focus.`}
          {canEdit && " Select words to make a new statement."}
        </p>
        {statements.length > 0 && (
          <a className={styles.skipLink} href="#source-side">
            Skip past the highlights to the side panel
          </a>
        )}
        {translation ? (
          <div className={parallelStyles.parallel}>
            <div className={parallelStyles.column}>
              <h3 className={parallelStyles.columnTitle}>Original ({languageName(source.language)})</h3>
              {originalText}
            </div>
            <div className={parallelStyles.column}>
              <h3 className={parallelStyles.columnTitle}>Translation ({languageName(translation.language)})</h3>
              {view === "draft" && canEdit && <p className="card__meta">Select words in the translation to choose its passage by hand.</p>}
              <TranslationText
                text={translation.text}
                language={translation.language}
                passage={shownPassage.span}
                adjusted={shownPassage.adjusted}
                containerRef={translationRef}
              />
            </div>
          </div>
        ) : (
          originalText
        )}
        {/* What a screen reader announces on each highlight; outside the text so offsets stay exact. */}
        <div hidden>
          {statements.map((statement) => (
            <span key={statement.id} id={`statement-description-${statement.id}`}>
              Statement by {statement.speaker.name}, said {formatSaidOn(statement.saidOn, statement.saidOnPrecision)}. Press Enter to go to
              its panel.
            </span>
          ))}
        </div>
      </section>

      <div className={styles.sourceSide} id="source-side" tabIndex={-1}>
        <section
          className={view ? `card ${panelStyles.sourcePanel}` : `card ${panelStyles.sourcePanel} ${panelStyles.idle}`}
          aria-labelledby="source-panel-heading"
        >
          <div className={panelStyles.header}>
            <h2 className="card__title" id="source-panel-heading" tabIndex={-1} ref={headingRef}>
              {heading}
            </h2>
            {view === "statement" && (
              <div className={panelStyles.tools}>
                <button type="button" className="link-button" onClick={backToText}>
                  Back to the text
                </button>
                <button type="button" className="button button--small" onClick={closePanel}>
                  Close
                </button>
              </div>
            )}
          </div>
          <p className="form__status" role="status">
            {status}
          </p>
          {view === null && (
            <p className="muted">
              Choose a highlighted passage to see who said it and how it was coded.
              {canEdit && " Select words in the text to make a new statement, or accept a suggestion."}
            </p>
          )}
          {view === "statement" && draft && (
            <p className="notice">
              Your new statement is not saved yet.
              <button type="button" className="link-button" onClick={() => setView("draft")}>
                Return to it
              </button>
            </p>
          )}
          {view === "statement" &&
            (selected ? (
              <StatementDetails
                key={selected.id}
                statement={selected}
                languages={{ original: source.language, translation: translation?.language ?? null }}
                userId={userId}
                canEdit={canEdit}
                targets={targets}
                actors={actorChoices}
                onCorrect={startCorrection}
              />
            ) : (
              <p className="muted">The page is being updated with the new statement.</p>
            ))}
          {view === "correction" && selected && correctionSpan && (
            <StatementCorrectionForm
              key={`${selected.id}-${selected.version}`}
              statement={selected}
              text={source.text}
              span={correctionSpan}
              actors={actorChoices}
              onSpanChange={(span) => {
                setCorrectionSpan(span);
                pendingScroll.current = span.startOffset;
              }}
              onCancel={() => endCorrection("")}
              onSaved={endCorrection}
              onDeleted={handleDeleted}
            />
          )}
          {/* Kept mounted while a statement is shown, so a half-made statement is not lost. */}
          {draft && (
            <div hidden={view !== "draft"}>
              <StatementCreationForm
                key={draft.key}
                sourceId={source.id}
                text={source.text}
                span={draft.span}
                prefill={draft.prefill}
                defaultSaidOn={source.publishedOn}
                actors={speakers}
                language={source.language}
                translation={
                  translation && draft.span
                    ? {
                        language: translation.language,
                        span: draft.translationSpan ?? alignedFor(draft.span),
                        text: translation.text,
                        adjusted: draft.translationSpan !== null,
                        onReset: () => setDraft((previous) => (previous ? { ...previous, translationSpan: null } : previous)),
                      }
                    : null
                }
                onSpanChange={(span) => {
                  setDraft((previous) => (previous ? { ...previous, span, translationSpan: null } : previous));
                  pendingScroll.current = span.startOffset;
                }}
                onCancel={cancelDraft}
                onCreated={handleCreated}
              />
            </div>
          )}
          {canEdit && view !== "draft" && view !== "correction" && (
            <div className="form__actions">
              <button
                type="button"
                className="button button--small"
                onClick={() => (draft ? setView("draft") : startDraft(null, emptyPrefill))}
              >
                {draft ? "Return to the new statement" : "New statement…"}
              </button>
            </div>
          )}
        </section>

        {/* Before the statements: they are the work still to do. */}
        {canEdit && (
          <section className="card" aria-labelledby="source-suggestions-heading">
            <h2 className="card__title" id="source-suggestions-heading">
              Suggestions ({openSuggestions.length})
            </h2>
            <StatementSuggestions
              suggestions={openSuggestions}
              dismissedCount={dismissedCount}
              actorNames={actorNames}
              shownKey={shownSuggestion ? shownKey : null}
              onShow={showSuggestion}
              onAccept={acceptSuggestion}
              onDismiss={dismissSuggestion}
              onRestore={() => writeDismissals(source.id, [])}
            />
          </section>
        )}
        <section className="card" aria-labelledby="source-statements-heading">
          <h2 className="card__title" id="source-statements-heading">
            Statements ({statements.length})
          </h2>
          {statements.length === 0 ? (
            <p className="muted">{canEdit ? "None yet: select words in the text to make the first." : "None yet."}</p>
          ) : (
            <ul className={styles.statementList}>
              {statements.map((statement) => {
                const count = statement.codings.length;
                return (
                  <li key={statement.id}>
                    <button
                      type="button"
                      className={styles.item}
                      aria-pressed={view === "statement" && selectedId === statement.id}
                      onClick={() => handleListChoice(statement)}
                    >
                      <span className={styles.speaker}>{statement.speaker.name}</span>
                      <span className={`quote ${styles.quote}`}>“{truncate(statement.quote, 90)}”</span>
                      <span className="cell-meta">
                        {count} coding{count === 1 ? "" : "s"}
                        {statement.hiddenCodingCount > 0 && ` (+${statement.hiddenCodingCount} hidden)`}
                        {canEdit && (codedByMe(statement) ? " · coded by you" : " · not yet coded by you")}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
