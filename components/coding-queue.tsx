"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useEffectEvent, useId, useRef, useState, type FormEvent } from "react";
import { confidenceLabels } from "@/lib/codings/schemas";
import type { QueueItem, StanceCodingView } from "@/lib/data/codings";
import type { TrackedTarget } from "@/lib/data/stance";
import type { Confidence } from "@/lib/generated/prisma/enums";
import { CodingQueueFinished, CodingQueueProgress } from "./coding-queue-progress";
import { formatDay } from "./format";
import { sendJson } from "./json-request";
import { KeyboardHelpDialog } from "./keyboard-help-dialog";
import { actionForKey, digitForScore, focusContextOf, keyForConfidence, type ShortcutAction } from "./keyboard-shortcuts";
import { scoreWithLabel } from "./score-label";
import { ScorePicker } from "./score-picker";

type RowDraft = { score: number | null; isConditional: boolean; confidence: Confidence; rationale: string };
/** Field name → message, as the API reports them ("rationale", "targetId", …). */
type RowErrors = Record<string, string>;
/** A row the server has settled: saved just now, or coded before (in another tab, say), in which case that coding stands. */
type Settled = { kind: "saved"; values: RowDraft; codingId: string | null } | { kind: "existing"; message: string };
type Alert = { message: string; signedOut: boolean };

// Medium is the server's default too; the rationale is deliberately left empty so that every saved coding is argued.
const emptyDraft: RowDraft = { score: null, isConditional: false, confidence: "MEDIUM", rationale: "" };
const confidences = Object.keys(confidenceLabels) as Confidence[];
// The server's limit (stanceCodingSchema), checked here so the message comes before the round trip.
const maximumRationaleLength = 2000;
const fieldNames: Record<string, string> = {
  score: "Score",
  isConditional: "Conditional",
  confidence: "Confidence",
  rationale: "Rationale",
  targetId: "Target",
  statementId: "Statement",
};

function checkRow(draft: RowDraft): RowErrors {
  const rationale = draft.rationale.trim();
  if (!rationale) return { rationale: "say why you gave this score; it is required" };
  if (rationale.length > maximumRationaleLength) return { rationale: `must be at most ${maximumRationaleLength} characters` };
  return {};
}

/** "United States", "United States and Israel", "A, B and C". */
function listNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

function isCodingView(value: unknown): value is StanceCodingView {
  return !!value && typeof value === "object" && typeof (value as Partial<StanceCodingView>).id === "string";
}

/**
 * Keyboard-first coding of the statements the user has not coded yet. Scores
 * are kept per statement while moving with J and K, so skipping ahead loses
 * nothing; saving posts one coding per scored target, and the statement leaves
 * the queue only once every one of them is settled.
 */
export function CodingQueue({
  items,
  coded,
  total,
  targets,
}: {
  items: QueueItem[];
  coded: number;
  total: number;
  targets: TrackedTarget[];
}) {
  const router = useRouter();
  // Statements saved in this visit: hidden at once, before the refreshed queue arrives from the server.
  const [done, setDone] = useState<ReadonlySet<string>>(() => new Set());
  // The id follows the statement through refreshes; the index is where to land when that statement has gone.
  const [position, setPosition] = useState<{ id: string | null; index: number }>({ id: items[0]?.statementId ?? null, index: 0 });
  const [drafts, setDrafts] = useState<Record<string, Record<string, RowDraft>>>({});
  const [settled, setSettled] = useState<Record<string, Record<string, Settled>>>({});
  const [errors, setErrors] = useState<Record<string, RowErrors>>({});
  const [alert, setAlert] = useState<Alert | null>(null);
  const [status, setStatus] = useState("");
  const [pending, setPending] = useState(false);
  const [activeRow, setActiveRow] = useState(0);
  const [helpOpen, setHelpOpen] = useState(false);
  // State updates are asynchronous; a second Enter in the same tick must still see the first save.
  const saving = useRef(false);
  const root = useRef<HTMLDivElement>(null);
  // Set when the statement changes by keyboard or save, so focus follows it once it is on screen.
  const focusOnArrival = useRef(false);

  const queue = items.filter((item) => !done.has(item.statementId));
  const found = queue.findIndex((item) => item.statementId === position.id);
  const index = found >= 0 ? found : Math.min(position.index, queue.length - 1);
  const current = index >= 0 ? queue[index] : undefined;
  const statementId = current?.statementId ?? null;
  // A stance is toward someone else: the server refuses a coding toward the speaker, so no row is offered.
  // (Matched by name because the queue item carries the speaker's name only.)
  const rows = current ? targets.filter((target) => target.name !== current.speakerName) : [];
  const active = Math.max(0, Math.min(activeRow, rows.length - 1));
  const codedNow = coded + items.filter((item) => done.has(item.statementId)).length;
  const remaining = total - codedNow;

  const draftOf = (targetId: string): RowDraft => (statementId ? drafts[statementId]?.[targetId] : undefined) ?? emptyDraft;
  const settledOf = (targetId: string): Settled | undefined => (statementId ? settled[statementId]?.[targetId] : undefined);

  const hasUnsaved = Object.entries(drafts).some(
    ([id, byTarget]) =>
      !done.has(id) && Object.entries(byTarget).some(([targetId, draft]) => draft.score !== null && !settled[id]?.[targetId]),
  );

  // Closing the tab or reloading would lose unsaved scores: let the browser ask first.
  useEffect(() => {
    if (!hasUnsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [hasUnsaved]);

  function rowElement(targetId: string): HTMLElement | null {
    return root.current?.querySelector<HTMLElement>(`[data-target-id="${CSS.escape(targetId)}"]`) ?? null;
  }

  /** Focus on the row's chosen score, so ←/→ and Tab continue from there; the row itself when it is already saved. */
  function focusRow(rowIndex: number) {
    const target = rows[rowIndex];
    if (!target) return;
    const element = rowElement(target.id);
    (element?.querySelector<HTMLElement>('input[type="radio"]:checked') ?? element)?.focus();
  }

  const arrive = useEffectEvent(() => {
    if (!focusOnArrival.current) return;
    focusOnArrival.current = false;
    focusRow(0);
  });
  useEffect(() => arrive(), [statementId]);

  function updateDraft(targetId: string, patch: Partial<RowDraft>) {
    if (!statementId) return;
    setDrafts((previous) => {
      const forStatement = previous[statementId] ?? {};
      return { ...previous, [statementId]: { ...forStatement, [targetId]: { ...(forStatement[targetId] ?? emptyDraft), ...patch } } };
    });
    setErrors((previous) => {
      if (!previous[targetId]) return previous;
      const remainingErrors = { ...previous[targetId] };
      for (const field of Object.keys(patch)) delete remainingErrors[field];
      return { ...previous, [targetId]: remainingErrors };
    });
    setStatus("");
  }

  function goTo(target: number) {
    if (queue.length === 0) return;
    const next = Math.max(0, Math.min(target, queue.length - 1));
    if (next === index) {
      setStatus(target > index ? "This is the last statement in your queue." : "This is the first statement in your queue.");
      return;
    }
    const item = queue[next]!;
    setPosition({ id: item.statementId, index: next });
    setActiveRow(0);
    setErrors({});
    setAlert(null);
    setStatus(`Statement ${next + 1} of ${queue.length}: ${item.speakerName}, ${formatDay(item.saidOn)}.`);
    focusOnArrival.current = true;
  }

  /** The statement is done: hide it, move to the one after it and let the server recount. */
  function finish(item: QueueItem, saved: number | "no-stance") {
    const at = queue.findIndex((candidate) => candidate.statementId === item.statementId);
    const next = queue[at + 1] ?? queue[at - 1] ?? null;
    setDone((previous) => new Set(previous).add(item.statementId));
    // After removal the following statement takes this one's place in the list.
    setPosition({ id: next?.statementId ?? null, index: at });
    setActiveRow(0);
    setErrors({});
    setAlert(null);
    const what =
      saved === "no-stance"
        ? `Recorded that ${item.speakerName}’s statement takes no stance toward the tracked targets.`
        : saved > 0
          ? `Saved ${saved} coding${saved === 1 ? "" : "s"} of ${item.speakerName}’s statement.`
          : "This statement was already coded.";
    setStatus(next ? `${what} Next: ${next.speakerName}, ${formatDay(next.saidOn)}.` : `${what} That was the last one in your queue.`);
    focusOnArrival.current = true;
    router.refresh();
  }

  async function save() {
    if (!current || saving.current) return;
    const item = current;
    const toSave = rows.filter((target) => draftOf(target.id).score !== null && !settledOf(target.id));
    if (toSave.length === 0) {
      if (rows.some((target) => settledOf(target.id))) {
        finish(item, 0);
        return;
      }
      // Nothing scored: saving records nothing. "No stance" is a finding, so it has its own key and button,
      // and a stray Enter on an untouched statement cannot record it.
      setStatus("Nothing is scored yet. Score a target (keys 1–7), or press Shift+N if the statement takes no stance toward any of them.");
      return;
    }

    const problems: Record<string, RowErrors> = {};
    for (const target of toSave) {
      const rowProblems = checkRow(draftOf(target.id));
      if (Object.keys(rowProblems).length > 0) problems[target.id] = rowProblems;
    }
    const invalid = toSave.filter((target) => problems[target.id]);
    if (invalid.length > 0) {
      setErrors(problems);
      setStatus("");
      setAlert({
        message: `Nothing was saved: write a rationale for ${listNames(invalid.map((target) => target.name))} first.`,
        signedOut: false,
      });
      setActiveRow(rows.indexOf(invalid[0]!));
      rowElement(invalid[0]!.id)?.querySelector("textarea")?.focus();
      return;
    }

    saving.current = true;
    setPending(true);
    setAlert(null);
    setErrors({});
    setStatus("Saving…");
    // The values are read now: what is posted is what was on screen when the coder pressed save.
    const results = await Promise.all(
      toSave.map(async (target) => {
        const values = draftOf(target.id);
        const result = await sendJson<unknown>("POST", "/api/codings", {
          statementId: item.statementId,
          targetId: target.id,
          score: values.score,
          isConditional: values.isConditional,
          confidence: values.confidence,
          rationale: values.rationale.trim(),
        });
        return { target, values, result };
      }),
    );
    saving.current = false;
    setPending(false);

    const nowSettled: Record<string, Settled> = {};
    const failed: Record<string, RowErrors> = {};
    const messages: string[] = [];
    let signedOut = false;
    for (const { target, values, result } of results) {
      if (result.ok) {
        nowSettled[target.id] = { kind: "saved", values, codingId: isCodingView(result.body) ? result.body.id : null };
      } else if (result.status === 409) {
        // Already coded toward this target (another tab, a double submit): that coding stands and counts as done.
        nowSettled[target.id] = { kind: "existing", message: result.error };
      } else {
        failed[target.id] = result.fieldErrors;
        if (Object.keys(result.fieldErrors).length === 0) messages.push(`${target.name}: ${result.error}`);
        if (result.status === 401) signedOut = true;
      }
    }
    setSettled((previous) => ({ ...previous, [item.statementId]: { ...previous[item.statementId], ...nowSettled } }));

    const failedTargets = toSave.filter((target) => failed[target.id]);
    if (failedTargets.length === 0) {
      finish(item, Object.values(nowSettled).filter((entry) => entry.kind === "saved").length);
      return;
    }
    const savedNames = toSave.filter((target) => nowSettled[target.id]).map((target) => target.name);
    setErrors(failed);
    setStatus("");
    setAlert({
      message: [
        savedNames.length > 0 ? `Saved toward ${listNames(savedNames)}.` : "",
        `Not saved toward ${listNames(failedTargets.map((target) => target.name))}.`,
        messages.length > 0 ? messages.join(" ") : "Please correct the fields marked below and save again.",
      ]
        .filter(Boolean)
        .join(" "),
      signedOut,
    });
    setActiveRow(rows.indexOf(failedTargets[0]!));
    focusRow(rows.indexOf(failedTargets[0]!));
  }

  /** Every target not addressed: the statement takes no stance toward any of them, recorded so it leaves this coder's queue. */
  async function recordNoStance() {
    if (!current || saving.current) return;
    const item = current;
    if (rows.some((target) => draftOf(target.id).score !== null || settledOf(target.id))) {
      setStatus("A target is scored: save with Enter, or mark every target not addressed (N) before recording no stance.");
      return;
    }
    saving.current = true;
    setPending(true);
    const result = await sendJson<unknown>("POST", "/api/statement-reviews", { statementId: item.statementId });
    saving.current = false;
    setPending(false);
    if (result.ok) finish(item, "no-stance");
    else setAlert({ message: result.error, signedOut: result.status === 401 });
  }

  function needsScore(target: TrackedTarget): true {
    setStatus(`Give ${target.name} a score first (keys 1–7).`);
    return true;
  }

  /** Carries out a shortcut; true when it was used, so the browser's own meaning of the key is suppressed. */
  function perform(action: ShortcutAction): boolean {
    if (action.type === "help") {
      setHelpOpen(true);
      return true;
    }
    // While saving, the statement and its scores must stay as they were posted.
    if (!current || saving.current) return false;
    switch (action.type) {
      case "statement":
        goTo(index + action.delta);
        return true;
      case "save":
        void save();
        return true;
      case "no-stance":
        void recordNoStance();
        return true;
      case "row": {
        const next = Math.max(0, Math.min(active + action.delta, rows.length - 1));
        setActiveRow(next);
        focusRow(next);
        return true;
      }
      case "leave-field":
        focusRow(active);
        return true;
    }

    const target = rows[active];
    if (!target) return false;
    if (settledOf(target.id)) {
      setStatus(`Your coding toward ${target.name} is saved; change it from Codings.`);
      return true;
    }
    const draft = draftOf(target.id);
    switch (action.type) {
      case "score":
      case "not-addressed": {
        const score = action.type === "score" ? action.score : null;
        updateDraft(target.id, { score });
        // Keep the radio focus on the chosen option, or ←/→ would continue from the old one.
        const row = rowElement(target.id);
        const focused = document.activeElement;
        if (
          row &&
          focused instanceof HTMLInputElement &&
          focused.type === "radio" &&
          focused.name.startsWith("score-") &&
          row.contains(focused)
        ) {
          row.querySelector<HTMLInputElement>(`input[name="${CSS.escape(focused.name)}"][value="${score ?? "none"}"]`)?.focus();
        }
        return true;
      }
      case "toggle-conditional":
        if (draft.score === null) return needsScore(target);
        updateDraft(target.id, { isConditional: !draft.isConditional });
        return true;
      case "confidence":
        if (draft.score === null) return needsScore(target);
        updateDraft(target.id, { confidence: action.confidence });
        return true;
      case "edit-rationale":
        if (draft.score === null) return needsScore(target);
        rowElement(target.id)?.querySelector("textarea")?.focus();
        return true;
    }
  }

  const handleKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing) return;
    const focused = document.activeElement;
    const onPage = !focused || focused === document.body;
    // Keys pressed in the site header or elsewhere outside the queue keep their usual meaning.
    if (!onPage && !root.current?.contains(focused)) return;
    // Read from the page, not from state: the native dialog closes on Escape at once, while the state
    // follows a render later, and a digit typed in between would be swallowed.
    const dialogOpen = document.querySelector("dialog[open]") !== null;
    const action = actionForKey(event, focusContextOf(onPage ? null : focused), dialogOpen);
    if (action && perform(action)) event.preventDefault();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => handleKey(event);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void save();
  }

  return (
    <div className="coding-queue" ref={root}>
      <CodingQueueProgress coded={codedNow} total={total} />
      {queue.length > 0 && queue.length < remaining && (
        <p className="card__meta">
          Your queue shows the next {queue.length} of the {remaining} statements left; the rest follow as you code.
        </p>
      )}
      <p className="form__status coding-queue__status" role="status">
        {status}
      </p>

      {!current ? (
        <CodingQueueFinished />
      ) : (
        <>
          <StatementInContext item={current} position={index + 1} count={queue.length} />
          <form className="card coding-queue__form" onSubmit={handleSubmit} noValidate aria-labelledby="coding-queue-form-heading">
            <div className="coding-queue__form-header">
              <h2 className="card__title" id="coding-queue-form-heading">
                Stance toward each tracked target
              </h2>
              <button type="button" className="button button--small" onClick={() => setHelpOpen(true)} aria-keyshortcuts="?">
                Keyboard shortcuts <kbd className="key">?</kbd>
              </button>
            </div>
            <p className="coding-queue__keys">
              <kbd className="key">1</kbd>–<kbd className="key">7</kbd> score the active target (1 = −3 … 4 = 0 … 7 = +3) ·{" "}
              <kbd className="key">N</kbd> not addressed · <kbd className="key">↑</kbd> <kbd className="key">↓</kbd> or Tab change target ·{" "}
              <kbd className="key">Enter</kbd> save and next · <kbd className="key">J</kbd> <kbd className="key">K</kbd> next / previous
              statement. Targets left at “not addressed” get no coding; <kbd className="key">Shift</kbd>+<kbd className="key">N</kbd>{" "}
              records that the statement takes no stance toward any of them.
            </p>

            {alert && (
              <div className="alert" role="alert">
                {alert.message}
                {alert.signedOut && (
                  <>
                    {" "}
                    <a href={`/sign-in?callbackUrl=${encodeURIComponent("/code")}`} target="_blank" rel="noopener">
                      Sign in again in a new tab
                    </a>
                    , then save here: your scores are kept on this page.
                  </>
                )}
              </div>
            )}

            {rows.length === 0 ? (
              <p className="notice">
                The speaker, {current.speakerName}, is the only tracked target, and a stance is toward someone else: there is nothing to
                code here. Press <kbd className="key">J</kbd> for the next statement.
              </p>
            ) : (
              <div className="coding-rows">
                {rows.map((target, rowIndex) => (
                  <TargetRow
                    key={`${current.statementId}:${target.id}`}
                    statementId={current.statementId}
                    target={target}
                    draft={draftOf(target.id)}
                    settled={settledOf(target.id)}
                    errors={errors[target.id] ?? {}}
                    active={rowIndex === active}
                    onActivate={() => setActiveRow(rowIndex)}
                    onChange={(patch) => updateDraft(target.id, patch)}
                  />
                ))}
              </div>
            )}

            <div className="form__actions">
              <button type="submit" className="button button--primary" disabled={pending} aria-keyshortcuts="Enter Control+Enter">
                {pending ? "Saving…" : "Save and next"} <kbd className="key key--on-primary">Enter</kbd>
              </button>
              <button type="button" className="button" disabled={pending} onClick={() => void recordNoStance()} aria-keyshortcuts="Shift+N">
                No stance <kbd className="key">Shift</kbd>+<kbd className="key">N</kbd>
              </button>
              <button
                type="button"
                className="button"
                disabled={pending || index === 0}
                onClick={() => goTo(index - 1)}
                aria-keyshortcuts="K"
              >
                ← Previous <kbd className="key">K</kbd>
              </button>
              <button
                type="button"
                className="button"
                disabled={pending || index >= queue.length - 1}
                onClick={() => goTo(index + 1)}
                aria-keyshortcuts="J"
              >
                Next → <kbd className="key">J</kbd>
              </button>
              {hasUnsaved && (
                <span className="form__hint form__actions-end">Unsaved scores are kept while you move between statements.</span>
              )}
            </div>
          </form>
        </>
      )}
      <KeyboardHelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}

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
function StatementInContext({ item, position, count }: { item: QueueItem; position: number; count: number }) {
  return (
    <section className="card" aria-labelledby="queue-statement-heading">
      <h2 className="card__title" id="queue-statement-heading">
        Statement {position} of {count} left to code
      </h2>
      <p className="coding-queue__context quote">
        {item.before && <span className="coding-queue__around">…{trimBrokenWord(item.before, "start")}</span>}
        <mark className="coding-queue__quote">
          <span className="visually-hidden">Statement: </span>
          {item.quote}
          <span className="visually-hidden"> (end of statement)</span>
        </mark>
        {item.after && <span className="coding-queue__around">{trimBrokenWord(item.after, "end")}…</span>}
      </p>
      <dl className="details-list">
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

function TargetRow({
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
      className={`coding-row${active ? " is-active" : ""}${settled ? " is-settled" : ""}`}
      data-target-id={target.id}
      tabIndex={-1}
      aria-labelledby={`${id}-title`}
      onFocus={onActivate}
    >
      <div className="coding-row__header">
        <h3 className="coding-row__title" id={`${id}-title`}>
          Toward {target.name}
        </h3>
        <span className="coding-row__summary">
          {settled ? "Saved" : draft.score === null ? "Not addressed" : scoreWithLabel(draft.score)}
          {active && !settled && <span className="coding-row__active">keys apply here</span>}
        </span>
      </div>

      {settled ? (
        <p className="coding-row__settled">
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
            <div className="coding-row__details">
              <div className="coding-row__options">
                <div className="field">
                  <div className="checkbox-field">
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
                  <div className="segmented">
                    {confidences.map((confidence) => (
                      <label key={confidence} className="segmented__option">
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
