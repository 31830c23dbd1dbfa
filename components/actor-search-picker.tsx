"use client";

import { useId, useState } from "react";
import styles from "./actor-search-picker.module.css";
import { FieldError } from "./form-feedback";

export type ActorChoice = { id: string; name: string; detail?: string | null };

/** Case- and accent-insensitive, so "velayati" finds "Velayati" and "pezeshkian" finds "Pezeshkiān". */
function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

// Enough to pick from without the list outgrowing the side panel; typing narrows it.
const shownMatches = 30;

/**
 * One actor chosen from all of them: a search box narrowing a plain list box,
 * so it works with a keyboard and a screen reader without custom widgets.
 */
export function ActorSearchPicker({
  label,
  actors,
  value,
  onChange,
  error,
  hint,
  exclude = [],
}: {
  label: string;
  actors: ActorChoice[];
  value: string | null;
  onChange: (actorId: string | null) => void;
  error?: string;
  hint?: string;
  exclude?: string[];
}) {
  const id = useId();
  const [query, setQuery] = useState("");
  const folded = fold(query.trim());
  const candidates = actors.filter((actor) => !exclude.includes(actor.id));
  const matches = folded ? candidates.filter((actor) => fold(`${actor.name} ${actor.detail ?? ""}`).includes(folded)) : candidates;
  const selected = candidates.find((actor) => actor.id === value);
  // The chosen actor stays listed while the search moves on, so the choice is always visible.
  const shown = [...(selected ? [selected] : []), ...matches.filter((actor) => actor !== selected).slice(0, shownMatches)];
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

  return (
    <div className={`field ${styles.picker}`}>
      <label className="field__label" htmlFor={`${id}-list`}>
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <label className="visually-hidden" htmlFor={`${id}-search`}>
        Search {label.toLowerCase()} by name
      </label>
      <input
        id={`${id}-search`}
        type="search"
        autoComplete="off"
        placeholder="Type to search by name…"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <select
        id={`${id}-list`}
        className={styles.list}
        size={Math.min(Math.max(shown.length, 2), 6)}
        value={value ?? ""}
        onChange={(event) => onChange(event.target.value || null)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      >
        {shown.map((actor) => (
          <option key={actor.id} value={actor.id}>
            {actor.detail ? `${actor.name} (${actor.detail})` : actor.name}
          </option>
        ))}
      </select>
      <p className="field__hint" role="status">
        {shown.length === 0
          ? "No actor matches; try part of the name."
          : matches.length > shownMatches
            ? `Showing ${shownMatches} of ${matches.length}; type to narrow.`
            : ""}
      </p>
      <FieldError id={id} label={label} message={error} />
    </div>
  );
}
