"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useEffectEvent, useReducer, useRef, useState, type FormEvent } from "react";
import type { QueueItem, StanceCodingView } from "@/lib/data/codings";
import type { TrackedTarget } from "@/lib/data/stance";
import {
  checkRow,
  draftOf as draftIn,
  hasUnsavedScores,
  reduceDrafts,
  savedCodings,
  settledOf as settledIn,
  type DraftAction,
  type RowDraft,
  type RowErrors,
  type Settled,
} from "./coding-queue-drafts";
import { useQueueNavigation } from "./coding-queue-navigation";
import { QueueOtherTarget } from "./coding-queue-other-target";
import { CodingQueueFinished, CodingQueueProgress } from "./coding-queue-progress";
import { StatementInContext, TargetRow } from "./coding-queue-widgets";
import { formatDay } from "./format";
import { sendJson } from "./json-request";
import { KeyboardHelpDialog } from "./keyboard-help-dialog";
import { actionForKey, focusContextOf, type ShortcutAction } from "./keyboard-shortcuts";
import { UndoToast } from "./undo-toast";
import styles from "./coding-queue.module.css";

/** What the last save wrote, so that it can be reverted through the API while the undo is offered. */
type Undoable = {
  statementId: string;
  speakerName: string;
  message: string;
  codings: { id: string; version: number }[];
  review: { id: string; version: number } | null;
};
type Alert = { message: string; signedOut: boolean };

/** "United States", "United States and Israel", "A, B and C". */
function listNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** Worded apart from the status line (both are announced), short enough for a toast. */
function undoMessage(item: QueueItem, codings: number): string {
  return codings > 0
    ? `${codings} coding${codings === 1 ? "" : "s"} of ${item.speakerName}’s statement saved.`
    : `“No stance” recorded for ${item.speakerName}’s statement.`;
}

function isReview(value: unknown): value is { id: string; version: number } {
  return (
    !!value &&
    typeof value === "object" &&
    typeof (value as { id?: unknown }).id === "string" &&
    typeof (value as { version?: unknown }).version === "number"
  );
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
  // Actors other than the tracked targets that the coder added rows for, per statement; kept while moving, like the drafts.
  const [otherTargets, setOtherTargets] = useState<Record<string, TrackedTarget[]>>({});
  const { done, queue, index, current, rows, active, setActiveRow, moveTo, leave, bringBack } = useQueueNavigation(
    items,
    targets,
    otherTargets,
  );
  const [drafts, dispatch] = useReducer(reduceDrafts, {});
  const [errors, setErrors] = useState<Record<string, RowErrors>>({});
  const [alert, setAlert] = useState<Alert | null>(null);
  const [status, setStatus] = useState("");
  const [pending, setPending] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [undoable, setUndoable] = useState<Undoable | null>(null);
  // State updates are asynchronous; a second Enter in the same tick must still see the first save.
  const saving = useRef(false);
  const root = useRef<HTMLDivElement>(null);
  // Set when the statement changes by keyboard or save, so focus follows it once it is on screen.
  const focusOnArrival = useRef(false);

  const statementId = current?.statementId ?? null;
  const codedNow = coded + items.filter((item) => done.has(item.statementId)).length;
  const remaining = total - codedNow;
  const assignedLeft = queue.filter((item) => item.assigned).length;

  const draftOf = (targetId: string): RowDraft => draftIn(drafts, statementId, targetId);
  const settledOf = (targetId: string): Settled | undefined => settledIn(drafts, statementId, targetId);
  const hasUnsaved = hasUnsavedScores(drafts, done);

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

  // A row just added toward another actor takes the focus once it is rendered, so the digit keys score it.
  const focusAddedRow = useRef<string | null>(null);
  const focusAdded = useEffectEvent(() => {
    const targetId = focusAddedRow.current;
    if (!targetId) return;
    focusAddedRow.current = null;
    const rowIndex = rows.findIndex((target) => target.id === targetId);
    if (rowIndex < 0) return;
    setActiveRow(rowIndex);
    focusRow(rowIndex);
  });
  useEffect(() => focusAdded(), [rows.length]);

  function addOtherTarget(target: TrackedTarget) {
    if (!statementId) return;
    setOtherTargets((previous) => ({ ...previous, [statementId]: [...(previous[statementId] ?? []), target] }));
    focusAddedRow.current = target.id;
    setStatus(`Added a row toward ${target.name}: score it with 1–7, then save.`);
  }

  function updateDraft(targetId: string, patch: Partial<RowDraft>) {
    if (!statementId) return;
    dispatch({ type: "edit", statementId, targetId, patch });
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
    moveTo(next);
    setErrors({});
    setAlert(null);
    setStatus(
      `Statement ${next + 1} of ${queue.length}: ${item.speakerName}, ${formatDay(item.saidOn)}${item.assigned ? ", assigned to you" : ""}.`,
    );
    focusOnArrival.current = true;
  }

  /** The statement is done: hide it, move to the one after it and let the server recount. */
  function finish(item: QueueItem, saved: number | "no-stance", undo: Pick<Undoable, "codings" | "review"> | null = null) {
    const next = leave(item.statementId);
    setErrors({});
    setAlert(null);
    const what =
      saved === "no-stance"
        ? `Recorded that ${item.speakerName}’s statement takes no stance toward the tracked targets.`
        : saved > 0
          ? `Saved ${saved} coding${saved === 1 ? "" : "s"} of ${item.speakerName}’s statement.`
          : "This statement was already coded.";
    setStatus(next ? `${what} Next: ${next.speakerName}, ${formatDay(next.saidOn)}.` : `${what} That was the last one in your queue.`);
    setUndoable(
      undo && (undo.codings.length > 0 || undo.review)
        ? { statementId: item.statementId, speakerName: item.speakerName, message: undoMessage(item, undo.codings.length), ...undo }
        : null,
    );
    focusOnArrival.current = true;
    router.refresh();
  }

  const expireUndo = useCallback(() => setUndoable(null), []);

  /**
   * Reverts the last save through the API (each revert audited there): new
   * codings are soft-deleted, a "no stance" review is deleted. The statement
   * comes back to the queue with the scores that were saved, ready to change.
   */
  async function undo() {
    if (!undoable || saving.current) return;
    const offer = undoable;
    saving.current = true;
    setPending(true);
    setStatus("Undoing…");
    const reverts = [
      ...offer.codings.map(async (coding) => ({
        codingId: coding.id as string | null,
        result: await sendJson<unknown>("DELETE", `/api/codings/${encodeURIComponent(coding.id)}`, { version: coding.version }),
      })),
      ...(offer.review
        ? [
            (async () => ({
              codingId: null,
              result: await sendJson<unknown>("DELETE", `/api/statement-reviews/${encodeURIComponent(offer.review!.id)}`, {
                version: offer.review!.version,
              }),
            }))(),
          ]
        : []),
    ];
    const results = await Promise.all(reverts);
    saving.current = false;
    setPending(false);
    setUndoable(null);
    const failures = results.filter(({ result }) => !result.ok);
    const reverted = new Set(results.filter(({ result }) => result.ok).map(({ codingId }) => codingId));
    if (failures.length < results.length) {
      // Rows whose coding was reverted are editable again; one that could not be reverted stays saved.
      dispatch({
        type: "unsettle",
        statementId: offer.statementId,
        codingIds: [...reverted].filter((codingId): codingId is string => codingId !== null),
      });
      bringBack(offer.statementId);
      setErrors({});
      focusOnArrival.current = true;
      router.refresh();
    }
    if (failures.length === 0) {
      setAlert(null);
      setStatus(
        `Undone: ${offer.speakerName}’s statement is back in your queue${offer.codings.length > 0 ? " with the scores you gave" : ""}.`,
      );
      return;
    }
    setStatus("");
    setAlert({
      message: `${failures.length < results.length ? "Partly undone. " : "Nothing was undone. "}${failures.map(({ result }) => (result.ok ? "" : result.error)).join(" ")}`,
      signedOut: failures.some(({ result }) => !result.ok && result.status === 401),
    });
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
        const view = isCodingView(result.body) ? result.body : null;
        nowSettled[target.id] = { kind: "saved", values, codingId: view?.id ?? null, version: view?.version ?? 1 };
      } else if (result.status === 409) {
        // Already coded toward this target (another tab, a double submit): that coding stands and counts as done.
        nowSettled[target.id] = { kind: "existing", message: result.error };
      } else {
        failed[target.id] = result.fieldErrors;
        if (Object.keys(result.fieldErrors).length === 0) messages.push(`${target.name}: ${result.error}`);
        if (result.status === 401) signedOut = true;
      }
    }
    const settle: DraftAction = { type: "settle", statementId: item.statementId, settled: nowSettled };
    dispatch(settle);

    const failedTargets = toSave.filter((target) => failed[target.id]);
    if (failedTargets.length === 0) {
      // Everything this statement's saves wrote, including an earlier partly failed attempt, is undone together.
      const codings = savedCodings(reduceDrafts(drafts, settle), item.statementId);
      finish(item, Object.values(nowSettled).filter((entry) => entry.kind === "saved").length, { codings, review: null });
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
    if (result.ok) finish(item, "no-stance", { codings: [], review: isReview(result.body) ? result.body : null });
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
    // Offered after the last statement too, when there is no current one.
    if (action.type === "undo") {
      if (!undoable || saving.current) return false;
      void undo();
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
    <div className={styles.codingQueue} ref={root}>
      <CodingQueueProgress coded={codedNow} total={total} />
      {assignedLeft > 0 && (
        <p className="card__meta">
          {assignedLeft} statement{assignedLeft === 1 ? " is" : "s are"} assigned to you and come{assignedLeft === 1 ? "s" : ""} first,
          marked “Assigned to you”.
        </p>
      )}
      {queue.length > 0 && queue.length < remaining && (
        <p className="card__meta">
          Your queue shows the next {queue.length} of the {remaining} statements left; the rest follow as you code.
        </p>
      )}
      <p className={`form__status ${styles.status}`} role="status">
        {status}
      </p>

      {!current ? (
        <CodingQueueFinished />
      ) : (
        <>
          <StatementInContext item={current} position={index + 1} count={queue.length} />
          <form className={`card ${styles.form}`} onSubmit={handleSubmit} noValidate aria-labelledby="coding-queue-form-heading">
            <div className={styles.formHeader}>
              <h2 className="card__title" id="coding-queue-form-heading">
                Stance toward each target
              </h2>
              <button type="button" className="button button--small" onClick={() => setHelpOpen(true)} aria-keyshortcuts="?">
                Keyboard shortcuts <kbd className="key">?</kbd>
              </button>
            </div>
            <p className={styles.keys}>
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
              <div className={styles.codingRows}>
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

            {/* Enter in the picker's search box chooses nothing and must not submit the statement's scores. */}
            <div
              onKeyDown={(event) => {
                if (event.key === "Enter" && event.target instanceof HTMLInputElement) event.preventDefault();
              }}
            >
              <QueueOtherTarget
                key={current.statementId}
                exclude={[current.speakerId, ...rows.map((target) => target.id)]}
                onAdd={addOtherTarget}
                disabled={pending}
              />
            </div>

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
      <UndoToast
        offer={
          undoable && { key: `${undoable.statementId}:${undoable.codings.map((coding) => coding.id).join(",")}`, message: undoable.message }
        }
        pending={pending}
        onUndo={() => void undo()}
        onExpire={expireUndo}
      />
      <KeyboardHelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
