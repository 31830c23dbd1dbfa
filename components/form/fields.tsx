"use client";

import type { DatePrecision } from "@/lib/generated/prisma/enums";
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { choicesOf } from "@/lib/choices";
import { datePrecisionLabels } from "@/lib/date-precision";
import { suggestSlug } from "@/lib/slugs";
import { CheckboxList, type CheckboxListOption } from "../checkbox-list";
import { ariaDescribedBy, FieldError } from "../form-feedback";
import { formatDateFieldValue } from "../format";
import styles from "./fields.module.css";

// The label → control → hint → error block, written once. Every field takes
// what `useSchemaForm().field(name)` returns (id, label, value, error,
// onChange) plus its own hint and the native attributes of its control.

/** What `form.field(name)` returns. */
export type FieldBinding<Value> = {
  id: string;
  label: string;
  value: Value;
  error: string | undefined;
  onChange: (value: Value) => void;
};

type FieldProps<Value> = {
  id: string;
  label: string;
  value: Value;
  error: string | undefined;
  onChange: (value: Value) => void;
  hint?: ReactNode;
  /** Marks the label "(optional)". */
  optional?: boolean;
};

type ControlAria = { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined };

function FieldFrame({
  id,
  label,
  hint,
  error,
  optional,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error: string | undefined;
  optional?: boolean;
  children: (aria: ControlAria) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={styles.field}>
      <label className={styles.label} htmlFor={id}>
        {label}
        {optional && <span className={styles.optional}> (optional)</span>}
      </label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": ariaDescribedBy(id, error, hintId) })}
      <HintAndError id={id} label={label} hint={hint} error={error} />
    </div>
  );
}

/** What follows every control: its hint (`${id}-hint`), then its error (`${id}-error`). */
function HintAndError({ id, label, hint, error }: { id: string; label: string; hint?: ReactNode; error: string | undefined }) {
  return (
    <>
      {hint && (
        <p className={styles.hint} id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError id={id} label={label} message={error} className={styles.error} />
    </>
  );
}

type NativeInput = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "value" | "onChange" | "type">;

/** How a code is typed (a slug, a language code): as it is, without autofill, a capital first letter or spelling marks. */
const codeEntry = { autoComplete: "off", autoCapitalize: "none", spellCheck: false } as const;

export function TextField({
  type = "text",
  value,
  onChange,
  short,
  code,
  ...props
}: FieldProps<string> &
  NativeInput & {
    type?: "text" | "email" | "url" | "number" | "search" | "password";
    /** A narrow box, for short codes and numbers. */
    short?: boolean;
    /** A code (slug, language code), typed as it is. */
    code?: boolean;
  }) {
  const { id, label, hint, error, optional, ...native } = props;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} optional={optional}>
      {(aria) => (
        <input
          {...(code ? codeEntry : {})}
          {...native}
          {...aria}
          type={type}
          className={short ? `${styles.control} ${styles.short}` : styles.control}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FieldFrame>
  );
}

export function TextAreaField({
  value,
  onChange,
  ...props
}: FieldProps<string> & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "value" | "onChange">) {
  const { id, label, hint, error, optional, className, ...native } = props;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} optional={optional}>
      {(aria) => (
        <textarea
          {...native}
          {...aria}
          className={[styles.control, styles.textarea, className].filter(Boolean).join(" ")}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FieldFrame>
  );
}

export type SelectOption = { value: string; label: string };

export function SelectField<Value extends string>({
  value,
  onChange,
  options,
  placeholder,
  wide,
  ...props
}: FieldProps<Value> &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "value" | "onChange"> & {
    options: readonly { value: Value; label: string }[];
    /** A first, empty choice ("Choose…") for a field with no default. */
    placeholder?: string;
    /** For long choices (a statement's words): the box may grow to a line of text. */
    wide?: boolean;
  }) {
  const { id, label, hint, error, optional, ...native } = props;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} optional={optional}>
      {(aria) => (
        <select
          {...native}
          {...aria}
          className={`${styles.control} ${wide ? styles.wide : styles.select}`}
          value={value}
          onChange={(event) => onChange(event.target.value as Value)}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

/** An actor as pickers list it: its name, and what tells two of that name apart. */
export type ActorOption = { id: string; name: string; detail?: string | null };

/** Chooses one known actor; "" while none is chosen. */
export function ActorField({
  actors,
  placeholder = "Choose an actor…",
  ...props
}: FieldProps<string> & { actors: readonly ActorOption[]; placeholder?: string; disabled?: boolean }) {
  const options = actors.map((actor) => ({ value: actor.id, label: actor.detail ? `${actor.name} (${actor.detail})` : actor.name }));
  return <SelectField {...props} options={options} placeholder={placeholder} />;
}

export type { DatePrecision };

/**
 * A calendar date, and optionally how precisely it is known (the day, or only
 * the month: the date is then the month's first day).
 */
export function DateField({
  value,
  onChange,
  precision,
  ...props
}: FieldProps<string> &
  Omit<NativeInput, "min" | "max"> & {
    precision?: { id: string; label: string; value: DatePrecision; error: string | undefined; onChange: (value: DatePrecision) => void };
  }) {
  const { id, label, hint, error, optional, ...native } = props;
  // The browser's picker writes dates its own way (10/28/2024, 28.10.2024…); the readout beside it says the date as the
  // rest of the app does, and is read out with the field (aria-describedby), so what is chosen is never in doubt.
  const readout = formatDateFieldValue(value, precision?.value === "MONTH" ? "MONTH" : "DAY");
  const readoutId = `${id}-as-written`;
  const date = (
    <FieldFrame id={id} label={label} hint={hint} error={error} optional={optional}>
      {(aria) => (
        <span className={styles.dateWithReadout}>
          <input
            {...native}
            {...aria}
            aria-describedby={[readout ? readoutId : null, aria["aria-describedby"]].filter(Boolean).join(" ") || undefined}
            type="date"
            className={`${styles.control} ${styles.date}`}
            value={value}
            onChange={(event) => onChange(event.target.value)}
          />
          <span id={readoutId} className={styles.dateReadout} data-testid={readoutId}>
            {readout}
          </span>
        </span>
      )}
    </FieldFrame>
  );
  if (!precision) return date;
  return (
    <div className={styles.row}>
      {date}
      <SelectField {...precision} options={choicesOf(datePrecisionLabels)} />
    </div>
  );
}

/** One of a few choices, all in sight (radios drawn as a segmented control). */
export function ChoiceField<Value extends string>({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  options,
}: FieldProps<Value> & { options: readonly { value: Value; label: ReactNode }[] }) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <fieldset className={styles.field} id={id} aria-describedby={ariaDescribedBy(id, error, hintId)}>
      <legend className={styles.label}>{label}</legend>
      <div className={styles.segmented}>
        {options.map((option) => (
          <label key={option.value} className={styles.segment}>
            <input type="radio" name={id} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} />
            {option.label}
          </label>
        ))}
      </div>
      <HintAndError id={id} label={label} hint={hint} error={error} />
    </fieldset>
  );
}

/** One yes-or-no box, its label beside it. */
export function CheckboxField({ id, label, value, onChange, error, hint, disabled }: FieldProps<boolean> & { disabled?: boolean }) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={styles.field}>
      <div className={styles.checkbox}>
        <input
          id={id}
          type="checkbox"
          checked={value}
          disabled={disabled}
          onChange={(event) => onChange(event.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={ariaDescribedBy(id, error, hintId)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <HintAndError id={id} label={label} hint={hint} error={error} />
    </div>
  );
}

/** Several of a long list (statements, events, actors), through the filterable checkbox list. */
export function CheckboxListField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  options,
  filterAbove = 6,
  clearLabel = "Untick all",
  summary,
}: Omit<FieldProps<string[]>, "optional" | "hint"> & {
  hint?: string;
  options: readonly CheckboxListOption[];
  filterAbove?: number;
  clearLabel?: string;
  summary?: string;
}) {
  return (
    <div className={styles.field} id={id}>
      <CheckboxList
        label={label}
        options={options}
        chosen={value}
        onChange={onChange}
        hint={hint}
        summary={summary ?? (value.length === 0 ? "None chosen" : `${value.length} chosen`)}
        filterAbove={filterAbove}
        clearLabel={clearLabel}
        describedBy={error ? `${id}-error` : undefined}
      />
      <FieldError id={id} label={label} message={error} className={styles.error} />
    </div>
  );
}

/** Fields side by side on a wide screen, stacked on a narrow one. */
export function FieldRow({ children }: { children: ReactNode }) {
  return <div className={styles.row}>{children}</div>;
}

/**
 * A title and the slug made from it: the slug follows the title until someone
 * edits it to something else (no state needed: it follows while it still equals
 * the title's suggestion).
 */
export function TitleAndSlugFields({
  title,
  slug,
  address,
}: {
  title: FieldBinding<string>;
  slug: FieldBinding<string>;
  /** The address the slug gives, for its hint: slug → "/scenarios/…". */
  address: (slug: string) => string;
}) {
  return (
    <>
      <TextField
        {...title}
        onChange={(value) => {
          title.onChange(value);
          if (slug.value === suggestSlug(title.value)) slug.onChange(suggestSlug(value));
        }}
      />
      <TextField {...slug} code hint={`Its address: ${address(slug.value || "…")}`} />
    </>
  );
}

/**
 * One file to upload. Its value is the chosen File (null before one is chosen): the form sends it
 * itself (an upload, not JSON), and the kit still draws its label, hint and error.
 */
export function FileField({ onChange, ...props }: FieldProps<File | null> & { accept?: string; disabled?: boolean }) {
  return <FileInput {...props} onChoose={(files) => onChange(files[0] ?? null)} />;
}

/** Several files to upload at once, as FileField does one: its value is the list chosen (empty before any is). */
export function FilesField({ onChange, ...props }: FieldProps<File[]> & { accept?: string; disabled?: boolean }) {
  return <FileInput {...props} multiple onChoose={onChange} />;
}

function FileInput({
  id,
  label,
  error,
  hint,
  optional,
  accept,
  disabled,
  multiple,
  onChoose,
}: Omit<FieldProps<unknown>, "onChange" | "value"> & {
  accept?: string;
  disabled?: boolean;
  multiple?: boolean;
  onChoose: (files: File[]) => void;
}) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} optional={optional}>
      {(aria) => (
        <input
          {...aria}
          className={styles.control}
          type="file"
          accept={accept}
          disabled={disabled}
          multiple={multiple}
          onChange={(event) => onChoose(Array.from(event.target.files ?? []))}
        />
      )}
    </FieldFrame>
  );
}
