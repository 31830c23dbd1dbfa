import { choicesOf } from "@/lib/choices";
import { actorKindLabels } from "@/lib/actors/schemas";
import type { ActorKind } from "@/lib/generated/prisma/enums";
import { maximumNameLength, maximumOfficeLength } from "./actor-fields";
import { FieldError } from "./form-feedback";
import { SelectField, TextField } from "./form";
import styles from "./statement-speaker-picker.module.css";
import segmentedStyles from "./segmented.module.css";

/** A known actor as the speaker picker shows it. */
export type SpeakerChoice = { id: string; name: string; kind: ActorKind; office: string | null; speaksForName: string | null };

export type NewSpeaker = { name: string; kind: ActorKind; office: string; speaksForId: string };

export type SpeakerValue = { mode: "known"; speakerId: string | null; query: string } | { mode: "new"; speaker: NewSpeaker; query: string };

export type SpeakerErrors = Partial<Record<"speakerId" | "name" | "kind" | "office" | "speaksForId", string>>;

// Enough to pick from without the list outgrowing the panel; typing narrows it.
const shownMatches = 8;

/** Case- and accent-insensitive, so "velayati" finds "Velayati" and "pezeshkian" finds "Pezeshkiān". */
function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

function describeActor(actor: SpeakerChoice): string {
  return [actor.office ?? actorKindLabels[actor.kind], actor.speaksForName].filter(Boolean).join(", ");
}

/** Who said it: a known actor found by name, or a new one created with the statement. */
export function SpeakerPicker({
  idPrefix,
  actors,
  value,
  errors,
  onChange,
}: {
  idPrefix: string;
  actors: SpeakerChoice[];
  value: SpeakerValue;
  errors: SpeakerErrors;
  onChange: (value: SpeakerValue) => void;
}) {
  const query = fold(value.query.trim());
  const matches = query ? actors.filter((actor) => fold(actor.name).includes(query)) : actors;
  const selected = value.mode === "known" ? actors.find((actor) => actor.id === value.speakerId) : undefined;
  // The chosen speaker stays in the list while the search moves on, so the choice is always visible.
  const shown = [...(selected ? [selected] : []), ...matches.filter((actor) => actor !== selected).slice(0, shownMatches)];
  const hidden = matches.length - shown.filter((actor) => matches.includes(actor)).length;
  const errorId = (field: keyof SpeakerErrors) => (errors[field] ? `${idPrefix}-${field}-error` : undefined);
  const errorFor = (field: keyof SpeakerErrors, label: string) => (
    <FieldError id={`${idPrefix}-${field}`} label={label} message={errors[field]} />
  );
  const newSpeaker: NewSpeaker =
    value.mode === "new" ? value.speaker : { name: value.query.trim(), kind: "PERSON", office: "", speaksForId: "" };
  const updateNew = (change: Partial<NewSpeaker>) => onChange({ mode: "new", speaker: { ...newSpeaker, ...change }, query: value.query });
  // The kit's fields, bound to one of the new speaker's values.
  const bind = <Field extends keyof NewSpeaker>(field: Field, label: string) => ({
    id: `${idPrefix}-${field}`,
    label,
    value: newSpeaker[field],
    error: errors[field],
    onChange: (next: NewSpeaker[Field]) => updateNew({ [field]: next }),
  });

  return (
    <fieldset className={`field ${styles.speakerPicker}`}>
      <legend className="field__label">Speaker</legend>
      <div className={segmentedStyles.segmented} role="radiogroup" aria-label="Speaker is">
        <label className={segmentedStyles.option}>
          <input
            type="radio"
            name={`${idPrefix}-mode`}
            checked={value.mode === "known"}
            onChange={() => onChange({ mode: "known", speakerId: null, query: value.query })}
          />
          A known actor
        </label>
        <label className={segmentedStyles.option}>
          <input type="radio" name={`${idPrefix}-mode`} checked={value.mode === "new"} onChange={() => updateNew({})} />
          New speaker
        </label>
      </div>

      {value.mode === "known" ? (
        <>
          <label className="visually-hidden" htmlFor={`${idPrefix}-search`}>
            Search actors by name
          </label>
          <input
            id={`${idPrefix}-search`}
            type="search"
            className={styles.search}
            autoComplete="off"
            placeholder="Search actors by name"
            value={value.query}
            onChange={(event) => onChange({ ...value, query: event.target.value })}
            aria-describedby={`${idPrefix}-search-hint`}
          />
          <p className="field__hint" id={`${idPrefix}-search-hint`}>
            {matches.length === 0
              ? "No actor has that name. Choose New speaker to create one."
              : hidden > 0
                ? `${matches.length} actors match; the first ${shownMatches} are listed. Keep typing to narrow them.`
                : "Choose one below (arrow keys move between them)."}
          </p>
          {shown.length > 0 && (
            <div className={styles.speakerOptions} role="radiogroup" aria-label="Known actors" aria-describedby={errorId("speakerId")}>
              {shown.map((actor) => (
                <label key={actor.id} className={styles.speakerOption}>
                  <input
                    type="radio"
                    name={`${idPrefix}-speaker`}
                    value={actor.id}
                    checked={value.speakerId === actor.id}
                    onChange={() => onChange({ ...value, speakerId: actor.id })}
                  />
                  <span>
                    <span className={styles.speakerOptionName}>{actor.name}</span>
                    <span className="cell-meta">{describeActor(actor)}</span>
                  </span>
                </label>
              ))}
            </div>
          )}
          {errorFor("speakerId", "Speaker")}
        </>
      ) : (
        <div className={styles.speakerNew}>
          <TextField {...bind("name", "Name")} autoComplete="off" maxLength={maximumNameLength} />
          <SelectField {...bind("kind", "Kind")} options={choicesOf(actorKindLabels)} />
          <TextField
            {...bind("office", "Office")}
            autoComplete="off"
            maxLength={maximumOfficeLength}
            optional
            hint="For a person, the post they speak from, e.g. Minister of Foreign Affairs."
          />
          <SelectField
            {...bind("speaksForId", "Speaks for")}
            id={`${idPrefix}-speaks-for`}
            placeholder="None"
            options={actors.map((actor) => ({ value: actor.id, label: actor.name }))}
          />
          <p className="field__hint">The new actor is created with the statement; an administrator can complete it later under Actors.</p>
        </div>
      )}
    </fieldset>
  );
}
