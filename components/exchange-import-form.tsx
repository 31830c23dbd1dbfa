"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { postWithUploadProgress } from "./json-request";
import styles from "./checkbox-field.module.css";
import { FormActions, FormMessages } from "./form";
import { LineProblemsTable, type LineProblem } from "./line-problems-table";
import { UploadProgress } from "./upload-progress";

type Outcome = { imported: number; unchanged: number; skipped: LineProblem[] };
type State =
  | { phase: "idle" }
  | { phase: "uploading"; percent: number }
  | { phase: "importing" }
  | { phase: "done"; outcome: Outcome }
  | { phase: "failed"; message: string; errors: LineProblem[] };

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
    const json = (result.json ?? {}) as { error?: string; errors?: LineProblem[] } & Partial<Outcome>;
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
      <FormActions pending={busy} label="Import" pendingLabel="Importing…" />
      <UploadProgress state={state} importing="Checking and importing every row…" />
      <FormMessages
        form={{
          alert: state.phase === "failed" ? state.message : null,
          notice: state.phase === "done" && (
            <>
              Imported {state.outcome.imported} coding(s); {state.outcome.unchanged} were already present.
              {state.outcome.skipped.length > 0 && ` ${state.outcome.skipped.length} invalid row(s) were skipped (listed below).`}
            </>
          ),
          signedOut: false,
        }}
      />
      <LineProblemsTable caption="Rows that cannot be imported" problems={state.phase === "failed" ? state.errors : []} />
      <LineProblemsTable caption="Invalid rows skipped" problems={state.phase === "done" ? state.outcome.skipped : []} />
    </form>
  );
}
