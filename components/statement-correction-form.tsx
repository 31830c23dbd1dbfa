// Rendered inside SourceWorkspace, the client component that owns the selection.
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { StatementInSource } from "@/lib/data/sources";
import type { StatementView } from "@/lib/data/statements";
import { mergeEdits } from "@/lib/edits/merge";
import type { Channel, DatePrecision, StatementForm } from "@/lib/generated/prisma/enums";
import type { TextSpan } from "@/lib/sources/offsets";
import { channelLabels, statementFormLabels } from "@/lib/statements/schemas";
import { ActorSearchPicker, type ActorChoice } from "./actor-search-picker";
import { formatDateTime } from "./format";
import { ariaDescribedBy, describeFailure, FieldError, type Failure } from "./form-feedback";
import { sendJson } from "./json-request";
import { PassageFinder } from "./statement-creation-form";
import { formatSaidOn } from "./statement-details";
import styles from "./statement-correction-form.module.css";
import sourcePanelStyles from "./source-panel.module.css";
import conflictStyles from "@/components/form/conflict-comparison.module.css";
import badgeStyles from "./badge.module.css";
import statementQuoteStyles from "./statement-quote.module.css";
import segmentedStyles from "./segmented.module.css";

type Values = {
  speakerId: string;
  saidOn: string;
  saidOnPrecision: DatePrecision;
  form: StatementForm;
  channel: Channel;
  /** "start-end": the span moves as one, so a merge never pairs one version's start with another's end. */
  span: string;
};
type Field = keyof Values;
type Conflict = { operation: "save" | "delete"; message: string; current: StatementView };

const fields: Field[] = ["speakerId", "span", "saidOn", "saidOnPrecision", "form", "channel"];
const fieldNames: Record<Field, string> = {
  speakerId: "Speaker",
  span: "Quote",
  saidOn: "Said on",
  saidOnPrecision: "Date known to the",
  form: "Form",
  channel: "Channel",
};
const forms = Object.keys(statementFormLabels) as StatementForm[];
const channels = Object.keys(channelLabels) as Channel[];
const idPrefix = "correct-statement";

const spanKey = (span: TextSpan) => `${span.startOffset}-${span.endOffset}`;
function spanOf(key: string): TextSpan {
  const [startOffset, endOffset] = key.split("-").map(Number);
  return { startOffset: startOffset!, endOffset: endOffset! };
}

function valuesOf(
  statement: Pick<StatementView, "speaker" | "saidOn" | "saidOnPrecision" | "form" | "channel" | "startOffset" | "endOffset">,
): Values {
  return {
    speakerId: statement.speaker.id,
    saidOn: statement.saidOn,
    saidOnPrecision: statement.saidOnPrecision,
    form: statement.form,
    channel: statement.channel,
    span: spanKey(statement),
  };
}

/** Server field names mapped onto this form's fields (the span's offsets and quote are one field here). */
function fieldOf(name: string): Field | null {
  if (name === "quote" || name === "startOffset" || name === "endOffset") return "span";
  return (fields as string[]).includes(name) ? (name as Field) : null;
}

function isStatementView(value: unknown): value is StatementView {
  if (!value || typeof value !== "object") return false;
  const candidate = value as Partial<StatementView>;
  return typeof candidate.id === "string" && typeof candidate.version === "number" && typeof candidate.quote === "string";
}

/**
 * Corrects a statement in place: who said it, when, how, and which words (re-cut
 * from the text by selecting them again). A stale save is shown side by side
 * with the saved version, as for codings.
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
  /** The span being chosen in the text (starts as the statement's own). */
  span: TextSpan;
  actors: ActorChoice[];
  onSpanChange: (span: TextSpan) => void;
  onCancel: () => void;
  onSaved: (message: string) => void;
  onDeleted: () => void;
}) {
  const [base, setBase] = useState<{ version: number; values: Values }>(() => ({
    version: statement.version,
    values: valuesOf(statement),
  }));
  const [values, setValues] = useState<Omit<Values, "span">>(() => valuesOf(statement));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [pending, setPending] = useState<"save" | "delete" | null>(null);
  const conflictHeading = useRef<HTMLHeadingElement>(null);
  const url = `/api/statements/${encodeURIComponent(statement.id)}`;
  const mine: Values = { ...values, span: spanKey(span) };
  const unsaved = fields.some((field) => mine[field] !== base.values[field]);
  const actorName = (id: string) => actors.find((actor) => actor.id === id)?.name ?? "(unknown actor)";

  useEffect(() => {
    if (conflict) conflictHeading.current?.focus();
  }, [conflict]);

  function change<F extends Exclude<Field, "span">>(field: F, value: Values[F]) {
    setValues((previous) => ({ ...previous, [field]: value }));
    setErrors((previous) => ({ ...previous, [field]: undefined }));
  }

  function showFailure(result: Failure, operation: Conflict["operation"]) {
    if (result.status === 409 && isStatementView(result.current)) {
      setConflict({ operation, message: result.error, current: result.current });
      return;
    }
    const placed: Record<string, string> = {};
    for (const [name, message] of Object.entries(result.fieldErrors)) placed[fieldOf(name) ?? name] = message;
    const { fieldErrors, alert: message } = describeFailure({ ...result, fieldErrors: placed }, (name): name is Field =>
      (fields as string[]).includes(name),
    );
    setErrors(fieldErrors);
    setAlert(message);
  }

  async function save(version: number, toSave: Values) {
    setAlert(null);
    setErrors({});
    setPending("save");
    const { startOffset, endOffset } = spanOf(toSave.span);
    const result = await sendJson<StatementView>("PATCH", url, {
      version,
      speakerId: toSave.speakerId,
      saidOn: toSave.saidOn,
      saidOnPrecision: toSave.saidOnPrecision,
      form: toSave.form,
      channel: toSave.channel,
      startOffset,
      endOffset,
    });
    setPending(null);
    if (!result.ok) return showFailure(result, "save");
    const flagged = result.body.codingCount > 0 && (toSave.span !== base.values.span || toSave.speakerId !== base.values.speakerId);
    onSaved(
      `Statement corrected (version ${result.body.version}).${flagged ? " Its codings are kept and marked for their coders to review." : ""}`,
    );
  }

  async function remove(version: number, question: string) {
    if (!window.confirm(question)) return;
    setAlert(null);
    setPending("delete");
    const result = await sendJson<{ ok: true }>("DELETE", url, { version });
    setPending(null);
    if (!result.ok) return showFailure(result, "delete");
    onDeleted();
  }

  function reapply(current: StatementView) {
    const merged = mergeEdits(base.values, mine, valuesOf(current));
    setBase({ version: current.version, values: valuesOf(current) });
    setValues(merged);
    onSpanChange(spanOf(merged.span));
    setConflict(null);
    void save(current.version, merged);
  }

  function loadSaved(current: StatementView) {
    setBase({ version: current.version, values: valuesOf(current) });
    setValues(valuesOf(current));
    onSpanChange({ startOffset: current.startOffset, endOffset: current.endOffset });
    setConflict(null);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!conflict && unsaved && pending === null) void save(base.version, mine);
  }

  const describedBy = (field: Field, hint?: string) => ariaDescribedBy(`${idPrefix}-${field}`, errors[field], hint);
  const errorFor = (field: Field) => <FieldError id={`${idPrefix}-${field}`} label={fieldNames[field]} message={errors[field]} />;
  const describe = (field: Field, of: Values): string => {
    switch (field) {
      case "speakerId":
        return actorName(of.speakerId);
      case "span": {
        const { startOffset, endOffset } = spanOf(of.span);
        return `“${text.slice(startOffset, endOffset)}”`;
      }
      case "saidOn":
        return formatSaidOn(of.saidOn, of.saidOnPrecision);
      case "saidOnPrecision":
        return of.saidOnPrecision === "DAY" ? "Day" : "Month only";
      case "form":
        return statementFormLabels[of.form];
      case "channel":
        return channelLabels[of.channel];
    }
  };
  const spanChanged = mine.span !== base.values.span;

  return (
    <form className="form form--compact" onSubmit={handleSubmit} noValidate aria-label="Correct this statement">
      {alert && (
        <div className="alert" role="alert">
          {alert}
        </div>
      )}
      <div className="field">
        <span className="field__label" id={`${idPrefix}-span-label`}>
          Quote
        </span>
        <blockquote
          className={`${statementQuoteStyles.statementQuote} quote ${sourcePanelStyles.quote} ${spanChanged ? styles.changed : ""}`}
          aria-labelledby={`${idPrefix}-span-label`}
          aria-describedby={describedBy("span", `${idPrefix}-span-hint`)}
        >
          “{text.slice(span.startOffset, span.endOffset)}”
        </blockquote>
        <p className="field__hint" id={`${idPrefix}-span-hint`}>
          {spanChanged ? "New words, cut from the text. " : ""}Select other words in the text to change the quote; it is always cut from the
          stored text.
        </p>
        {errorFor("span")}
        <PassageFinder text={text} open={false} onFound={onSpanChange} idPrefix={idPrefix} />
      </div>

      <ActorSearchPicker
        label="Speaker"
        actors={actors}
        value={values.speakerId}
        onChange={(id) => id && change("speakerId", id)}
        error={errors.speakerId}
      />

      <div className="form__row form__row--tight">
        <div className="field">
          <label className="field__label" htmlFor={`${idPrefix}-saidOn`}>
            Said on
          </label>
          <input
            id={`${idPrefix}-saidOn`}
            type="date"
            value={values.saidOn}
            onChange={(event) => change("saidOn", event.target.value)}
            aria-invalid={errors.saidOn ? true : undefined}
            aria-describedby={describedBy("saidOn")}
          />
          {errorFor("saidOn")}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${idPrefix}-precision`}>
            Known to the
          </label>
          <select
            id={`${idPrefix}-precision`}
            value={values.saidOnPrecision}
            onChange={(event) => change("saidOnPrecision", event.target.value as DatePrecision)}
            aria-describedby={describedBy("saidOnPrecision")}
          >
            <option value="DAY">Day</option>
            <option value="MONTH">Month only</option>
          </select>
          {errorFor("saidOnPrecision")}
        </div>
      </div>

      <fieldset className="field" aria-describedby={describedBy("form")}>
        <legend className="field__label">Form</legend>
        <div className={segmentedStyles.segmented}>
          {forms.map((option) => (
            <label key={option} className={segmentedStyles.option}>
              <input
                type="radio"
                name={`${idPrefix}-form`}
                value={option}
                checked={values.form === option}
                onChange={() => change("form", option)}
              />
              {statementFormLabels[option]}
            </label>
          ))}
        </div>
        {errorFor("form")}
      </fieldset>

      <div className="field">
        <label className="field__label" htmlFor={`${idPrefix}-channel`}>
          Channel
        </label>
        <select
          id={`${idPrefix}-channel`}
          value={values.channel}
          onChange={(event) => change("channel", event.target.value as Channel)}
          aria-describedby={describedBy("channel")}
        >
          {channels.map((option) => (
            <option key={option} value={option}>
              {channelLabels[option]}
            </option>
          ))}
        </select>
        {errorFor("channel")}
      </div>

      {conflict ? (
        <div className={conflictStyles.conflict} role="region" aria-labelledby={`${idPrefix}-conflict-heading`}>
          <h3 className={conflictStyles.title} id={`${idPrefix}-conflict-heading`} tabIndex={-1} ref={conflictHeading}>
            {conflict.operation === "save" ? "Your correction was not saved" : "The statement was not deleted"}
          </h3>
          <p className={conflictStyles.message}>{conflict.message}</p>
          <div className="table-scroll" tabIndex={0}>
            <table className={conflictStyles.comparison}>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">{conflict.operation === "save" ? "Your unsaved version" : `The version you opened (${base.version})`}</th>
                  <th scope="col">
                    Saved version ({conflict.current.version}, at {formatDateTime(conflict.current.updatedAt)})
                  </th>
                </tr>
              </thead>
              <tbody>
                {fields.map((field) => {
                  const current = valuesOf(conflict.current);
                  const shown = conflict.operation === "save" ? mine : base.values;
                  const differs = shown[field] !== current[field];
                  return (
                    <tr key={field} className={differs ? conflictStyles.differs : undefined}>
                      <th scope="row">
                        {fieldNames[field]}
                        {differs && <span className={badgeStyles.badge}>differs</span>}
                      </th>
                      <td>{describe(field, shown)}</td>
                      <td>
                        {field === "speakerId"
                          ? conflict.current.speaker.name
                          : field === "span"
                            ? `“${conflict.current.quote}”`
                            : describe(field, current)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="form__actions">
            {conflict.operation === "save" ? (
              <button
                type="button"
                className="button button--primary"
                disabled={pending !== null}
                onClick={() => reapply(conflict.current)}
              >
                {pending === "save" ? "Saving…" : "Re-apply my change"}
              </button>
            ) : (
              <button
                type="button"
                className="button button--danger"
                disabled={pending !== null}
                onClick={() =>
                  void remove(conflict.current.version, `Delete the saved version (${conflict.current.version}) of this statement?`)
                }
              >
                {pending === "delete" ? "Deleting…" : "Delete the saved version"}
              </button>
            )}
            <button type="button" className="button" disabled={pending !== null} onClick={() => loadSaved(conflict.current)}>
              {conflict.operation === "save" ? "Discard mine" : "Keep it and show it"}
            </button>
          </div>
        </div>
      ) : (
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={pending !== null || !unsaved}>
            {pending === "save" ? "Saving…" : "Save correction"}
          </button>
          <button type="button" className="button" onClick={onCancel} disabled={pending !== null}>
            Cancel
          </button>
          <button
            type="button"
            className="button button--danger form__actions-end"
            disabled={pending !== null}
            onClick={() =>
              void remove(
                base.version,
                "Delete this statement? It and its codings leave every list and chart; an administrator can restore it from History.",
              )
            }
          >
            {pending === "delete" ? "Deleting…" : "Delete statement"}
          </button>
        </div>
      )}
    </form>
  );
}
