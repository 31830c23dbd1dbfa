// Rendered inside SourceWorkspace, the client component that owns the selection.
import { useState } from "react";
import { choicesOf } from "@/lib/choices";
import type { StatementInSource } from "@/lib/data/sources";
import type { StatementView } from "@/lib/data/statements";
import { mergeEdits } from "@/lib/edits/merge";
import type { Channel, DatePrecision, StatementForm } from "@/lib/generated/prisma/enums";
import type { TextSpan } from "@/lib/sources/offsets";
import { datePrecisionLabels } from "@/lib/date-precision";
import { channelLabels, statementFormLabels } from "@/lib/statements/schemas";
import { ActorSearchPicker, type ActorChoice } from "./actor-search-picker";
import { ChoiceField, ConflictComparison, DateField, FormActions, FormAlert, SelectField, useSchemaForm, type ComparedField } from "./form";
import { ariaDescribedBy, FieldError } from "./form-feedback";
import { formatDateTime } from "./format";
import { sendJson } from "./json-request";
import { PassageFinder } from "./statement-creation-form";
import { formatSaidOn } from "./statement-details";
import styles from "./statement-correction-form.module.css";
import sourcePanelStyles from "./source-panel.module.css";
import statementQuoteStyles from "./statement-quote.module.css";

type Values = {
  version: number;
  speakerId: string;
  saidOn: string;
  saidOnPrecision: DatePrecision;
  form: StatementForm;
  channel: Channel;
  /** "start-end": the span is one field, so a merge never pairs one version's start with another's end. */
  span: string;
};
type Conflict = { operation: "save" | "delete"; message: string; current: StatementView };

const labels: Record<keyof Values, string> = {
  version: "Version",
  speakerId: "Speaker",
  span: "Quote",
  saidOn: "Said on",
  saidOnPrecision: "Known to the",
  form: "Form",
  channel: "Channel",
};
const compared = ["speakerId", "span", "saidOn", "saidOnPrecision", "form", "channel"] as const;
const idPrefix = "correct-statement";

const spanKey = (span: TextSpan) => `${span.startOffset}-${span.endOffset}`;
function spanOf(key: string): TextSpan {
  const [startOffset, endOffset] = key.split("-").map(Number);
  return { startOffset: startOffset!, endOffset: endOffset! };
}

function valuesOf(
  statement: Pick<StatementView, "version" | "speaker" | "saidOn" | "saidOnPrecision" | "form" | "channel" | "startOffset" | "endOffset">,
): Values {
  const { version, saidOn, saidOnPrecision, form, channel } = statement;
  return { version, speakerId: statement.speaker.id, saidOn, saidOnPrecision, form, channel, span: spanKey(statement) };
}

function isStatementView(value: unknown): value is StatementView {
  if (!value || typeof value !== "object") return false;
  const candidate = value as Partial<StatementView>;
  return typeof candidate.id === "string" && typeof candidate.version === "number" && typeof candidate.quote === "string";
}

/**
 * Corrects a statement in place: who said it, when, how, and which words (re-cut
 * from the text by selecting them again). A stale save or delete is shown side
 * by side with the saved version, as for codings.
 */
export function StatementCorrectionForm({
  statement,
  text,
  span,
  actors,
  onSpanChange,
  onCancel,
  onSaved,
  onDeleted,
}: {
  statement: StatementInSource;
  text: string;
  /** The span being chosen in the text (starts as the statement's own); the workspace owns it. */
  span: TextSpan;
  actors: ActorChoice[];
  onSpanChange: (span: TextSpan) => void;
  onCancel: () => void;
  onSaved: (message: string) => void;
  onDeleted: () => void;
}) {
  // What the form was opened on (or last loaded), to tell what changed and what a merge keeps.
  const [base, setBase] = useState<Values>(() => valuesOf(statement));
  const [deleting, setDeleting] = useState(false);
  const [deleteRefusal, setDeleteRefusal] = useState<Conflict | string | null>(null);
  const url = `/api/statements/${encodeURIComponent(statement.id)}`;

  const form = useSchemaForm<Values, StatementView>({
    schema: () => import("@/lib/statements/schemas").then((schemas) => schemas.statementUpdateSchema),
    idPrefix,
    initialValues: base,
    labels,
    request: { method: "PATCH", url },
    toBody: ({ span: key, ...rest }) => ({ ...rest, ...spanOf(key) }),
    // The server names the span's parts; here they are one field.
    paths: { startOffset: "span", endOffset: "span", quote: "span" },
    onSuccess: (saved, sent) => {
      const body = sent as { speakerId: string } & TextSpan;
      const flagged = saved.codingCount > 0 && (spanKey(body) !== base.span || body.speakerId !== base.speakerId);
      onSaved(
        `Statement corrected (version ${saved.version}).${flagged ? " Its codings are kept and marked for their coders to review." : ""}`,
      );
    },
  });
  // The span lives in the workspace (the selection in the text); it joins the values here.
  const mine: Values = { ...form.values, span: spanKey(span) };
  const unsaved = compared.some((field) => mine[field] !== base[field]);
  const spanChanged = mine.span !== base.span;
  const pending = form.pending || deleting;
  const conflict: Conflict | null =
    typeof deleteRefusal === "object" && deleteRefusal !== null
      ? deleteRefusal
      : form.conflict && isStatementView(form.conflict.current)
        ? { operation: "save", message: form.conflict.message, current: form.conflict.current }
        : null;

  async function remove(version: number, question: string) {
    if (!window.confirm(question)) return;
    setDeleteRefusal(null);
    setDeleting(true);
    const result = await sendJson<{ ok: true }>("DELETE", url, { version });
    setDeleting(false);
    if (result.ok) return onDeleted();
    setDeleteRefusal(
      result.status === 409 && isStatementView(result.current)
        ? { operation: "delete", message: result.error, current: result.current }
        : result.error,
    );
  }

  function load(current: StatementView, values: Values) {
    setBase(valuesOf(current));
    setDeleteRefusal(null);
    form.reset(values);
    onSpanChange(spanOf(values.span));
  }

  const actorName = (id: string) =>
    conflict?.current.speaker.id === id
      ? conflict.current.speaker.name
      : (actors.find((actor) => actor.id === id)?.name ?? "(unknown actor)");
  const describe: Record<(typeof compared)[number], (of: Values) => string> = {
    speakerId: (of) => actorName(of.speakerId),
    span: (of) => `“${text.slice(spanOf(of.span).startOffset, spanOf(of.span).endOffset)}”`,
    saidOn: (of) => formatSaidOn(of.saidOn, of.saidOnPrecision),
    saidOnPrecision: (of) => datePrecisionLabels[of.saidOnPrecision],
    form: (of) => statementFormLabels[of.form],
    channel: (of) => channelLabels[of.channel],
  };
  const comparedFields: ComparedField<Values>[] = compared.map((name) => ({
    name,
    label: name === "saidOnPrecision" ? "Date known to the" : labels[name],
    describe: describe[name],
  }));
  const spanField = form.field("span");

  return (
    <form
      className="form form--compact"
      onSubmit={(event) => {
        event.preventDefault();
        if (!conflict && unsaved && !pending) void form.submit(mine);
      }}
      noValidate
      aria-label="Correct this statement"
    >
      <FormAlert
        message={typeof deleteRefusal === "string" ? deleteRefusal : (form.alert ?? (conflict ? null : (form.conflict?.message ?? null)))}
      />
      <div className="field">
        <span className="field__label" id={`${spanField.id}-label`}>
          {spanField.label}
        </span>
        <blockquote
          className={`${statementQuoteStyles.statementQuote} quote ${sourcePanelStyles.quote} ${spanChanged ? styles.changed : ""}`}
          aria-labelledby={`${spanField.id}-label`}
          aria-describedby={ariaDescribedBy(spanField.id, spanField.error, `${spanField.id}-hint`)}
        >
          “{text.slice(span.startOffset, span.endOffset)}”
        </blockquote>
        <p className="field__hint" id={`${spanField.id}-hint`}>
          {spanChanged ? "New words, cut from the text. " : ""}Select other words in the text to change the quote; it is always cut from the
          stored text.
        </p>
        <FieldError id={spanField.id} label={spanField.label} message={spanField.error} />
        <PassageFinder text={text} open={false} onFound={onSpanChange} idPrefix={idPrefix} />
      </div>

      <ActorSearchPicker
        label="Speaker"
        actors={actors}
        value={form.values.speakerId}
        onChange={(id) => id && form.setValue("speakerId", id)}
        error={form.errors.speakerId}
      />
      <DateField {...form.field("saidOn")} precision={form.field("saidOnPrecision")} />
      <ChoiceField {...form.field("form")} options={choicesOf(statementFormLabels)} />
      <SelectField {...form.field("channel")} options={choicesOf(channelLabels)} />

      {conflict ? (
        <ConflictComparison
          id={`${idPrefix}-conflict`}
          title={conflict.operation === "save" ? "Your correction was not saved" : "The statement was not deleted"}
          message={conflict.message}
          fields={comparedFields}
          mine={conflict.operation === "save" ? mine : base}
          mineHeading={conflict.operation === "save" ? "Your unsaved version" : `The version you opened (${base.version})`}
          saved={valuesOf(conflict.current)}
          savedHeading={`Saved version (${conflict.current.version}, at ${formatDateTime(conflict.current.updatedAt)})`}
        >
          {conflict.operation === "save" ? (
            <button
              type="button"
              className="button button--primary"
              disabled={pending}
              onClick={() => {
                const saved = valuesOf(conflict.current);
                const merged = { ...mergeEdits(base, mine, saved), version: saved.version };
                load(conflict.current, merged);
                void form.submit(merged);
              }}
            >
              {form.pending ? "Saving…" : "Re-apply my change"}
            </button>
          ) : (
            <button
              type="button"
              className="button button--danger"
              disabled={pending}
              onClick={() =>
                void remove(conflict.current.version, `Delete the saved version (${conflict.current.version}) of this statement?`)
              }
            >
              {deleting ? "Deleting…" : "Delete the saved version"}
            </button>
          )}
          <button type="button" className="button" disabled={pending} onClick={() => load(conflict.current, valuesOf(conflict.current))}>
            {conflict.operation === "save" ? "Discard mine" : "Keep it and show it"}
          </button>
        </ConflictComparison>
      ) : (
        <FormActions pending={form.pending} label="Save correction" pendingLabel="Saving…" disabled={deleting || !unsaved}>
          <button type="button" className="button" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
          <button
            type="button"
            className="button button--danger form__actions-end"
            disabled={pending}
            onClick={() =>
              void remove(
                base.version,
                "Delete this statement? It and its codings leave every list and chart; an administrator can restore it from History.",
              )
            }
          >
            {deleting ? "Deleting…" : "Delete statement"}
          </button>
        </FormActions>
      )}
    </form>
  );
}
