"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { exchangeFormatOf, exchangeImportSchema } from "@/lib/exchange/import-request";
import { CheckboxField, FileField, FormActions, FormMessages, useSchemaForm } from "./form";
import type { JsonResponse } from "./json-request";
import { recordHistoryPath } from "./history-links";
import { LineProblemsTable, type LineProblem } from "./line-problems-table";
import Link from "./link";
import { UploadProgress, useUpload } from "./upload-progress";

type Outcome = { imported: number; unchanged: number; skipped: LineProblem[]; importId: string | null };

/** Imports codings from a CSV or JSON Lines file: every row checked first, then all of them or none unless invalid ones are skipped. */
export function ExchangeImportForm() {
  const router = useRouter();
  const { progress, upload } = useUpload<Outcome>((status) => `The import failed (status ${status}); nothing was imported.`);
  const [refused, setRefused] = useState<LineProblem[]>([]);
  const [skipped, setSkipped] = useState<LineProblem[]>([]);
  const [importId, setImportId] = useState<string | null>(null);

  const form = useSchemaForm<{ file: File | null; skipInvalid: boolean }, Outcome>({
    schema: () => import("@/lib/exchange/import-request").then((schemas) => schemas.exchangeImportFileSchema),
    idPrefix: "import",
    initialValues: { file: null, skipInvalid: false },
    labels: { file: "File (.csv or .jsonl)", skipInvalid: "Skip invalid rows and import the rest" },
    // The route's body holds the file's content and format: their errors (too large) belong to the file.
    paths: { content: "file", format: "file" },
    request: {
      send: async (): Promise<JsonResponse<Outcome>> => {
        setRefused([]);
        setSkipped([]);
        setImportId(null);
        const file = form.values.file!;
        const body = { format: exchangeFormatOf(file.name), content: await file.text(), skipInvalid: form.values.skipInvalid };
        const checked = exchangeImportSchema.safeParse(body);
        if (!checked.success) {
          const [issue] = checked.error.issues;
          return { ok: false, status: 422, error: "", fieldErrors: { [String(issue!.path[0])]: issue!.message } };
        }
        const reply = await upload("/api/exchange", JSON.stringify(checked.data));
        if (!reply.ok) setRefused((reply.json.errors ?? []) as LineProblem[]);
        return reply;
      },
    },
    onSuccess: (outcome) => {
      setSkipped(outcome.skipped);
      setImportId(outcome.importId);
      form.setNotice(
        `Imported ${outcome.imported} coding(s); ${outcome.unchanged} were already present.` +
          (outcome.skipped.length > 0 ? ` ${outcome.skipped.length} invalid row(s) were skipped (listed below).` : ""),
      );
      router.refresh();
    },
  });

  return (
    <form className="form" onSubmit={form.handleSubmit} noValidate aria-label="Import codings">
      <FileField {...form.field("file")} accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson" disabled={form.pending} />
      <CheckboxField {...form.field("skipInvalid")} disabled={form.pending} />
      <FormActions pending={form.pending} label="Import" pendingLabel="Importing…" />
      <UploadProgress state={progress} importing="Checking and importing every row…" />
      <FormMessages form={form} signInAgain={{ returnTo: "/exchange", then: "import again" }} />
      {importId && (
        <p className="form__hint">
          A wrong file? <Link href={recordHistoryPath("CodingImport", importId)}>Undo this import</Link> from its page in History.
        </p>
      )}
      <LineProblemsTable caption="Rows that cannot be imported" problems={refused} />
      <LineProblemsTable caption="Invalid rows skipped" problems={skipped} />
    </form>
  );
}
