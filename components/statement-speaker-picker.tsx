import { actorKindLabels } from "@/lib/actors/schemas";
import type { ActorKind } from "@/lib/generated/prisma/enums";
import { actorKinds, maximumNameLength, maximumOfficeLength } from "./actor-fields";
import { FieldError } from "./form-feedback";

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

  return (
    <fieldset className="field speaker-picker">
      <legend className="field__label">Speaker</legend>
      <div className="segmented" role="radiogroup" aria-label="Speaker is">
        <label className="segmented__option">
          <input
            type="radio"
            name={`${idPrefix}-mode`}
            checked={value.mode === "known"}
            onChange={() => onChange({ mode: "known", speakerId: null, query: value.query })}
          />
          A known actor
        </label>
        <label className="segmented__option">
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
            <div className="speaker-options" role="radiogroup" aria-label="Known actors" aria-describedby={errorId("speakerId")}>
              {shown.map((actor) => (
                <label key={actor.id} className="speaker-option">
                  <input
                    type="radio"
                    name={`${idPrefix}-speaker`}
                    value={actor.id}
                    checked={value.speakerId === actor.id}
                    onChange={() => onChange({ ...value, speakerId: actor.id })}
                  />
                  <span>
                    <span className="speaker-option__name">{actor.name}</span>
                    <span className="cell-meta">{describeActor(actor)}</span>
                  </span>
                </label>
              ))}
            </div>
          )}
          {errorFor("speakerId", "Speaker")}
        </>
      ) : (
        <div className="speaker-new">
          <div className="field">
            <label className="field__label" htmlFor={`${idPrefix}-name`}>
              Name
            </label>
            <input
              id={`${idPrefix}-name`}
              type="text"
              autoComplete="off"
              maxLength={maximumNameLength}
              value={newSpeaker.name}
              onChange={(event) => updateNew({ name: event.target.value })}
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={errorId("name")}
            />
            {errorFor("name", "Name")}
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${idPrefix}-kind`}>
              Kind
            </label>
            <select
              id={`${idPrefix}-kind`}
              value={newSpeaker.kind}
              onChange={(event) => updateNew({ kind: event.target.value as ActorKind })}
              aria-invalid={errors.kind ? true : undefined}
              aria-describedby={errorId("kind")}
            >
              {actorKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {actorKindLabels[kind]}
                </option>
              ))}
            </select>
            {errorFor("kind", "Kind")}
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${idPrefix}-office`}>
              Office <span className="field__optional">(optional)</span>
            </label>
            <input
              id={`${idPrefix}-office`}
              type="text"
              autoComplete="off"
              maxLength={maximumOfficeLength}
              value={newSpeaker.office}
              onChange={(event) => updateNew({ office: event.target.value })}
              aria-invalid={errors.office ? true : undefined}
              aria-describedby={[`${idPrefix}-office-hint`, errorId("office")].filter(Boolean).join(" ")}
            />
            <p className="field__hint" id={`${idPrefix}-office-hint`}>
              For a person, the post they speak from, e.g. Minister of Foreign Affairs.
            </p>
            {errorFor("office", "Office")}
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${idPrefix}-speaks-for`}>
              Speaks for
            </label>
            <select
              id={`${idPrefix}-speaks-for`}
              value={newSpeaker.speaksForId}
              onChange={(event) => updateNew({ speaksForId: event.target.value })}
              aria-invalid={errors.speaksForId ? true : undefined}
              aria-describedby={errorId("speaksForId")}
            >
              <option value="">None</option>
              {actors.map((actor) => (
                <option key={actor.id} value={actor.id}>
                  {actor.name}
                </option>
              ))}
            </select>
            {errorFor("speaksForId", "Speaks for")}
          </div>
          <p className="field__hint">The new actor is created with the statement; an administrator can complete it later under Actors.</p>
        </div>
      )}
    </fieldset>
  );
}
