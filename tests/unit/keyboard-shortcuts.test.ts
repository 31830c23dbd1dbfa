import { describe, expect, it } from "vitest";
import { actionForKey, digitForScore, scoreForDigit } from "@/components/keyboard-shortcuts";

const press = (
  key: string,
  modifiers: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean; repeat: boolean }> = {},
) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...modifiers,
});

describe("the coding keyboard map", () => {
  it("records no stance only with Shift+N, never with N, Enter or a held key", () => {
    expect(actionForKey(press("N", { shiftKey: true }), "none", false)).toEqual({ type: "no-stance" });
    expect(actionForKey(press("N", { shiftKey: true }), "choice", false)).toEqual({ type: "no-stance" });
    expect(actionForKey(press("N", { shiftKey: true, repeat: true }), "none", false)).toBeNull();
    expect(actionForKey(press("N", { shiftKey: true }), "text", false)).toBeNull();
    // Caps Lock gives "N" without Shift: still only the active target.
    expect(actionForKey(press("N"), "none", false)).toEqual({ type: "not-addressed" });
    expect(actionForKey(press("n"), "none", false)).toEqual({ type: "not-addressed" });
    expect(actionForKey(press("Enter"), "none", false)).toEqual({ type: "save" });
  });

  it("undoes with U outside text boxes, never while typing, with Ctrl+Z or with a held key", () => {
    for (const context of ["none", "choice", "control"] as const) {
      expect(actionForKey(press("u"), context, false)).toEqual({ type: "undo" });
    }
    expect(actionForKey(press("U", { shiftKey: true }), "none", false)).toEqual({ type: "undo" });
    expect(actionForKey(press("u"), "text", false)).toBeNull();
    expect(actionForKey(press("u", { repeat: true }), "none", false)).toBeNull();
    expect(actionForKey(press("z", { ctrlKey: true }), "none", false)).toBeNull();
    expect(actionForKey(press("u"), "none", true)).toBeNull();
  });

  it("maps digits 1–7 to scores −3…+3 and back", () => {
    expect(["1", "4", "7", "0", "8"].map(scoreForDigit)).toEqual([-3, 0, 3, null, null]);
    expect([-3, 0, 3].map(digitForScore)).toEqual(["1", "4", "7"]);
    expect(actionForKey(press("6"), "none", false)).toEqual({ type: "score", score: 2 });
  });

  it("saves with Enter, moves with J/K, opens help with ?", () => {
    expect(actionForKey(press("Enter"), "none", false)).toEqual({ type: "save" });
    expect(actionForKey(press("j"), "none", false)).toEqual({ type: "statement", delta: 1 });
    expect(actionForKey(press("K"), "choice", false)).toEqual({ type: "statement", delta: -1 });
    expect(actionForKey(press("?"), "none", false)).toEqual({ type: "help" });
  });

  it("never steals keys while typing, except Ctrl+Enter to save and Escape to leave the field", () => {
    expect(actionForKey(press("j"), "text", false)).toBeNull();
    expect(actionForKey(press("5"), "text", false)).toBeNull();
    expect(actionForKey(press("Enter"), "text", false)).toBeNull();
    expect(actionForKey(press("Enter", { ctrlKey: true }), "text", false)).toEqual({ type: "save" });
    expect(actionForKey(press("Escape"), "text", false)).toEqual({ type: "leave-field" });
  });

  it("leaves buttons, modified keys, held keys and an open dialog alone", () => {
    expect(actionForKey(press("Enter"), "control", false)).toBeNull();
    expect(actionForKey(press("Enter", { repeat: true }), "none", false)).toBeNull();
    expect(actionForKey(press("r", { ctrlKey: true }), "none", false)).toBeNull();
    expect(actionForKey(press("5"), "none", true)).toBeNull();
  });
});
