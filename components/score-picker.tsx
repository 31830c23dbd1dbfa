"use client";

import { useRef, type KeyboardEvent } from "react";
import { describeScore, formatScore, maximumScore, minimumScore } from "@/lib/codings/scale";
import { FieldError } from "./form-feedback";
import { scoreWithLabel } from "./score-label";
import fieldStyles from "./form/fields.module.css";
import styles from "./score-picker.module.css";

const scores = Array.from({ length: maximumScore - minimumScore + 1 }, (_, index) => minimumScore + index);

/**
 * The one way to choose a stance score: native radios in a fieldset, so the
 * form submits without script, pointer and screen readers work as with any
 * radio group, and the scale's wording comes from lib/codings/scale.ts.
 * ←/→, Home and End move along the scale and choose; ↑/↓ are left to the page
 * (the coding queue moves between rows with them).
 */
export function ScorePicker({
  id,
  name,
  legend,
  value,
  onChange,
  error,
  compact = false,
  legendHidden = false,
  notAddressed,
  shortcutFor,
  describedBy,
}: {
  /** Prefix of the picker's ids; its error is `${id}-error`. */
  id: string;
  /** The radios' name, one per picker on a page. */
  name: string;
  legend: string;
  value: number | null;
  onChange: (score: number) => void;
  error?: string;
  /** Signs only, for a narrow panel: each label stays in its radio's name and the chosen one is spelled out below. */
  compact?: boolean;
  legendHidden?: boolean;
  /** A first option meaning "no score" (the statement does not address this target). */
  notAddressed?: { label: string; shortcut?: string; onChoose: () => void };
  /** The keyboard shortcut shown on each option, when the page has them. */
  shortcutFor?: (score: number) => string;
  /** Further ids for aria-describedby. */
  describedBy?: string;
}) {
  const group = useRef<HTMLDivElement>(null);
  const choices: (number | null)[] = notAddressed ? [null, ...scores] : scores;
  const choose = (score: number | null) => (score === null ? notAddressed?.onChoose() : onChange(score));

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const moves: Record<string, (index: number) => number> = {
      ArrowLeft: (index) => Math.max(0, index - 1),
      ArrowRight: (index) => Math.min(choices.length - 1, index + 1),
      Home: () => 0,
      End: () => choices.length - 1,
    };
    const move = moves[event.key];
    if (!move || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    const current = choices.indexOf(value);
    const next = move(current === -1 ? choices.indexOf(0) : current);
    choose(choices[next] ?? null);
    group.current?.querySelectorAll<HTMLInputElement>("input[type=radio]")[next]?.focus();
  }

  const errorId = error ? `${id}-error` : undefined;
  const optionClass = compact ? styles.compactOption : styles.option;
  return (
    <fieldset className={fieldStyles.field} aria-describedby={[errorId, describedBy].filter(Boolean).join(" ") || undefined}>
      <legend className={legendHidden ? "visually-hidden" : fieldStyles.label}>{legend}</legend>
      <div
        ref={group}
        role="radiogroup"
        aria-label={legend}
        aria-invalid={error ? true : undefined}
        className={compact ? styles.compactScale : notAddressed ? styles.scaleWithNone : styles.scale}
        onKeyDown={handleKeyDown}
      >
        {choices.map((score) => (
          <label
            key={score ?? "none"}
            className={score === null ? `${optionClass} ${styles.none}` : optionClass}
            title={compact && score !== null ? describeScore(score) : undefined}
          >
            <input type="radio" name={name} value={score ?? "none"} checked={value === score} onChange={() => choose(score)} />
            <span className={styles.sign} aria-hidden={score === null ? true : undefined}>
              {score === null ? "—" : formatScore(score)}
            </span>
            <span className={compact ? "visually-hidden" : undefined}>{score === null ? notAddressed?.label : describeScore(score)}</span>
            {(score === null ? notAddressed?.shortcut : shortcutFor?.(score)) && (
              <kbd className={`key key--hint ${styles.shortcut}`} aria-hidden="true">
                {score === null ? notAddressed?.shortcut : shortcutFor?.(score)}
              </kbd>
            )}
          </label>
        ))}
      </div>
      {compact && (
        <p className={styles.caption} aria-hidden="true">
          <span>{describeScore(minimumScore + 1)}</span>
          <strong>{value === null ? "Choose a score" : scoreWithLabel(value)}</strong>
          <span>{describeScore(maximumScore - 1)}</span>
        </p>
      )}
      <FieldError id={id} label={legend} message={error} className={fieldStyles.error} />
    </fieldset>
  );
}
