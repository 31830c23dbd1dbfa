"use client";

import Link from "@/components/link";
import { useRouter } from "next/navigation";
import { DateField, FieldRow, FormActions, FormAlert, TextAreaField, TextField, useSchemaForm } from "./form";
import styles from "./source-form.module.css";

/** A new source: its details and its full text, which statements are later cut from and which can never change. */
export function SourceForm() {
  const router = useRouter();
  const form = useSchemaForm<
    {
      title: string;
      publisher: string;
      url: string;
      publishedOn: string;
      language: string;
      text: string;
      translation: string;
      translationLanguage: string;
    },
    { id: string }
  >({
    schema: () => import("@/lib/sources/schemas").then((schemas) => schemas.sourceCreationSchema),
    idPrefix: "source",
    initialValues: {
      title: "",
      publisher: "",
      url: "",
      publishedOn: "",
      language: "en",
      text: "",
      translation: "",
      translationLanguage: "en",
    },
    labels: {
      title: "Title",
      publisher: "Publisher",
      url: "Address (URL)",
      publishedOn: "Publication date",
      language: "Language",
      text: "Full text",
      translation: "Translation",
      translationLanguage: "Translation’s language",
    },
    // The text is sent as pasted: the server trims it, and statement offsets count from that stored text.
    // Without a translation its language is not sent: it would describe nothing.
    toBody: (values) => ({
      ...values,
      url: values.url.trim() || null,
      language: values.language.trim(),
      translation: values.translation.trim() || null,
      translationLanguage: values.translation.trim() ? values.translationLanguage.trim() || null : null,
    }),
    request: { method: "POST", url: "/api/sources" },
    onSuccess: (source) => {
      router.push(`/sources/${encodeURIComponent(source.id)}`);
      return "keep-pending";
    },
  });
  // A 409 here is a duplicate: the same text is already stored, and the answer names it.
  const duplicate = form.conflict?.current as { id?: unknown } | null | undefined;
  const textLength = form.values.text.trim().length;

  return (
    <form className="form" onSubmit={form.handleSubmit} noValidate>
      <FormAlert message={form.alert} />
      {form.conflict && (
        <div className="alert" role="alert">
          {form.conflict.message}{" "}
          {typeof duplicate?.id === "string" && <Link href={`/sources/${encodeURIComponent(duplicate.id)}`}>Open the stored source</Link>}
        </div>
      )}
      <TextField {...form.field("title")} autoComplete="off" />
      <FieldRow>
        <TextField {...form.field("publisher")} hint="The outlet or office, e.g. Financial Times or Ministry of Foreign Affairs." />
        <DateField {...form.field("publishedOn")} hint="New statements default to this date." />
      </FieldRow>
      <FieldRow>
        <TextField
          {...form.field("url")}
          type="url"
          optional
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://"
        />
        <TextField {...form.field("language")} short code hint="A language code: en for English, fa for Persian, ar for Arabic." />
      </FieldRow>
      <TextAreaField
        {...form.field("text")}
        className={styles.text}
        rows={22}
        hint={`Paste the whole document in its original language, headline to last line. It cannot be edited once saved: statements point at exact places in it.${
          textLength > 0 ? ` ${textLength.toLocaleString("en-GB")} characters.` : ""
        }`}
      />
      <FieldRow>
        <TextField
          {...form.field("translationLanguage")}
          short
          code
          optional
          hint="When the text above is not in English and you add a translation: its language code, usually en."
        />
      </FieldRow>
      <TextAreaField
        {...form.field("translation")}
        optional
        rows={10}
        hint="Optional. A translation of the full text, one paragraph for each of the original's: it is shown beside the original, and each statement keeps the matching passage. Statements are always cut from the text above."
      />
      <FormActions pending={form.pending} label="Save source" pendingLabel="Saving…">
        <Link href="/sources" className="button">
          Cancel
        </Link>
      </FormActions>
    </form>
  );
}
