"use client";

import Link from "next/link";
import { useRef, useState, type FormEvent } from "react";
import { postWithUploadProgress } from "./json-request";
import styles from "./source-import-form.module.css";
import checkboxFieldStyles from "./checkbox-field.module.css";
import { ScrollingTable } from "./scrolling-table";
import { FormActions, FormAlert } from "./form";
import { UploadProgress } from "./upload-progress";

type Problem = { where: string; message: string; existingSourceId?: string };
type Match = { id: string | null; where?: string; title: string; publisher: string; publishedOn: string; overlap: number };
type Choice = "keep" | "skip";
type NearDuplicateFinding = { where: string; title: string; choice: Choice | null; matches: Match[] };
type Outcome = {
  imported: { id: string; title: string; where: string }[];
  skipped: Problem[];
  nearDuplicates: NearDuplicateFinding[];
  nearDuplicatesKept: boolean;
};
type State =
  | { phase: "idle" }
  | { phase: "uploading"; percent: number }
  | { phase: "importing" }
  | { phase: "done"; outcome: Outcome }
  | { phase: "failed"; message: string; errors: Problem[] }
  | { phase: "choose"; message: string; nearDuplicates: NearDuplicateFinding[]; errors: Problem[] };

export type SourceImportFormProps = { accept: string; limits: string };

const percent = (overlap: number) => `${Math.round(overlap * 100)} %`;

export function SourceImportForm({ accept, limits }: SourceImportFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const [state, setState] = useState<State>({ phase: "idle" });
  // Keep or skip per near duplicate, by where it is in the upload; sent with the next attempt.
  const [choices, setChoices] = useState<Record<string, Choice>>({});

  async function submit(nearDuplicates: "ask" | Choice, nearDuplicateChoices: Record<string, Choice> = {}) {
    const form = new FormData(formRef.current!);
    const files = form.getAll("files").filter((entry): entry is File => entry instanceof File && entry.size > 0);
    const urls = String(form.get("urls") ?? "")
      .split(/\s+/)
      .map((url) => url.trim())
      .filter(Boolean);
    if (files.length === 0 && urls.length === 0) {
      setState({ phase: "failed", message: "Choose at least one file, or give at least one address to fetch.", errors: [] });
      return;
    }
    const defaults = Object.fromEntries(
      ["publisher", "publishedOn", "language"].map((key) => [key, String(form.get(key) ?? "").trim()]).filter(([, value]) => value !== ""),
    );
    const body = new FormData();
    for (const file of files) body.append("files", file, file.name);
    body.append(
      "options",
      JSON.stringify({ skipInvalid: form.get("skipInvalid") === "on", nearDuplicates, nearDuplicateChoices, defaults, urls }),
    );
    setState({ phase: "uploading", percent: 0 });
    const result = await postWithUploadProgress(
      "/api/sources/import",
      body,
      (value) => setState({ phase: "uploading", percent: value }),
      () => setState({ phase: "importing" }),
    );
    const json = (result.json ?? {}) as {
      error?: string;
      errors?: Problem[];
      nearDuplicates?: NearDuplicateFinding[];
      fieldErrors?: Record<string, string>;
    } & Partial<Outcome>;
    if (result.status === 200) setState({ phase: "done", outcome: json as Outcome });
    else if (result.status === 409 && json.nearDuplicates) {
      setChoices(
        Object.fromEntries(
          json.nearDuplicates.flatMap((finding) => (finding.choice ? [[finding.where, finding.choice] as const] : [])),
        ) as Record<string, Choice>,
      );
      setState({ phase: "choose", message: json.error ?? "", nearDuplicates: json.nearDuplicates, errors: json.errors ?? [] });
    } else setState({ phase: "failed", message: json.error ?? `The import failed (status ${result.status}).`, errors: json.errors ?? [] });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChoices({});
    void submit("ask");
  }

  const busy = state.phase === "uploading" || state.phase === "importing";
  const problems =
    state.phase === "failed" || state.phase === "choose" ? state.errors : state.phase === "done" ? state.outcome.skipped : [];
  return (
    <form ref={formRef} className="form" onSubmit={handleSubmit}>
      <div className="field">
        <label className="field__label" htmlFor="intake-files">
          Files
        </label>
        <input id="intake-files" name="files" type="file" multiple accept={accept} disabled={busy} aria-describedby="intake-files-hint" />
        <p className="field__hint" id="intake-files-hint">
          JSON Lines or JSON (title, publisher, url, publishedOn, language, text), saved article pages (.html), RSS or Atom feeds (.xml,
          .rss, .atom), plain text (.txt). {limits}
        </p>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="intake-urls">
          Addresses to fetch (optional)
        </label>
        <textarea id="intake-urls" name="urls" rows={3} disabled={busy} placeholder="https://…" aria-describedby="intake-urls-hint" />
        <p className="field__hint" id="intake-urls-hint">
          One article address a line; the server fetches each page and keeps its main text.
        </p>
      </div>
      <fieldset className={`field ${styles.defaults}`}>
        <legend className="field__label">For items that do not say (text files, pages without metadata)</legend>
        <div className="field">
          <label htmlFor="intake-publisher">Publisher</label>
          <input id="intake-publisher" name="publisher" type="text" disabled={busy} />
        </div>
        <div className="field">
          <label htmlFor="intake-date">Published on</label>
          <input id="intake-date" name="publishedOn" type="date" disabled={busy} />
        </div>
        <div className="field">
          <label htmlFor="intake-language">Language code</label>
          <input id="intake-language" name="language" type="text" placeholder="en, fa, ar…" disabled={busy} className="input--short" />
        </div>
      </fieldset>
      <div className={checkboxFieldStyles.checkboxField}>
        <input id="intake-skip-invalid" name="skipInvalid" type="checkbox" disabled={busy} />
        <label htmlFor="intake-skip-invalid">Skip invalid items and import the rest</label>
      </div>
      <FormActions pending={busy} label="Import" pendingLabel="Importing…" />
      <div role="status" aria-live="polite">
        <UploadProgress state={state} importing="Reading, checking and importing every item…" />
        {state.phase === "done" && (
          <div className="notice">
            Imported {state.outcome.imported.length} source{state.outcome.imported.length === 1 ? "" : "s"}.
            {state.outcome.skipped.length > 0 && ` ${state.outcome.skipped.length} invalid item(s) were skipped (listed below).`}
            {state.outcome.nearDuplicates.length > 0 &&
              ` Near duplicates: ${state.outcome.nearDuplicates.filter((finding) => finding.choice === "keep").length} kept, ${
                state.outcome.nearDuplicates.filter((finding) => finding.choice === "skip").length
              } skipped.`}
          </div>
        )}
      </div>
      <FormAlert message={state.phase === "failed" ? state.message : null} />
      {state.phase === "choose" && (
        <div className={styles.choice} role="alert">
          <p>{state.message}</p>
          <ScrollingTable columns={["Item", "Nearly repeats", "Keep or skip"]}>
            {state.nearDuplicates.map((finding) => (
              <tr key={finding.where}>
                <td>
                  <span className={styles.where}>{finding.where}</span> {finding.title}
                </td>
                <td>
                  <ul className={styles.matches}>
                    {finding.matches.map((match) => (
                      <li key={match.id ?? match.where}>
                        {match.id ? <Link href={`/sources/${match.id}`}>{match.title}</Link> : `${match.where}: ${match.title}`} (
                        {match.publisher}, {match.publishedOn}; {percent(match.overlap)} of the text)
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  <fieldset className={styles.keepOrSkip}>
                    <legend className="visually-hidden">Keep or skip {finding.where}</legend>
                    {(["keep", "skip"] as const).map((choice) => (
                      <label key={choice}>
                        <input
                          type="radio"
                          name={`near-duplicate-${finding.where}`}
                          value={choice}
                          checked={choices[finding.where] === choice}
                          onChange={() => setChoices((previous) => ({ ...previous, [finding.where]: choice }))}
                        />{" "}
                        {choice === "keep" ? "Keep" : "Skip"}
                      </label>
                    ))}
                  </fieldset>
                </td>
              </tr>
            ))}
          </ScrollingTable>
          <div className="form__actions">
            <button
              type="button"
              className="button button--primary"
              disabled={state.nearDuplicates.some((finding) => !choices[finding.where])}
              onClick={() => void submit("ask", choices)}
            >
              Import with these choices
            </button>
            <button type="button" className="button" onClick={() => void submit("keep")}>
              Keep them all and import
            </button>
            <button type="button" className="button" onClick={() => void submit("skip")}>
              Skip them all, import the rest
            </button>
          </div>
          {state.nearDuplicates.some((finding) => !choices[finding.where]) && (
            <p className={styles.where}>
              {state.nearDuplicates.filter((finding) => !choices[finding.where]).length} still to choose before importing with your choices.
            </p>
          )}
        </div>
      )}
      {problems.length > 0 && (
        <ScrollingTable columns={["File and line or item", "Problem"]} label={state.phase === "done" ? "Skipped items" : "Problems"}>
          {problems.map((problem, index) => (
            <tr key={`${problem.where}-${index}`}>
              <td className={styles.where}>{problem.where}</td>
              <td>
                {problem.message}
                {problem.existingSourceId && (
                  <>
                    {" "}
                    <Link href={`/sources/${problem.existingSourceId}`}>Open the stored source</Link>
                  </>
                )}
              </td>
            </tr>
          ))}
        </ScrollingTable>
      )}
      {state.phase === "done" && state.outcome.imported.length > 0 && (
        <section aria-labelledby="intake-imported-heading">
          <h2 className="card__title" id="intake-imported-heading">
            Imported
          </h2>
          <ul className={styles.imported}>
            {state.outcome.imported.slice(0, 100).map((item) => (
              <li key={item.id}>
                <Link href={`/sources/${item.id}`}>{item.title}</Link> <span className={styles.where}>{item.where}</span>
              </li>
            ))}
          </ul>
          {state.outcome.imported.length > 100 && (
            <p className="form__hint">…and {state.outcome.imported.length - 100} more, in the sources list.</p>
          )}
        </section>
      )}
    </form>
  );
}
