"use client";

import Link from "@/components/link";
import { useState, type FormEvent } from "react";
import type { IntakeOptions } from "@/lib/intake/schemas";
import styles from "./source-import-form.module.css";
import { ScrollingTable } from "./scrolling-table";
import { CheckboxField, DateField, FilesField, FormActions, FormMessages, TextAreaField, TextField, useSchemaForm } from "./form";
import type { JsonResponse } from "./json-request";
import { UploadProgress, useUpload } from "./upload-progress";

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
const blank = {
  files: [] as File[],
  urls: "",
  publisher: "",
  publishedOn: "",
  language: "",
  skipInvalid: false,
  // No fields of their own: set by the near-duplicate choices (below) for the attempt they send.
  nearDuplicates: "ask" as IntakeOptions["nearDuplicates"],
  nearDuplicateChoices: {} as Record<string, Choice>,
};
type Values = typeof blank;

export type SourceImportFormProps = { accept: string; limits: string };

const percent = (overlap: number) => `${Math.round(overlap * 100)} %`;

/** The options the route reads beside the files: the values as `intakeOptionsSchema` has them, blanks left out. */
function toOptions(values: Values): unknown {
  const defaults = { publisher: values.publisher.trim(), publishedOn: values.publishedOn, language: values.language.trim() };
  return {
    skipInvalid: values.skipInvalid,
    nearDuplicates: values.nearDuplicates,
    nearDuplicateChoices: values.nearDuplicateChoices,
    defaults: Object.fromEntries(Object.entries(defaults).filter(([, value]) => value !== "")),
    urls: values.urls.split(/\s+/).filter(Boolean),
  };
}

/**
 * Imports many sources from files and addresses: every item checked first, then all of them or none unless bad ones are
 * skipped; near duplicates come back as a 409 (the kit's conflict), to be kept or skipped one by one or all at once.
 */
export function SourceImportForm({ accept, limits }: SourceImportFormProps) {
  const { progress, upload } = useUpload<Outcome>((status) => `The import failed (status ${status}).`);
  const [problems, setProblems] = useState<{ label: "Problems" | "Skipped items"; items: Problem[] }>({ label: "Problems", items: [] });
  const [imported, setImported] = useState<Outcome["imported"]>([]);
  // Keep or skip per near duplicate, by where it is in the upload; sent with the next attempt.
  const [choices, setChoices] = useState<Record<string, Choice>>({});

  const form = useSchemaForm<Values, Outcome>({
    schema: () => import("@/lib/intake/schemas").then((schemas) => schemas.intakeOptionsSchema),
    idPrefix: "intake",
    initialValues: blank,
    labels: {
      files: "Files",
      urls: "Addresses to fetch (optional)",
      publisher: "Publisher",
      publishedOn: "Published on",
      language: "Language code",
      skipInvalid: "Skip invalid items and import the rest",
      nearDuplicates: "Near duplicates",
      nearDuplicateChoices: "Keep or skip",
    },
    toBody: toOptions,
    paths: { "defaults.publisher": "publisher", "defaults.publishedOn": "publishedOn", "defaults.language": "language" },
    check: (values) => ({
      files:
        values.files.length === 0 && !values.urls.trim() ? "choose at least one file, or give at least one address to fetch" : undefined,
    }),
    request: {
      send: async (options): Promise<JsonResponse<Outcome>> => {
        setProblems({ label: "Problems", items: [] });
        setImported([]);
        const body = new FormData();
        for (const file of form.values.files) body.append("files", file, file.name);
        body.append("options", JSON.stringify(options));
        const reply = await upload("/api/sources/import", body);
        if (reply.ok) return reply;
        setProblems({ label: "Problems", items: (reply.json.errors ?? []) as Problem[] });
        const nearDuplicates = reply.json.nearDuplicates as NearDuplicateFinding[] | undefined;
        if (reply.status !== 409 || !nearDuplicates) return reply;
        setChoices(Object.fromEntries(nearDuplicates.flatMap((finding) => (finding.choice ? [[finding.where, finding.choice]] : []))));
        return { ...reply, current: nearDuplicates };
      },
    },
    onSuccess: (outcome) => {
      setProblems({ label: "Skipped items", items: outcome.skipped });
      setImported(outcome.imported);
      const kept = outcome.nearDuplicates.filter((finding) => finding.choice === "keep").length;
      form.setNotice(
        `Imported ${outcome.imported.length} source${outcome.imported.length === 1 ? "" : "s"}.` +
          (outcome.skipped.length > 0 ? ` ${outcome.skipped.length} invalid item(s) were skipped (listed below).` : "") +
          (outcome.nearDuplicates.length > 0 ? ` Near duplicates: ${kept} kept, ${outcome.nearDuplicates.length - kept} skipped.` : ""),
      );
    },
  });

  /** Sends the upload again, saying what to do with near duplicates. */
  function send(nearDuplicates: Values["nearDuplicates"], nearDuplicateChoices: Record<string, Choice> = {}) {
    return form.submit({ ...form.values, nearDuplicates, nearDuplicateChoices });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChoices({});
    return send("ask");
  }

  const nearDuplicates = form.conflict ? (form.conflict.current as NearDuplicateFinding[]) : null;
  return (
    <form className="form" onSubmit={handleSubmit} noValidate aria-label="Import sources">
      <FilesField
        {...form.field("files")}
        accept={accept}
        disabled={form.pending}
        hint={`JSON Lines or JSON (title, publisher, url, publishedOn, language, text), saved article pages (.html), RSS or Atom feeds (.xml, .rss, .atom), plain text (.txt). ${limits}`}
      />
      <TextAreaField
        {...form.field("urls")}
        rows={3}
        disabled={form.pending}
        placeholder="https://…"
        hint="One article address a line; the server fetches each page and keeps its main text."
      />
      <fieldset className={`field ${styles.defaults}`}>
        <legend className="field__label">For items that do not say (text files, pages without metadata)</legend>
        <TextField {...form.field("publisher")} disabled={form.pending} />
        <DateField {...form.field("publishedOn")} disabled={form.pending} />
        <TextField {...form.field("language")} placeholder="en, fa, ar…" short code disabled={form.pending} />
      </fieldset>
      <CheckboxField {...form.field("skipInvalid")} disabled={form.pending} />
      <FormActions pending={form.pending} label="Import" pendingLabel="Importing…" />
      <UploadProgress state={progress} importing="Reading, checking and importing every item…" />
      <FormMessages form={form} signInAgain={{ returnTo: "/sources/import", then: "import again" }} />
      {form.conflict && nearDuplicates && (
        <NearDuplicateChoices
          message={form.conflict.message}
          findings={nearDuplicates}
          choices={choices}
          onChoose={(where, choice) => setChoices((previous) => ({ ...previous, [where]: choice }))}
          pending={form.pending}
          onSend={send}
        />
      )}
      {problems.items.length > 0 && <SourceProblemsTable label={problems.label} problems={problems.items} />}
      {imported.length > 0 && <ImportedSources imported={imported} />}
    </form>
  );
}

/** The near duplicates of a refused attempt, each to keep or skip, and the three ways to send the upload again. */
function NearDuplicateChoices({
  message,
  findings,
  choices,
  onChoose,
  pending,
  onSend,
}: {
  message: string;
  findings: NearDuplicateFinding[];
  choices: Record<string, Choice>;
  onChoose: (where: string, choice: Choice) => void;
  pending: boolean;
  onSend: (nearDuplicates: Values["nearDuplicates"], nearDuplicateChoices?: Record<string, Choice>) => void;
}) {
  const unchosen = findings.filter((finding) => !choices[finding.where]).length;
  return (
    <div className={styles.choice} role="alert">
      <p>{message}</p>
      <ScrollingTable columns={["Item", "Nearly repeats", "Keep or skip"]}>
        {findings.map((finding) => (
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
                      onChange={() => onChoose(finding.where, choice)}
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
        <button type="button" className="button button--primary" disabled={pending || unchosen > 0} onClick={() => onSend("ask", choices)}>
          Import with these choices
        </button>
        <button type="button" className="button" disabled={pending} onClick={() => onSend("keep")}>
          Keep them all and import
        </button>
        <button type="button" className="button" disabled={pending} onClick={() => onSend("skip")}>
          Skip them all, import the rest
        </button>
      </div>
      {unchosen > 0 && <p className={styles.where}>{unchosen} still to choose before importing with your choices.</p>}
    </div>
  );
}

/** What stopped an import (or was skipped), item by item, with a link to the stored source a text repeats. */
function SourceProblemsTable({ label, problems }: { label: string; problems: Problem[] }) {
  return (
    <ScrollingTable columns={["File and line or item", "Problem"]} label={label}>
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
  );
}

function ImportedSources({ imported }: { imported: Outcome["imported"] }) {
  return (
    <section aria-labelledby="intake-imported-heading">
      <h2 className="card__title" id="intake-imported-heading">
        Imported
      </h2>
      <ul className={styles.imported}>
        {imported.slice(0, 100).map((item) => (
          <li key={item.id}>
            <Link href={`/sources/${item.id}`}>{item.title}</Link> <span className={styles.where}>{item.where}</span>
          </li>
        ))}
      </ul>
      {imported.length > 100 && <p className="form__hint">…and {imported.length - 100} more, in the sources list.</p>}
    </section>
  );
}
