// The coding queue's keyboard map, kept pure (no DOM, no React) so that what a
// key does in a given situation can be unit-tested and listed on screen from
// the same table the handler uses.

import type { Confidence } from "@/lib/generated/prisma/enums";
import { maximumScore, minimumScore } from "@/lib/codings/scale";

/** The parts of a keyboard event the map depends on. */
export type KeyInput = { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey?: boolean; repeat?: boolean };

/**
 * Where focus is when the key is pressed, because the browser already gives
 * some keys a meaning there that a shortcut must not take away:
 * - "text": a textarea, text input or select; every key is typing.
 * - "control": a button, link or summary; Enter and Space activate it.
 * - "choice": a radio button or checkbox; Space selects, ←/→ move within a radio group.
 * - "none": the page itself or a non-interactive element.
 */
export type FocusContext = "text" | "control" | "choice" | "none";

export type ShortcutAction =
  | { type: "score"; score: number }
  | { type: "not-addressed" }
  | { type: "toggle-conditional" }
  | { type: "confidence"; confidence: Confidence }
  | { type: "edit-rationale" }
  | { type: "leave-field" }
  | { type: "row"; delta: 1 | -1 }
  | { type: "save" }
  | { type: "no-stance" }
  | { type: "statement"; delta: 1 | -1 }
  | { type: "undo" }
  | { type: "help" };

const firstDigit = 1;

/** "1" → −3, "4" → 0, "7" → +3; null for any other key. */
export function scoreForDigit(key: string): number | null {
  if (!/^[0-9]$/.test(key)) return null;
  const score = Number(key) - firstDigit + minimumScore;
  return score >= minimumScore && score <= maximumScore ? score : null;
}

/** The digit key that gives a score: −3 → "1", +3 → "7". */
export function digitForScore(score: number): string {
  return String(score - minimumScore + firstDigit);
}

const confidenceKeys: Record<string, Confidence> = { l: "LOW", m: "MEDIUM", h: "HIGH" };

/** The confidence letter shown beside each option: "LOW" → "L". */
export function keyForConfidence(confidence: Confidence): string {
  return Object.entries(confidenceKeys)
    .find(([, value]) => value === confidence)![0]
    .toUpperCase();
}

/**
 * What a key press does, or null to leave it to the browser. `dialogOpen`:
 * while the shortcut list is open it owns the keyboard (the browser closes it
 * on Escape), so nothing reaches the form behind it.
 */
export function actionForKey(input: KeyInput, context: FocusContext, dialogOpen: boolean): ShortcutAction | null {
  if (dialogOpen) return null;
  const { key, ctrlKey, metaKey, altKey } = input;

  // Ctrl+Enter (⌘+Enter on a Mac) saves from anywhere, including the rationale,
  // where a plain Enter has to stay a new line.
  if (key === "Enter" && (ctrlKey || metaKey) && !altKey) return input.repeat ? null : { type: "save" };
  // Leave every other modified key to the browser and the operating system (Ctrl+R, ⌘+1, AltGr characters…).
  if (ctrlKey || metaKey || altKey) return null;

  if (context === "text") return key === "Escape" ? { type: "leave-field" } : null;

  switch (key) {
    case "ArrowDown":
      return { type: "row", delta: 1 };
    case "ArrowUp":
      return { type: "row", delta: -1 };
    case "Enter":
      // On a button or link Enter is that control's own action; a held key must not save twice.
      return context === "control" || input.repeat ? null : { type: "save" };
    case "?":
      return { type: "help" };
    case "Backspace":
    case "Delete":
      return { type: "not-addressed" };
  }

  const score = scoreForDigit(key);
  if (score !== null) return { type: "score", score };

  switch (key.toLowerCase()) {
    case "j":
      return { type: "statement", delta: 1 };
    case "k":
      return { type: "statement", delta: -1 };
    case "n":
      // Shift+N, deliberately two keys: records that the whole statement takes no stance (Enter never does).
      if (input.shiftKey) return input.repeat ? null : { type: "no-stance" };
      return { type: "not-addressed" };
    case "c":
      return { type: "toggle-conditional" };
    case "r":
      return { type: "edit-rationale" };
    case "u":
      // Undo the last save while it is offered; a held key must not undo twice. (Ctrl+Z stays the text box's own undo.)
      return input.repeat ? null : { type: "undo" };
  }
  const confidence = confidenceKeys[key.toLowerCase()];
  return confidence ? { type: "confidence", confidence } : null;
}

/** Classifies the focused element for actionForKey. */
export function focusContextOf(element: Element | null): FocusContext {
  if (!element) return "none";
  const tag = element.tagName.toLowerCase();
  if (tag === "textarea" || tag === "select") return "text";
  if ((element as HTMLElement).isContentEditable) return "text";
  if (tag === "input") {
    const type = (element as HTMLInputElement).type;
    if (type === "radio" || type === "checkbox") return "choice";
    if (type === "button" || type === "submit" || type === "reset") return "control";
    return "text";
  }
  if (tag === "button" || tag === "a" || tag === "summary") return "control";
  return "none";
}

/** The list shown on screen and in the "?" dialog, in the order a coder meets them. */
export const shortcutList: { keys: string[]; description: string }[] = [
  {
    keys: ["1", "…", "7"],
    description: "Score the active target: 1 = −3 (very hostile), 4 = 0 (neutral or mixed), 7 = +3 (very conciliatory)",
  },
  { keys: ["N"], description: "Mark the active target not addressed (Backspace or Delete also work)" },
  { keys: ["↓", "↑"], description: "Next or previous target (Tab and Shift+Tab move through every field)" },
  { keys: ["C"], description: "Toggle conditional for the active target" },
  { keys: ["L", "M", "H"], description: "Confidence low, medium or high for the active target" },
  { keys: ["R"], description: "Write the rationale for the active target (Escape leaves the text box)" },
  { keys: ["Enter"], description: "Save this statement’s codings and go to the next statement" },
  { keys: ["Shift", "N"], description: "Record that the statement takes no stance toward any tracked target, and go to the next" },
  { keys: ["Ctrl", "Enter"], description: "Save from anywhere, including while writing a rationale (⌘+Enter on a Mac)" },
  { keys: ["U"], description: "Undo the last save for a few seconds after it (the statement comes back with your scores)" },
  { keys: ["J"], description: "Next statement (your unsaved scores are kept)" },
  { keys: ["K"], description: "Previous statement" },
  { keys: ["?"], description: "Show this list (Escape closes it)" },
];
