"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { bundleKindNames, describeKind, type BundleKind } from "@/lib/exchange/bundle-kinds";
import { bundleImportOptionsSchema, bundleImportUrl } from "@/lib/exchange/bundle-request";
import { CheckboxField, FileField, FormMessages, useSchemaForm } from "./form";
import { postWithUploadProgress, type JsonResponse } from "./json-request";
import { LineProblemsTable, type LineProblem } from "./line-problems-table";
import { UploadProgress } from "./upload-progress";

type Outcome = { created: Partial<Record<BundleKind, number>>; unchanged: number; skipped: LineProblem[] };
type Refusal = { errors: LineProblem[]; conflicts: LineProblem[] };
type Progress = { phase: "idle" } | { phase: "uploading"; percent: number } | { phase: "importing" };

function describeCreated(created: Outcome["created"]): string {
  const parts = bundleKindNames.filter((kind) => created[kind]).map((kind) => `${created[kind]} ${describeKind(kind).label}(s)`);
  return parts.length > 0 ? parts.join(", ") : "nothing new";
}

/** Imports a corpus bundle: every line checked first, then all of it or nothing (docs/decisions/0028). */
export function BundleImportForm() {
  const router = useRouter();
  const [progress, setProgress] = useState<Progress>({ phase: "idle" });
  const [refusal, setRefusal] = useState<Refusal>({ errors: [], conflicts: [] });
  const [skipped, setSkipped] = useState<LineProblem[]>([]);

  const form = useSchemaForm<{ file: File | null; skipConflicts: boolean }, Outcome>({
    schema: bundleImportOptionsSchema,
    idPrefix: "bundle",
    initialValues: { file: null, skipConflicts: false },
    labels: { file: "Bundle file (.jsonl)", skipConflicts: "Skip conflicting lines, keeping what is stored, and import the rest" },
    toBody: (values) => ({ skipConflicts: values.skipConflicts }),
    check: (values) => ({ file: values.file ? undefined : "choose the bundle file (.jsonl) to import" }),
    request: {
      // The file goes as the body itself, with upload progress; the choice goes in the address.
      send: async (body): Promise<JsonResponse<Outcome>> => {
        setRefusal({ errors: [], conflicts: [] });
        setSkipped([]);
        setProgress({ phase: "uploading", percent: 0 });
        const result = await postWithUploadProgress(
          bundleImportUrl(bundleImportOptionsSchema.parse(body)),
          form.values.file!,
          (percent) => setProgress({ phase: "uploading", percent }),
          () => setProgress({ phase: "importing" }),
        );
        setProgress({ phase: "idle" });
        const json = (result.json ?? {}) as Partial<Outcome & Refusal> & { error?: string };
        if (result.status === 200) return { ok: true, status: 200, body: json as Outcome };
        setRefusal({ errors: json.errors ?? [], conflicts: json.conflicts ?? [] });
        // Conflicting lines are not a stale edit: the kit shows them as its alert, the tables below list them.
        return {
          ok: false,
          status: result.status === 409 ? 422 : result.status,
          error: json.error ?? `The import failed (status ${result.status}); nothing was imported.`,
          fieldErrors: {},
        };
      },
    },
    onSuccess: (outcome) => {
      setSkipped(outcome.skipped);
      form.setNotice(
        `Imported ${describeCreated(outcome.created)}; ${outcome.unchanged} record(s) were already stored unchanged` +
          (outcome.skipped.length > 0 ? `; ${outcome.skipped.length} conflicting line(s) skipped (listed below).` : "."),
      );
      router.refresh();
    },
  });

  return (
    <form className="form" onSubmit={form.handleSubmit} noValidate aria-label="Import a corpus bundle">
      <FileField
        {...form.field("file")}
        accept=".jsonl,.ndjson,application/x-ndjson"
        disabled={form.pending}
        hint="A file from Download corpus bundle, here or in another Stancewatch."
      />
      <CheckboxField
        {...form.field("skipConflicts")}
        disabled={form.pending}
        hint="A conflict is a line whose record is stored already with other values (same id, or same slug, text or key). Lines with errors are never skipped."
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={form.pending}>
          {form.pending ? "Importing…" : "Import bundle"}
        </button>
      </div>
      <UploadProgress state={progress} importing="Checking every line and importing…" />
      <FormMessages form={form} signInAgain={{ returnTo: "/exchange", then: "import again" }} />
      <LineProblemsTable caption="Lines that cannot be imported" problems={refusal.errors} />
      <LineProblemsTable caption="Lines that conflict with what is stored" problems={refusal.conflicts} />
      <LineProblemsTable caption="Conflicting lines skipped" problems={skipped} />
    </form>
  );
}
