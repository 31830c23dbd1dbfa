"use client";

import { useId, useState } from "react";

export type ChecklistOption = { id: string; label: string; detail: string };

/**
 * A filterable list of checkboxes in a disclosure, for picking any number of
 * many long items (statements, events). The chosen stay listed whatever the
 * filter, so they can always be unticked. Uses the dashboard's checkbox-list styles.
 */
export function OptionChecklist({
  label,
  options,
  chosen,
  onChange,
  errorId,
}: {
  label: string;
  options: ChecklistOption[];
  chosen: string[];
  onChange: (chosen: string[]) => void;
  errorId?: string;
}) {
  const [filter, setFilter] = useState("");
  const filterId = useId();
  const query = filter.trim().toLocaleLowerCase("en");
  const shown = query
    ? options.filter((option) => chosen.includes(option.id) || `${option.label} ${option.detail}`.toLocaleLowerCase("en").includes(query))
    : options;
  const summary = chosen.length === 0 ? "None chosen" : `${chosen.length} chosen`;

  function toggle(id: string, checked: boolean) {
    const next = new Set(chosen);
    if (checked) next.add(id);
    else next.delete(id);
    // In the options' order, so the request does not depend on the order of clicks.
    onChange(options.filter((option) => next.has(option.id)).map((option) => option.id));
  }

  return (
    <details className="checkbox-list">
      <summary className="checkbox-list__summary">
        <span className="checkbox-list__label">{label}</span>
        <span className="checkbox-list__value">{summary}</span>
      </summary>
      <fieldset className="checkbox-list__body" aria-describedby={errorId}>
        <legend className="visually-hidden">{label}</legend>
        {options.length > 6 && (
          <div className="checkbox-list__filter">
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
          <ul className="checkbox-list__options">
            {shown.map((option) => (
              <li key={option.id}>
                <label className="checkbox-list__option">
                  <input
                    type="checkbox"
                    checked={chosen.includes(option.id)}
                    onChange={(event) => toggle(option.id, event.target.checked)}
                  />
                  <span>
                    {option.label}
                    <span className="cell-meta">{option.detail}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {chosen.length > 0 && (
          <button type="button" className="link-button checkbox-list__clear" onClick={() => onChange([])}>
            Untick all
          </button>
        )}
      </fieldset>
    </details>
  );
}
