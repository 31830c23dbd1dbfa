"use client";

import Link from "@/components/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { formatDate } from "@/lib/dashboard/summary";
import type { ActorOption, DashboardFilterOptions, DateWindow } from "@/lib/dashboard/types";
import {
  dashboardParameters,
  dashboardSearchParams,
  type ConfidenceLevel,
  type DashboardView,
  type TimeUnit,
} from "@/lib/dashboard/view-url";
import { CheckboxList, type CheckboxListOption } from "../checkbox-list";
import styles from "./dashboard-filters.module.css";
import checkboxFieldStyles from "@/components/checkbox-field.module.css";

const confidenceLabels: Record<ConfidenceLevel, string> = { LOW: "Any", MEDIUM: "Medium or high", HIGH: "High only" };
const unitLabels: Record<TimeUnit, string> = { day: "Day", week: "Week", month: "Month" };

// A typed date changes with every digit; waiting this long after the last one keeps half-typed years out of the history.
const dateSettleMilliseconds = 800;

/** A complete date the dashboard can use: typing "2024" passes through years 2, 20 and 202 first. */
function isUsableDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && Number(value.slice(0, 4)) >= 1900;
}

function sameMembers(first: readonly string[], second: readonly string[]): boolean {
  return first.length === second.length && first.every((slug) => second.includes(slug));
}

// Only actors the page knows count: an unknown key in the URL is dropped (the page says so), so the picker must not claim it is chosen.
function describeChoice(chosen: readonly string[], options: readonly ActorOption[], none: string): string {
  const names = options.filter((option) => chosen.includes(option.slug)).map((option) => option.name);
  if (names.length === 0) return none;
  if (names.length <= 2) return names.join(", ");
  return `${names.slice(0, 2).join(", ")} and ${names.length - 2} more`;
}

function optionsOf(actors: readonly ActorOption[]): CheckboxListOption[] {
  return actors.map((actor) => ({ value: actor.slug, label: actor.name }));
}

/**
 * The dashboard's filters. Every change goes straight into the URL, which the
 * page renders from: a link reproduces the view, and back and forward step
 * through the changes. Without script the form submits the same parameters.
 */
export function DashboardFilters({
  view,
  options,
  chosenWindow,
  chosenUnit,
}: {
  view: DashboardView;
  options: DashboardFilterOptions;
  /** The window and unit the data layer chose, shown where the view leaves them to it. */
  chosenWindow: DateWindow;
  chosenUnit: TimeUnit;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const current = dashboardSearchParams(view).toString();
  const [draft, setDraft] = useState(view);
  const [draftFor, setDraftFor] = useState(current);
  const dateTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const fromId = useId();
  const toId = useId();
  const dateErrorId = useId();

  // Back, forward or Reset bring a new view: the controls follow it.
  if (draftFor !== current) {
    setDraftFor(current);
    setDraft(view);
  }

  useEffect(() => () => cancelTimer(dateTimer.current), []);

  const datesOutOfOrder = draft.from !== null && draft.to !== null && draft.from > draft.to;

  function apply(next: DashboardView) {
    cancelTimer(dateTimer.current);
    setDraft(next);
    if (next.from !== null && next.to !== null && next.from > next.to) return;
    const query = dashboardSearchParams(next).toString();
    if (query === current) return;
    startTransition(() => router.push(query ? `/?${query}` : "/", { scroll: false }));
  }

  function changeDate(key: "from" | "to", value: string) {
    const next = { ...draft, [key]: value === "" ? null : value };
    setDraft(next);
    cancelTimer(dateTimer.current);
    if (value === "" || isUsableDate(value)) dateTimer.current = setTimeout(() => apply(next), dateSettleMilliseconds);
  }

  function commitDates() {
    const usable = (value: string | null) => value === null || isUsableDate(value);
    if (usable(draft.from) && usable(draft.to)) apply(draft);
  }

  const trackedTargets = options.trackedTargetSlugs;
  const knownTargets = draft.targets.filter((slug) => options.targets.some((option) => option.slug === slug));
  const chosenTargets = knownTargets.length > 0 ? knownTargets : trackedTargets;

  const speakersChosen = describeChoice(draft.speakers, options.speakers, "Everyone");
  const targetsChosen = describeChoice(knownTargets, options.targets, "Tracked targets");
  const otherSettings = [
    draft.speaksFor.length > 0,
    draft.from !== null || draft.to !== null,
    draft.unit !== null,
    draft.minimumConfidence !== "LOW",
    draft.directQuotesOnly,
    draft.adjudicatedOnly,
  ].filter(Boolean).length;

  return (
    <form
      className={`card ${styles.dashboardFilters}`}
      action="/"
      method="get"
      aria-label="Filters"
      onSubmit={(event) => {
        event.preventDefault();
        commitDates();
      }}
    >
      {/* Closed on a phone, where the open filters filled more than the first screen and the charts began below it; on a
          wider screen the stylesheet shows the contents and hides this line, whatever the state (decision 0048). */}
      <details className={`${styles.disclosure} folded-on-phone`}>
        <summary className={`${styles.summary} opens-with-arrow`}>
          <span className={styles.summaryLabel}>Filters</span>
          <span className={styles.summaryValue}>
            {speakersChosen} toward {knownTargets.length > 0 ? targetsChosen : "tracked targets"}
            {otherSettings > 0 && ` · ${otherSettings} more setting${otherSettings === 1 ? "" : "s"}`}
          </span>
        </summary>
        <div className={styles.contents}>
          <div className={styles.lists}>
            <CheckboxList
              label="Speakers"
              name={dashboardParameters.speakers}
              options={optionsOf(options.speakers)}
              filterAbove={10}
              clearLabel="Clear"
              onlyAction
              chosen={draft.speakers}
              summary={speakersChosen}
              hint="None ticked: everyone."
              onChange={(speakers) => apply({ ...draft, speakers })}
            />
            <CheckboxList
              label="Everyone who speaks for"
              name={dashboardParameters.speaksFor}
              options={optionsOf(options.represented)}
              filterAbove={10}
              clearLabel="Clear"
              onlyAction
              chosen={draft.speaksFor}
              summary={describeChoice(draft.speaksFor, options.represented, "Any")}
              hint="Adds every official of the states or organisations ticked, and the state or organisation itself."
              onChange={(speaksFor) => apply({ ...draft, speaksFor })}
            />
            <CheckboxList
              label="Targets"
              name={dashboardParameters.targets}
              options={optionsOf(options.targets)}
              filterAbove={10}
              clearLabel="Clear"
              onlyAction
              chosen={chosenTargets}
              summary={targetsChosen}
              hint="Unless you choose others, the tracked targets."
              // The tracked targets are the default, so choosing exactly them keeps the link short.
              onChange={(targets) => apply({ ...draft, targets: sameMembers(targets, trackedTargets) ? [] : targets })}
            />
          </div>
          <div className={styles.row}>
            <WindowDateInput
              id={fromId}
              label="From"
              name={dashboardParameters.from}
              value={draft.from}
              fromTheData={chosenWindow.from}
              bounds={{ max: draft.to ?? undefined }}
              errorId={datesOutOfOrder ? dateErrorId : undefined}
              onChange={(value) => changeDate("from", value)}
              onBlur={commitDates}
            />
            <WindowDateInput
              id={toId}
              label="To"
              name={dashboardParameters.to}
              value={draft.to}
              fromTheData={chosenWindow.to}
              bounds={{ min: draft.from ?? undefined }}
              errorId={datesOutOfOrder ? dateErrorId : undefined}
              onChange={(value) => changeDate("to", value)}
              onBlur={commitDates}
            />
            <div className="field">
              <label className="field__label" htmlFor={`${fromId}-unit`}>
                Mean per
              </label>
              <select
                id={`${fromId}-unit`}
                name={dashboardParameters.unit}
                value={draft.unit ?? ""}
                onChange={(event) => apply({ ...draft, unit: event.target.value === "" ? null : (event.target.value as TimeUnit) })}
              >
                <option value="">Automatic ({unitLabels[chosenUnit].toLocaleLowerCase("en")})</option>
                {(Object.keys(unitLabels) as TimeUnit[]).map((option) => (
                  <option key={option} value={option}>
                    {unitLabels[option]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="field__label" htmlFor={`${fromId}-confidence`}>
                Minimum confidence
              </label>
              <select
                id={`${fromId}-confidence`}
                name={dashboardParameters.minimumConfidence}
                value={draft.minimumConfidence.toLowerCase()}
                onChange={(event) => apply({ ...draft, minimumConfidence: event.target.value.toUpperCase() as ConfidenceLevel })}
              >
                {options.confidenceLevels.map((level) => (
                  <option key={level} value={level.toLowerCase()}>
                    {confidenceLabels[level]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {datesOutOfOrder && (
            <p className="field__error" id={dateErrorId}>
              “From” must not be after “To”.
            </p>
          )}
          <div className={`${styles.row} ${styles.rowEnd}`}>
            <label className={checkboxFieldStyles.checkboxField}>
              <input
                type="checkbox"
                name={dashboardParameters.directQuotesOnly}
                value="direct"
                checked={draft.directQuotesOnly}
                onChange={(event) => apply({ ...draft, directQuotesOnly: event.target.checked })}
              />
              Direct quotes only
            </label>
            <label className={checkboxFieldStyles.checkboxField}>
              <input
                type="checkbox"
                name={dashboardParameters.adjudicatedOnly}
                value="only"
                checked={draft.adjudicatedOnly}
                onChange={(event) => apply({ ...draft, adjudicatedOnly: event.target.checked })}
              />
              Adjudicated only
            </label>
            <div className={styles.actions}>
              <p className={styles.status} role="status">
                {pending ? "Updating…" : ""}
              </p>
              <button type="submit" className="button button--small">
                Apply
              </button>
              <Link href="/" className={styles.reset}>
                Reset
              </Link>
            </div>
          </div>
        </div>
      </details>
    </form>
  );
}

/**
 * One end of the date window. Empty means "from the data", which the hint then
 * gives; a date is repeated in the hint the way the rest of the app writes it
 * (the field shows it in the browser's format). `errorId` marks it invalid.
 */
function WindowDateInput({
  id,
  label,
  name,
  value,
  fromTheData,
  bounds,
  errorId,
  onChange,
  onBlur,
}: {
  id: string;
  label: string;
  name: string;
  value: string | null;
  fromTheData: string;
  bounds: { min?: string; max?: string };
  errorId: string | undefined;
  onChange: (value: string) => void;
  onBlur: () => void;
}) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type="date"
        name={name}
        value={value ?? ""}
        {...bounds}
        aria-describedby={errorId}
        aria-invalid={errorId ? true : undefined}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
      />
      {value === null ? (
        <p className="field__hint">From the data: {formatDate(fromTheData)}</p>
      ) : (
        isUsableDate(value) && <p className="field__hint">{formatDate(value)}</p>
      )}
    </div>
  );
}

function cancelTimer(timer: ReturnType<typeof setTimeout> | undefined) {
  if (timer !== undefined) clearTimeout(timer);
}
