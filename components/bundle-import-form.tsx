"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { bundleKindNames, describeKind, type BundleKind } from "@/lib/exchange/bundle-kinds";
import { bundleImportOptionsSchema, bundleImportUrl } from "@/lib/exchange/bundle-request";
import { CheckboxField, FileField, FormActions, FormMessages, useSchemaForm } from "./form";
import type { JsonResponse } from "./json-request";
import { LineProblemsTable, type LineProblem } from "./line-problems-table";
import { UploadProgress, useUpload } from "./upload-progress";

type Outcome = { created: Partial<Record<BundleKind, number>>; unchanged: number; skipped: LineProblem[] };
type Refusal = { errors: LineProblem[]; conflicts: LineProblem[] };

function describeCreated(created: Outcome["created"]): string {
  const parts = bundleKindNames.filter((kind) => created[kind]).map((kind) => `${created[kind]} ${describeKind(kind).label}(s)`);
  return parts.length > 0 ? parts.join(", ") : "nothing new";
}

/** Imports a corpus bundle: every line checked first, then all of it or nothing (docs/decisions/0028). */
export function BundleImportForm() {
  const router = useRouter();
  const { progress, upload } = useUpload<Outcome>((status) => `The import failed (status ${status}); nothing was imported.`);
  const [refusal, setRefusal] = useState<Refusal>({ errors: [], conflicts: [] });
  const [skipped, setSkipped] = useState<LineProblem[]>([]);

  const form = useSchemaForm<{ file: File | null; skipConflicts: boolean }, Outcome>({
    schema: () => import("@/lib/exchange/bundle-request").then((schemas) => schemas.bundleImportOptionsSchema),
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
        const reply = await upload(bundleImportUrl(bundleImportOptionsSchema.parse(body)), form.values.file!);
        if (reply.ok) return reply;
        setRefusal({ errors: (reply.json.errors ?? []) as LineProblem[], conflicts: (reply.json.conflicts ?? []) as LineProblem[] });
        // Conflicting lines are not a stale edit: the kit shows them as its alert, the tables below list them.
        return { ...reply, status: reply.status === 409 ? 422 : reply.status, fieldErrors: {} };
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
      <FormActions pending={form.pending} label="Import bundle" pendingLabel="Importing…" />
      <UploadProgress state={progress} importing="Checking every line and importing…" />
      <FormMessages form={form} signInAgain={{ returnTo: "/exchange", then: "import again" }} />
      <LineProblemsTable caption="Lines that cannot be imported" problems={refusal.errors} />
      <LineProblemsTable caption="Lines that conflict with what is stored" problems={refusal.conflicts} />
      <LineProblemsTable caption="Conflicting lines skipped" problems={skipped} />
    </form>
  );
}
