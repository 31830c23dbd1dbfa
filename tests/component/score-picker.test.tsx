import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ScorePicker } from "@/components/score-picker";

afterEach(cleanup);

function Picker({ initial = null, notAddressed = false, error }: { initial?: number | null; notAddressed?: boolean; error?: string }) {
  const [score, setScore] = useState<number | null>(initial);
  return (
    <>
      <ScorePicker
        id="test-score"
        name="score"
        legend="Score"
        value={score}
        onChange={setScore}
        error={error}
        notAddressed={notAddressed ? { label: "Not addressed", shortcut: "N", onChoose: () => setScore(null) } : undefined}
        shortcutFor={(value) => String(value + 4)}
      />
      <output data-testid="chosen">{score === null ? "none" : score}</output>
    </>
  );
}

const chosen = () => screen.getByTestId("chosen").textContent;

describe("ScorePicker", () => {
  it("is a radio group of the seven points, named with the scale's own labels", () => {
    render(<Picker />);
    expect(screen.getByRole("radiogroup", { name: "Score" })).toBeTruthy();
    const radios = screen.getAllByRole("radio");
    expect(radios.map((radio) => (radio as HTMLInputElement).value)).toEqual(["-3", "-2", "-1", "0", "1", "2", "3"]);
    expect(screen.getByRole("radio", { name: /Very hostile/ })).toBe(radios[0]);
    expect(screen.getByRole("radio", { name: /\+2\s*Conciliatory/ })).toBe(radios[5]);
    expect(radios.every((radio) => !(radio as HTMLInputElement).checked)).toBe(true);
  });

  it("chooses by pointer", () => {
    render(<Picker />);
    fireEvent.click(screen.getByRole("radio", { name: /Somewhat hostile/ }));
    expect(chosen()).toBe("-1");
    expect((screen.getByRole("radio", { name: /Somewhat hostile/ }) as HTMLInputElement).checked).toBe(true);
  });

  it("moves along the scale with the arrow keys, Home and End, and stops at its ends", () => {
    render(<Picker initial={2} />);
    const group = screen.getByRole("radiogroup");
    fireEvent.keyDown(group, { key: "ArrowRight" });
    expect(chosen()).toBe("3");
    expect(document.activeElement).toBe(screen.getByRole("radio", { name: /Very conciliatory/ }));
    fireEvent.keyDown(group, { key: "ArrowRight" });
    expect(chosen()).toBe("3");
    fireEvent.keyDown(group, { key: "Home" });
    expect(chosen()).toBe("-3");
    fireEvent.keyDown(group, { key: "ArrowLeft" });
    expect(chosen()).toBe("-3");
    fireEvent.keyDown(group, { key: "End" });
    expect(chosen()).toBe("3");
  });

  it("starts from neutral when nothing is chosen, and leaves up, down and modified keys to the page", () => {
    render(<Picker />);
    const group = screen.getByRole("radiogroup");
    const down = new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true, cancelable: true });
    group.dispatchEvent(down);
    expect(down.defaultPrevented).toBe(false);
    fireEvent.keyDown(group, { key: "ArrowRight", ctrlKey: true });
    expect(chosen()).toBe("none");
    fireEvent.keyDown(group, { key: "ArrowRight" });
    expect(chosen()).toBe("1");
  });

  it("offers 'not addressed' first when asked, by pointer and by keyboard", () => {
    render(<Picker initial={-3} notAddressed />);
    expect(screen.getAllByRole("radio")).toHaveLength(8);
    fireEvent.keyDown(screen.getByRole("radiogroup"), { key: "ArrowLeft" });
    expect(chosen()).toBe("none");
    expect((screen.getByRole("radio", { name: /Not addressed/ }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole("radio", { name: /Neutral/ }));
    expect(chosen()).toBe("0");
  });

  it("shows its error once, names it in the group's description and marks the group invalid", () => {
    render(<Picker error="choose a score" />);
    const error = screen.getByText("Score: choose a score");
    expect(error.id).toBe("test-score-error");
    expect(screen.getByRole("group", { name: "Score" }).getAttribute("aria-describedby")).toBe("test-score-error");
    expect(screen.getByRole("radiogroup").getAttribute("aria-invalid")).toBe("true");
  });

  it("has no error, description or invalid mark without an error", () => {
    render(<Picker />);
    expect(screen.getByRole("group", { name: "Score" }).getAttribute("aria-describedby")).toBeNull();
    expect(screen.getByRole("radiogroup").getAttribute("aria-invalid")).toBeNull();
  });

  it("shows each point's shortcut without putting it in the radio's name", () => {
    render(<Picker />);
    expect(screen.getByRole("radio", { name: "+3 Very conciliatory" })).toBeTruthy();
    expect(screen.getAllByText("7")[0]?.getAttribute("aria-hidden")).toBe("true");
  });

  it("compact: signs only on screen, every label still in the radios' names, the choice spelled out", () => {
    const onChange = vi.fn();
    render(<ScorePicker id="c" name="c" legend="Score toward Iran" legendHidden compact value={-2} onChange={onChange} />);
    expect(screen.getByRole("radio", { name: /Hostile/ })).toBeTruthy();
    expect(screen.getByText("−2 Hostile")).toBeTruthy();
    fireEvent.click(screen.getByRole("radio", { name: /Very conciliatory/ }));
    expect(onChange).toHaveBeenCalledWith(3);
  });
});
