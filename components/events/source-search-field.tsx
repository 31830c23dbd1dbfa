"use client";

import { useEffect, useId, useState } from "react";
import type { SearchResults } from "@/lib/data/search";
import type { CheckboxListOption } from "../checkbox-list";
import { FieldError } from "../form-feedback";
import { formatDay } from "../format";
import styles from "./source-search-field.module.css";

type Found =
  | { state: "idle" }
  | { state: "searching" }
  | { state: "failed"; message: string }
  | { state: "found"; options: CheckboxListOption[]; more: boolean };

// The search API's own largest page; typing more words narrows it.
const shownResults = 20;
// Short enough to feel immediate, long enough not to query at every keystroke.
const typingPause = 250;

function optionsOf(results: SearchResults): CheckboxListOption[] {
  return results.sources.map((source) => ({
    value: source.id,
    label: source.title,
    detail: `${source.publisher}, ${formatDay(source.publishedOn)}`,
  }));
}

/**
 * The sources an event links to, chosen from all of them: the search box asks
 * the server (`GET /api/search?kind=sources`, the header search's ranking:
 * title and text words, their other forms, misspellings), so a source far
 * beyond the first page of the list is found as easily as a recent one. With
 * the box empty the most recent sources are offered. Chosen sources stay
 * listed with a Remove button, whatever the search shows.
 */
export function SourceSearchField({
  id,
  label,
  value,
  onChange,
  error,
  recent,
  known,
  onLearn,
}: {
  id: string;
  label: string;
  value: string[];
  onChange: (sourceIds: string[]) => void;
  error: string | undefined;
  /** The most recent sources, offered before anything is typed. */
  recent: readonly CheckboxListOption[];
  /** Titles already known (the recent sources, the event's own), so chosen ids read as titles. */
  known: ReadonlyMap<string, CheckboxListOption>;
  /** Tells the form the title of a source chosen from the search, for its conflict comparison. */
  onLearn: (option: CheckboxListOption) => void;
}) {
  const searchId = useId();
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<Found>({ state: "idle" });
  const [learnt, setLearnt] = useState<ReadonlyMap<string, CheckboxListOption>>(() => new Map());
  const trimmed = query.trim();

  useEffect(() => {
    if (!trimmed) return;
    const controller = new AbortController();
    const timer = window.setTimeout(async () => {
      setFound({ state: "searching" });
      try {
        const parameters = new URLSearchParams({ q: trimmed, kind: "sources", limit: String(shownResults) });
        const response = await fetch(`/api/search?${parameters}`, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
          signal: controller.signal,
        });
        const body = (await response.json().catch(() => null)) as (SearchResults & { error?: string }) | null;
        if (!response.ok || !body || !Array.isArray(body.sources)) {
          setFound({
            state: "failed",
            message:
              response.status === 401
                ? "You have been signed out; sign in again in another tab, then search again."
                : (body?.error ?? "The search did not answer. Please try again."),
          });
          return;
        }
        setFound({ state: "found", options: optionsOf(body), more: body.more?.sources ?? false });
      } catch (caught) {
        if ((caught as Error).name === "AbortError") return;
        setFound({ state: "failed", message: "Stancewatch could not be reached. Check your connection and try again." });
      }
    }, typingPause);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [trimmed]);

  const labelOf = (sourceId: string) => learnt.get(sourceId) ?? known.get(sourceId);
  const offered = trimmed ? (found.state === "found" ? found.options : []) : recent;

  function toggle(option: CheckboxListOption, checked: boolean) {
    if (checked) {
      if (!known.has(option.value) && !learnt.has(option.value)) {
        setLearnt((previous) => new Map(previous).set(option.value, option));
        onLearn(option);
      }
      onChange(value.includes(option.value) ? value : [...value, option.value]);
    } else onChange(value.filter((sourceId) => sourceId !== option.value));
  }

  const status = !trimmed
    ? recent.length > 0
      ? `The ${recent.length} most recent sources; type to search all of them.`
      : "Type to search the sources by title or words in their text."
    : found.state === "searching" || found.state === "idle"
      ? "Searching…"
      : found.state === "failed"
        ? ""
        : found.options.length === 0
          ? `No source matches “${trimmed}”; try other words or part of the title.`
          : `${found.options.length}${found.more ? "+" : ""} source${found.options.length === 1 ? "" : "s"} match${found.options.length === 1 ? "es" : ""}${found.more ? "; add words to narrow" : ""}.`;

  return (
    <fieldset className={`field ${styles.field}`} id={id} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className={styles.legend}>{label}</legend>
      {value.length === 0 ? (
        <p className="field__hint">No source linked yet.</p>
      ) : (
        <ul className={styles.chosen} aria-label={`${label} linked`}>
          {value.map((sourceId) => {
            const option = labelOf(sourceId);
            return (
              <li key={sourceId}>
                <span>
                  {option?.label ?? sourceId}
                  {option?.detail && <span className="cell-meta">{option.detail}</span>}
                </span>
                <button type="button" className="link-button" onClick={() => onChange(value.filter((chosen) => chosen !== sourceId))}>
                  Remove<span className="visually-hidden"> {option?.label ?? "this source"}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <label className="field__hint" htmlFor={searchId}>
        Find a source to link
      </label>
      <input
        id={searchId}
        type="search"
        autoComplete="off"
        placeholder="Words of the title or text…"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        // Enter here would submit the whole event.
        onKeyDown={(event) => event.key === "Enter" && event.preventDefault()}
      />
      <p className="field__hint" role="status">
        {status}
      </p>
      {found.state === "failed" && trimmed && (
        <p className="alert" role="alert">
          {found.message}
        </p>
      )}
      {offered.length > 0 && (
        <ul className={styles.options}>
          {offered.map((option) => (
            <li key={option.value}>
              <label className={styles.option}>
                <input type="checkbox" checked={value.includes(option.value)} onChange={(event) => toggle(option, event.target.checked)} />
                <span>
                  {option.label}
                  {option.detail && <span className="cell-meta">{option.detail}</span>}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <FieldError id={id} label={label} message={error} />
    </fieldset>
  );
}
