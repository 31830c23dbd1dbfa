// Rendered inside SourceWorkspace, the client component that owns the selection.
import { choicesOf } from "@/lib/choices";
import { useState, type FormEvent } from "react";
import { channelLabels, statementFormLabels } from "@/lib/statements/schemas";
import type { Channel, DatePrecision, StatementForm } from "@/lib/generated/prisma/enums";
import type { TextSpan } from "@/lib/sources/offsets";
import { sendJson } from "./json-request";
import { truncate } from "./format";
import { actorSchema } from "@/lib/actors/schemas";
import { SpeakerPicker, type SpeakerChoice, type SpeakerErrors, type SpeakerValue } from "./statement-speaker-picker";
import { ariaDescribedBy, FieldError } from "./form-feedback";
import { ChoiceField, DateField, SelectField } from "./form";
import panelStyles from "./source-panel.module.css";
import styles from "./statement-creation-form.module.css";
import statementQuoteStyles from "./statement-quote.module.css";
import { textDirection } from "@/lib/sources/alignment";
import { TranslationPassageBlock } from "./translation-text";

/** The translation passage of the new statement: aligned, or chosen by hand in the translation beside the text. */
export type DraftTranslation = {
  language: string;
  text: string;
  span: TextSpan | null;
  adjusted: boolean;
  /** Back to the aligned passage. */
  onReset: () => void;
};

/** What a new statement starts from: nothing but the selection, or an accepted suggestion. */
export type StatementPrefill = { speakerId: string | null; speakerText: string; form: StatementForm | null; channel: Channel | null };

type Field = "quote" | "saidOn" | "saidOnPrecision" | "form" | "channel";
type Errors = Partial<Record<Field, string>> & { speaker?: SpeakerErrors };

const idPrefix = "new-statement";
// Occurrences listed by the passage finder; a longer phrase narrows them.
const maximumOccurrences = 12;

// An unresolved "he" or "they" names nobody: it would make a poor new actor, so the analyst picks the speaker instead.
const pronouns = new Set(["he", "she", "they", "it", "we", "i", "him", "her", "them"]);

function initialSpeaker(prefill: StatementPrefill): SpeakerValue {
  if (prefill.speakerId) return { mode: "known", speakerId: prefill.speakerId, query: "" };
  if (prefill.speakerText.trim() && !pronouns.has(prefill.speakerText.trim().toLowerCase())) {
    return {
      mode: "new",
      speaker: { name: prefill.speakerText.trim(), kind: "PERSON", office: "", speaksForId: "" },
      query: prefill.speakerText.trim(),
    };
  }
  return { mode: "known", speakerId: null, query: "" };
}

/** Server field names (including the nested newSpeaker.*) mapped onto this form's fields. */
function placeError(errors: Errors, field: string, message: string): boolean {
  const speakerField = field.startsWith("newSpeaker.")
    ? field.slice("newSpeaker.".length)
    : field === "speakerId" || field === "newSpeaker"
      ? "speakerId"
      : null;
  if (speakerField && ["speakerId", "name", "kind", "office", "speaksForId"].includes(speakerField)) {
    errors.speaker = { ...errors.speaker, [speakerField]: message };
    return true;
  }
  if (["startOffset", "endOffset", "quote", "translationStart", "translationEnd"].includes(field)) {
    errors.quote = message;
    return true;
  }
  if (["saidOn", "saidOnPrecision", "form", "channel"].includes(field)) {
    errors[field as Field] = message;
    return true;
  }
  return false;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Every place the typed words appear, ignoring case; offsets are those of the source text itself. */
function findOccurrences(text: string, words: string): TextSpan[] {
  const trimmed = words.trim();
  if (!trimmed) return [];
  const found: TextSpan[] = [];
  for (const match of text.matchAll(new RegExp(escapeRegExp(trimmed), "gi"))) {
    found.push({ startOffset: match.index, endOffset: match.index + match[0].length });
    if (found.length > maximumOccurrences) break;
  }
  return found;
}

/**
 * Typing the words is the keyboard's way to choose a passage: selecting text
 * in a page that is not editable needs a mouse or caret browsing.
 */
export function PassageFinder({
  text,
  open,
  onFound,
  idPrefix = "new-statement",
}: {
  text: string;
  open: boolean;
  onFound: (span: TextSpan) => void;
  idPrefix?: string;
}) {
  const [words, setWords] = useState("");
  // Opened at first only when there is no selection yet; afterwards it stays as the analyst leaves it.
  const [expanded, setExpanded] = useState(open);
  const [occurrences, setOccurrences] = useState<TextSpan[] | null>(null);

  function find() {
    const found = findOccurrences(text, words);
    setOccurrences(found);
    if (found.length === 1) onFound(found[0]!);
  }

  return (
    <details className={styles.passageFinder} open={expanded} onToggle={(event) => setExpanded(event.currentTarget.open)}>
      <summary>Find the words instead of selecting them</summary>
      <div className="field">
        <label className="field__label" htmlFor={`${idPrefix}-find`}>
          Words from the text
        </label>
        <div className={styles.inlineSearch}>
          <input
            id={`${idPrefix}-find`}
            type="search"
            autoComplete="off"
            value={words}
            onChange={(event) => {
              setWords(event.target.value);
              setOccurrences(null);
            }}
            onKeyDown={(event) => {
              // Enter would submit the statement form around this field.
              if (event.key === "Enter") {
                event.preventDefault();
                find();
              }
            }}
            aria-describedby={`${idPrefix}-find-result`}
          />
          <button type="button" className="button button--small" onClick={find}>
            Find
          </button>
        </div>
        <div id={`${idPrefix}-find-result`} role="status" className="field__hint">
          {occurrences === null
            ? "Type or paste the whole passage, exactly as in the text (case does not matter)."
            : occurrences.length === 0
              ? "Not found in the text. Check the quotation marks and apostrophes, which are often curly in articles."
              : occurrences.length === 1
                ? "Found once: it is now the statement’s text."
                : `Found ${occurrences.length > maximumOccurrences ? `more than ${maximumOccurrences}` : occurrences.length} times. Choose one:`}
        </div>
        {occurrences !== null && occurrences.length > 1 && (
          <ul className={styles.occurrences}>
            {occurrences.slice(0, maximumOccurrences).map((occurrence) => (
              <li key={occurrence.startOffset}>
                <button type="button" className="link-button" onClick={() => onFound(occurrence)}>
                  …{text.slice(Math.max(0, occurrence.startOffset - 40), occurrence.startOffset)}
                  <strong>{text.slice(occurrence.startOffset, occurrence.endOffset)}</strong>
                  {text.slice(occurrence.endOffset, occurrence.endOffset + 40)}…
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </details>
  );
}

/** The "New statement" panel: the selected words, who said them, when, and how. */
export function StatementCreationForm({
  sourceId,
  text,
  span,
  prefill,
  defaultSaidOn,
  actors,
  language = "en",
  translation = null,
  onSpanChange,
  onCancel,
  onCreated,
}: {
  sourceId: string;
  /** The source text's language, for the quote's lang and direction. */
  language?: string;
  translation?: DraftTranslation | null;
  text: string;
  span: TextSpan | null;
  prefill: StatementPrefill;
  defaultSaidOn: string;
  actors: SpeakerChoice[];
  onSpanChange: (span: TextSpan) => void;
  onCancel: () => void;
  onCreated: (id: string) => void;
}) {
  const [speaker, setSpeaker] = useState<SpeakerValue>(() => initialSpeaker(prefill));
  const [saidOn, setSaidOn] = useState(defaultSaidOn);
  const [precision, setPrecision] = useState<DatePrecision>("DAY");
  // No default form or channel: each is a judgement about this passage, and a silent default would be coded data nobody chose.
  const [form, setForm] = useState<StatementForm | null>(prefill.form);
  const [channel, setChannel] = useState<Channel | "">(prefill.channel ?? "");
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const quote = span ? text.slice(span.startOffset, span.endOffset) : "";

  function check(): Errors {
    const problems: Errors = {};
    if (!span) problems.quote = "select the words in the text, or find them below";
    if (speaker.mode === "known" && !speaker.speakerId) problems.speaker = { speakerId: "choose who said it, or create a new speaker" };
    if (speaker.mode === "new") {
      // The new actor's own schema, as the server checks it.
      const name = actorSchema.shape.name.safeParse(speaker.speaker.name);
      const office = actorSchema.shape.office.safeParse(speaker.speaker.office.trim() || null);
      if (!name.success || !office.success)
        problems.speaker = { name: name.error?.issues[0]?.message, office: office.error?.issues[0]?.message };
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(saidOn)) problems.saidOn = "enter the date it was said";
    if (!form) problems.form = "choose direct quote or paraphrase";
    if (!channel) problems.channel = "choose how it was said";
    return problems;
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const problems = check();
    setError(null);
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !span) return;
    setPending(true);
    const result = await sendJson<{ id: string }>("POST", "/api/statements", {
      sourceId,
      startOffset: span.startOffset,
      endOffset: span.endOffset,
      // The passage shown is the passage stored, whether aligned or chosen by hand.
      ...(translation?.span ? { translationStart: translation.span.startOffset, translationEnd: translation.span.endOffset } : {}),
      speakerId: speaker.mode === "known" ? speaker.speakerId : null,
      newSpeaker:
        speaker.mode === "new"
          ? {
              name: speaker.speaker.name.trim(),
              kind: speaker.speaker.kind,
              office: speaker.speaker.office.trim() || null,
              speaksForId: speaker.speaker.speaksForId || null,
            }
          : null,
      saidOn,
      saidOnPrecision: precision,
      form,
      channel,
    });
    setPending(false);
    if (!result.ok) {
      const placed: Errors = {};
      const other = Object.entries(result.fieldErrors)
        .filter(([field, message]) => !placeError(placed, field, message))
        .map(([field, message]) => `${field}: ${message}`);
      setErrors(placed);
      setError(
        other.length > 0
          ? `Please correct: ${other.join("; ")}`
          : Object.keys(placed).length > 0
            ? "Please correct the fields marked below."
            : result.error,
      );
      return;
    }
    onCreated(result.body.id);
  }

  const errorFor = (field: Field, label: string) => <FieldError id={`${idPrefix}-${field}`} label={label} message={errors[field]} />;
  const describedBy = (field: Field, hint?: string) => ariaDescribedBy(`${idPrefix}-${field}`, errors[field], hint);
  // The kit's fields, bound to this form's own state (the span and the speaker are not plain values).
  const bind = <Value,>(field: Field, label: string, value: Value, onChange: (value: Value) => void) => ({
    id: `${idPrefix}-${field}`,
    label,
    value,
    error: errors[field],
    onChange: (next: Value) => {
      onChange(next);
      setErrors((previous) => ({ ...previous, [field]: undefined }));
    },
  });

  return (
    <form className="form form--compact" onSubmit={handleSubmit} noValidate>
      {error && (
        <div className="alert" role="alert">
          {error}
        </div>
      )}
      <div className="field">
        <span className="field__label" id={`${idPrefix}-quote-label`}>
          Quote
        </span>
        {span ? (
          <blockquote
            className={`${statementQuoteStyles.statementQuote} quote ${panelStyles.quote}`}
            aria-labelledby={`${idPrefix}-quote-label`}
            aria-describedby={describedBy("quote")}
            lang={language}
            dir={textDirection(language)}
          >
            “{quote}”
          </blockquote>
        ) : (
          <p className="field__hint">Select the words in the text, with the mouse or the keyboard, or find them below.</p>
        )}
        {span && (
          <p className="field__hint">
            {quote.length.toLocaleString("en-GB")} characters, cut from the text exactly as stored. Select other words to change it.
          </p>
        )}
        {translation &&
          (translation.span ? (
            <>
              <TranslationPassageBlock
                text={translation.text.slice(translation.span.startOffset, translation.span.endOffset)}
                language={translation.language}
              />
              <p className="field__hint">
                {translation.adjusted ? "Chosen by hand. " : "Aligned by paragraph and sentence. "}
                Select other words in the translation to change it.
                {translation.adjusted && (
                  <>
                    {" "}
                    <button type="button" className="link-button" onClick={translation.onReset}>
                      Use the aligned passage
                    </button>
                  </>
                )}
              </p>
            </>
          ) : (
            <p className="field__hint">No passage of the translation matches; select one in the translation beside the text.</p>
          ))}
        {errorFor("quote", "Quote")}
        <PassageFinder text={text} open={span === null} onFound={onSpanChange} />
      </div>

      <SpeakerPicker idPrefix={`${idPrefix}-speaker`} actors={actors} value={speaker} errors={errors.speaker ?? {}} onChange={setSpeaker} />
      {prefill.speakerText && <p className="field__hint">The text names the speaker as “{truncate(prefill.speakerText, 80)}”.</p>}

      <DateField
        {...bind("saidOn", "Said on", saidOn, setSaidOn)}
        hint="The source’s publication date unless the text says otherwise."
        precision={bind("saidOnPrecision", "Known to the", precision, setPrecision)}
      />
      <ChoiceField
        {...bind("form", "Form", form ?? "", (value) => setForm(value as StatementForm))}
        options={choicesOf(statementFormLabels)}
      />
      <SelectField {...bind("channel", "Channel", channel, setChannel)} placeholder="Choose…" options={choicesOf(channelLabels)} />

      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? "Saving…" : "Save statement"}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
