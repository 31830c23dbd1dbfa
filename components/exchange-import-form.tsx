"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { postWithUploadProgress } from "./json-request";
import styles from "./checkbox-field.module.css";

type LineError = { line: number; message: string };
type Outcome = { imported: number; unchanged: number; skipped: LineError[] };
type State =
  | { phase: "idle" }
  | { phase: "uploading"; percent: number }
  | { phase: "importing" }
  | { phase: "done"; outcome: Outcome }
  | { phase: "failed"; message: string; errors: LineError[] };

function formatOf(fileName: string): "csv" | "jsonl" | null {
  if (/\.csv$/i.test(fileName)) return "csv";
  if (/\.(jsonl|ndjson)$/i.test(fileName)) return "jsonl";
  return null;
}

export function ExchangeImportForm() {
  const router = useRouter();
  const [state, setState] = useState<State>({ phase: "idle" });

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setState({ phase: "failed", message: "Choose a .csv or .jsonl file to import.", errors: [] });
      return;
    }
    const format = formatOf(file.name);
    if (!format) {
      setState({ phase: "failed", message: "The file must end in .csv or .jsonl, the two formats Stancewatch exports.", errors: [] });
      return;
    }
    setState({ phase: "uploading", percent: 0 });
    const content = await file.text();
    const body = JSON.stringify({ format, content, skipInvalid: form.get("skipInvalid") === "on" });
    const result = await postWithUploadProgress(
      "/api/exchange",
      body,
      (percent) => setState({ phase: "uploading", percent }),
      () => setState({ phase: "importing" }),
    );
    const json = (result.json ?? {}) as { error?: string; errors?: LineError[] } & Partial<Outcome>;
    if (result.status === 200) {
      setState({ phase: "done", outcome: { imported: json.imported ?? 0, unchanged: json.unchanged ?? 0, skipped: json.skipped ?? [] } });
      router.refresh();
    } else {
      setState({ phase: "failed", message: json.error ?? `The import failed (status ${result.status}).`, errors: json.errors ?? [] });
    }
  }

  const busy = state.phase === "uploading" || state.phase === "importing";
  return (
    <form className="form" onSubmit={(event) => void handleSubmit(event)}>
      <div className="field">
        <label className="field__label" htmlFor="import-file">
          File (.csv or .jsonl)
        </label>
        <input
          id="import-file"
          name="file"
          type="file"
          accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson"
          required
          disabled={busy}
        />
      </div>
      <div className="field">
        <div className={styles.checkboxField}>
          <input id="import-skip-invalid" name="skipInvalid" type="checkbox" disabled={busy} />
          <label htmlFor="import-skip-invalid">Skip invalid rows and import the rest</label>
        </div>
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? "Importing…" : "Import"}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {state.phase === "uploading" && (
          <p>
            Uploading… {state.percent}% <progress max={100} value={state.percent} />
          </p>
        )}
        {state.phase === "importing" && (
          <p>
            Checking and importing every row… <progress />
          </p>
        )}
        {state.phase === "done" && (
          <div className="notice">
            Imported {state.outcome.imported} coding(s); {state.outcome.unchanged} were already present.
            {state.outcome.skipped.length > 0 && ` ${state.outcome.skipped.length} invalid row(s) were skipped:`}
          </div>
        )}
      </div>
      {state.phase === "failed" && (
        <div className="alert" role="alert">
          {state.message}
        </div>
      )}
      {(state.phase === "failed" ? state.errors : state.phase === "done" ? state.outcome.skipped : []).length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {(state.phase === "failed" ? state.errors : state.phase === "done" ? state.outcome.skipped : []).map((error, index) => (
              <tr key={`${error.line}-${index}`}>
                <td className="number">{error.line}</td>
                <td>{error.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </form>
  );
}
