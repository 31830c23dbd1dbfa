"use client";

import { useId, useState } from "react";
import styles from "./checkbox-list.module.css";

export type CheckboxListOption = { value: string; label: string; detail?: string };

/**
 * A multi-select as a disclosure holding a filterable checkbox list: native
 * controls, so keyboard and screen readers need nothing special. The chosen
 * stay listed whatever the filter, so they can always be unticked. Used by
 * the dashboard's filters and the scenario forms.
 */
export function CheckboxList({
  label,
  options,
  chosen,
  onChange,
  summary,
  hint,
  name,
  describedBy,
  filterAbove,
  clearLabel,
  onlyAction = false,
}: {
  label: string;
  options: readonly CheckboxListOption[];
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
  /** What the closed disclosure says is chosen. */
  summary: string;
  hint?: string;
  /** A form field name, so a plain form submits the choice before its script has loaded. */
  name?: string;
  /** Further ids for aria-describedby, such as a field error's. */
  describedBy?: string;
  /** Above this many options a search box filters them. */
  filterAbove: number;
  clearLabel: string;
  /** Offer "only" beside each option: choose it alone in one click (a Grafana or Metabase user expects it). */
  onlyAction?: boolean;
}) {
  const [filter, setFilter] = useState("");
  const filterId = useId();
  const hintId = useId();
  const query = filter.trim().toLocaleLowerCase("en");
  const shown = query
    ? options.filter(
        (option) => chosen.includes(option.value) || `${option.label} ${option.detail ?? ""}`.toLocaleLowerCase("en").includes(query),
      )
    : options;

  function toggle(value: string, checked: boolean) {
    const next = new Set(chosen);
    if (checked) next.add(value);
    else next.delete(value);
    // In the options' order, so the result does not depend on the order of clicks.
    onChange(options.filter((option) => next.has(option.value)).map((option) => option.value));
  }

  return (
    <details className={styles.checkboxList}>
      <summary className={`${styles.summary} opens-with-arrow`}>
        <span className={styles.label}>{label}</span>
        <span className={styles.value}>{summary}</span>
      </summary>
      <fieldset className={styles.body} aria-describedby={[hint ? hintId : undefined, describedBy].filter(Boolean).join(" ") || undefined}>
        <legend className="visually-hidden">{label}</legend>
        {hint && (
          <p className="field__hint" id={hintId}>
            {hint}
          </p>
        )}
        {options.length > filterAbove && (
          <div className={styles.filter}>
            <label htmlFor={filterId} className="visually-hidden">
              Find in {label.toLocaleLowerCase("en")}
            </label>
            <input
              id={filterId}
              type="search"
              placeholder="Find…"
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
              // Enter here would submit the whole form.
              onKeyDown={(event) => event.key === "Enter" && event.preventDefault()}
            />
          </div>
        )}
        {options.length === 0 ? (
          <p className="field__hint">None to choose from.</p>
        ) : shown.length === 0 ? (
          <p className="field__hint">Nothing matches “{filter.trim()}”.</p>
        ) : (
          <ul className={styles.options}>
            {shown.map((option) => (
              <li key={option.value} className={onlyAction ? styles.row : undefined}>
                <label className={styles.option}>
                  <input
                    type="checkbox"
                    name={name}
                    value={option.value}
                    checked={chosen.includes(option.value)}
                    onChange={(event) => toggle(option.value, event.target.checked)}
                  />
                  {option.detail === undefined ? (
                    option.label
                  ) : (
                    <span>
                      {option.label}
                      <span className="cell-meta">{option.detail}</span>
                    </span>
                  )}
                </label>
                {onlyAction && !(chosen.length === 1 && chosen[0] === option.value) && (
                  <button type="button" className={`link-button ${styles.only}`} onClick={() => onChange([option.value])}>
                    only<span className="visually-hidden"> {option.label}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {chosen.length > 0 && (
          <button type="button" className={`link-button ${styles.clear}`} onClick={() => onChange([])}>
            {clearLabel}
          </button>
        )}
      </fieldset>
    </details>
  );
}
