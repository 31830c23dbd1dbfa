"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { formatScore, maximumScore, minimumScore } from "@/lib/codings/scale";
import { describeIndicatorRule, indicatorRuleSchema, type Comparison, type IndicatorRule } from "@/lib/indicators/rules";
import type { IndicatorEffectValue, IndicatorView } from "@/lib/scenarios/types";
import { sendJson } from "../json-request";
import { ariaDescribedBy, describeFailure, FieldError, FormAlert } from "../form-feedback";
import { ScorePicker } from "../score-picker";
import { indicatorEffectLabels } from "./scenario-format";

export type ActorChoice = { slug: string; name: string; representedCount: number };

// The server's field names (its 422 fieldErrors), so its messages land beside the same controls.
type Field =
  | "title"
  | "effect"
  | "rule.kind"
  | "rule.speakers.actorSlug"
  | "rule.speakers.includeRepresentatives"
  | "rule.targetSlug"
  | "rule.windowDays"
  | "rule.comparison"
  | "rule.threshold"
  | "rule.scoreComparison"
  | "rule.scoreThreshold";
const fieldNames: Record<Field, string> = {
  title: "Title",
  effect: "Effect",
  "rule.kind": "Measure",
  "rule.speakers.actorSlug": "Speaker",
  "rule.speakers.includeRepresentatives": "Those who speak for it",
  "rule.targetSlug": "Target",
  "rule.windowDays": "Window",
  "rule.comparison": "Comparison",
  "rule.threshold": "Threshold",
  "rule.scoreComparison": "Score condition",
  "rule.scoreThreshold": "Score",
};
const isField = (name: string): name is Field => name in fieldNames;
// The server's limit (indicatorCreationSchema).
const maximumTitleLength = 200;

type Values = {
  title: string;
  effect: IndicatorEffectValue;
  kind: IndicatorRule["kind"];
  actorSlug: string;
  includeRepresentatives: boolean;
  targetSlug: string;
  windowDays: string;
  comparison: Comparison;
  threshold: string;
  scoreComparison: Comparison;
  scoreThreshold: number;
};

const initialValues: Values = {
  title: "",
  effect: "SUPPORTS",
  kind: "MEAN_STANCE",
  actorSlug: "",
  includeRepresentatives: true,
  targetSlug: "",
  windowDays: "30",
  comparison: "AT_LEAST",
  threshold: "",
  scoreComparison: "AT_MOST",
  scoreThreshold: -2,
};

/** A number typed into a field; NaN for an empty field, which the schema refuses with its own message. */
function numberFrom(text: string): number {
  const trimmed = text.trim().replace("−", "-").replace(",", ".");
  return trimmed === "" ? Number.NaN : Number(trimmed);
}

function ruleFrom(values: Values): unknown {
  const common = {
    speakers: { actorSlug: values.actorSlug, includeRepresentatives: values.includeRepresentatives },
    targetSlug: values.targetSlug,
    windowDays: numberFrom(values.windowDays),
    comparison: values.comparison,
    threshold: numberFrom(values.threshold),
  };
  if (values.kind === "MEAN_STANCE") return { kind: "MEAN_STANCE", ...common };
  return { kind: "STATEMENT_COUNT", ...common, scoreComparison: values.scoreComparison, scoreThreshold: values.scoreThreshold };
}

/** The shared rule schema's verdict, keyed as the server keys its field errors. */
function checkRule(rule: unknown): { rule: IndicatorRule | null; problems: Partial<Record<Field, string>> } {
  const parsed = indicatorRuleSchema.safeParse(rule);
  if (parsed.success) return { rule: parsed.data, problems: {} };
  const problems: Partial<Record<Field, string>> = {};
  for (const issue of parsed.error.issues) {
    const key = ["rule", ...issue.path.map(String)].join(".");
    // The slug fields are empty until an actor is chosen: say so rather than the slug syntax.
    const message = key.endsWith("Slug") ? "choose an actor" : issue.message;
    if (isField(key) && problems[key] === undefined) problems[key] = message;
  }
  return { rule: null, problems };
}

/** A new signpost for the scenario: a rule over the codings, and which way it points when triggered. */
export function IndicatorForm({ scenarioId, actors }: { scenarioId: string; actors: ActorChoice[] }) {
  const router = useRouter();
  const [values, setValues] = useState<Values>(initialValues);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const nameOf = (slug: string) => actors.find((actor) => actor.slug === slug)?.name;
  const speaker = actors.find((actor) => actor.slug === values.actorSlug);
  const preview = checkRule(ruleFrom(values)).rule;
  const previewNames = { speakers: nameOf(values.actorSlug) ?? "", target: nameOf(values.targetSlug) ?? "" };

  function change<Key extends keyof Values>(key: Key, value: Values[Key], field?: Field) {
    setValues((previous) => ({ ...previous, [key]: value }));
    if (field) setFieldErrors((previous) => ({ ...previous, [field]: undefined }));
    setSaved(null);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const title = values.title.trim();
    const { rule, problems } = checkRule(ruleFrom(values));
    if (!title) problems.title = "name what the indicator watches for";
    else if (title.length > maximumTitleLength) problems.title = `must be at most ${maximumTitleLength} characters`;
    setFieldErrors(problems);
    setAlert(null);
    setSaved(null);
    if (rule === null || Object.keys(problems).length > 0) return;
    setPending(true);
    const result = await sendJson<IndicatorView>("POST", "/api/indicators", { scenarioId, title, effect: values.effect, rule });
    setPending(false);
    if (!result.ok) {
      const failure = describeFailure(result, isField);
      setFieldErrors(failure.fieldErrors);
      setAlert(failure.alert);
      return;
    }
    setSaved(`“${title}” was added.`);
    setValues({ ...initialValues, actorSlug: values.actorSlug, targetSlug: values.targetSlug });
    router.refresh();
  }

  const invalid = (field: Field) => (fieldErrors[field] ? true : undefined);
  const fieldId = (field: Field) => `indicator-${field.replace(/\./g, "-")}`;
  const errorFor = (field: Field) => <FieldError id={fieldId(field)} label={fieldNames[field]} message={fieldErrors[field]} />;
  const describe = (field: Field, hintId?: string) => ariaDescribedBy(fieldId(field), fieldErrors[field], hintId);
  const comparisonOptions = (
    <>
      <option value="AT_LEAST">at least</option>
      <option value="AT_MOST">at most</option>
    </>
  );
  const actorOptions = actors.map((actor) => (
    <option key={actor.slug} value={actor.slug}>
      {actor.name}
    </option>
  ));

  return (
    <form className="form indicator-form" onSubmit={handleSubmit} noValidate aria-label="Add indicator">
      <FormAlert message={alert} />
      <p className="form__status" role="status">
        {saved}
      </p>
      <div className="field">
        <label className="field__label" htmlFor={fieldId("title")}>
          Title
        </label>
        <input
          id={fieldId("title")}
          type="text"
          maxLength={maximumTitleLength}
          value={values.title}
          onChange={(event) => change("title", event.target.value, "title")}
          aria-invalid={invalid("title")}
          aria-describedby={describe("title")}
        />
        {errorFor("title")}
      </div>

      <div className="form__row">
        <fieldset className="field" aria-describedby={describe("effect")}>
          <legend className="field__label">When triggered, it</legend>
          <div className="segmented">
            {(["SUPPORTS", "UNDERMINES"] as const).map((effect) => (
              <label key={effect} className="segmented__option">
                <input
                  type="radio"
                  name="indicator-effect"
                  value={effect}
                  checked={values.effect === effect}
                  onChange={() => change("effect", effect, "effect")}
                />
                <span aria-hidden="true">{indicatorEffectLabels[effect].glyph}</span> {effect === "SUPPORTS" ? "supports" : "undermines"}{" "}
                this scenario
              </label>
            ))}
          </div>
          {errorFor("effect")}
        </fieldset>
        <fieldset className="field" aria-describedby={describe("rule.kind")}>
          <legend className="field__label">Measure</legend>
          <div className="segmented">
            {(
              [
                ["MEAN_STANCE", "Mean stance"],
                ["STATEMENT_COUNT", "Statement count"],
              ] as const
            ).map(([kind, label]) => (
              <label key={kind} className="segmented__option">
                <input
                  type="radio"
                  name="indicator-kind"
                  value={kind}
                  checked={values.kind === kind}
                  onChange={() => {
                    change("kind", kind, "rule.kind");
                    // A count's threshold is a number of statements, a mean's a score: the old one would mislead.
                    change("threshold", "", "rule.threshold");
                  }}
                />
                {label}
              </label>
            ))}
          </div>
          {errorFor("rule.kind")}
        </fieldset>
      </div>

      <div className="form__row">
        <div className="field">
          <label className="field__label" htmlFor={fieldId("rule.speakers.actorSlug")}>
            Speaker
          </label>
          <select
            id={fieldId("rule.speakers.actorSlug")}
            value={values.actorSlug}
            onChange={(event) => change("actorSlug", event.target.value, "rule.speakers.actorSlug")}
            aria-invalid={invalid("rule.speakers.actorSlug")}
            aria-describedby={describe("rule.speakers.actorSlug")}
          >
            <option value="">Choose an actor…</option>
            {actorOptions}
          </select>
          <div className="checkbox-field indicator-form__representatives">
            <input
              id={fieldId("rule.speakers.includeRepresentatives")}
              type="checkbox"
              checked={values.includeRepresentatives}
              onChange={(event) => change("includeRepresentatives", event.target.checked, "rule.speakers.includeRepresentatives")}
              aria-describedby={describe("rule.speakers.includeRepresentatives", `${fieldId("rule.speakers.includeRepresentatives")}-hint`)}
            />
            <label htmlFor={fieldId("rule.speakers.includeRepresentatives")}>Include those who speak for it</label>
          </div>
          <p className="field__hint" id={`${fieldId("rule.speakers.includeRepresentatives")}-hint`}>
            {speaker === undefined
              ? "Its leaders, ministers and spokespeople, for a state or organisation."
              : speaker.representedCount === 0
                ? `Nobody is recorded as speaking for ${speaker.name}.`
                : `${speaker.representedCount} ${speaker.representedCount === 1 ? "actor speaks" : "actors speak"} for ${speaker.name}.`}
          </p>
          {errorFor("rule.speakers.actorSlug")}
          {errorFor("rule.speakers.includeRepresentatives")}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={fieldId("rule.targetSlug")}>
            Toward (target)
          </label>
          <select
            id={fieldId("rule.targetSlug")}
            value={values.targetSlug}
            onChange={(event) => change("targetSlug", event.target.value, "rule.targetSlug")}
            aria-invalid={invalid("rule.targetSlug")}
            aria-describedby={describe("rule.targetSlug")}
          >
            <option value="">Choose an actor…</option>
            {actorOptions}
          </select>
          {errorFor("rule.targetSlug")}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={fieldId("rule.windowDays")}>
            Window (days)
          </label>
          <input
            id={fieldId("rule.windowDays")}
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            className="input--short"
            value={values.windowDays}
            onChange={(event) => change("windowDays", event.target.value, "rule.windowDays")}
            aria-invalid={invalid("rule.windowDays")}
            aria-describedby={describe("rule.windowDays", `${fieldId("rule.windowDays")}-hint`)}
          />
          <p className="field__hint" id={`${fieldId("rule.windowDays")}-hint`}>
            Statements said in the last this many days, the evaluation date included.
          </p>
          {errorFor("rule.windowDays")}
        </div>
      </div>

      {values.kind === "STATEMENT_COUNT" && (
        <fieldset className="field">
          <legend className="field__label">Count statements scoring</legend>
          <ScorePicker
            id={fieldId("rule.scoreThreshold")}
            name={fieldId("rule.scoreThreshold")}
            legend={fieldNames["rule.scoreThreshold"]}
            legendHidden
            compact
            value={values.scoreThreshold}
            onChange={(score) => change("scoreThreshold", score, "rule.scoreThreshold")}
            error={fieldErrors["rule.scoreThreshold"]}
          />
          <div className="indicator-form__inline">
            <label className="visually-hidden" htmlFor={fieldId("rule.scoreComparison")}>
              Or higher or lower
            </label>
            <select
              id={fieldId("rule.scoreComparison")}
              value={values.scoreComparison}
              onChange={(event) => change("scoreComparison", event.target.value as Comparison, "rule.scoreComparison")}
              aria-invalid={invalid("rule.scoreComparison")}
              aria-describedby={describe("rule.scoreComparison")}
            >
              <option value="AT_MOST">or lower (more hostile)</option>
              <option value="AT_LEAST">or higher (more conciliatory)</option>
            </select>
          </div>
          {errorFor("rule.scoreComparison")}
        </fieldset>
      )}

      <fieldset className="field">
        <legend className="field__label">
          {values.kind === "MEAN_STANCE" ? "Triggered when the mean stance is" : "Triggered when the count is"}
        </legend>
        <div className="indicator-form__inline">
          <label className="visually-hidden" htmlFor={fieldId("rule.comparison")}>
            Comparison
          </label>
          <select
            id={fieldId("rule.comparison")}
            value={values.comparison}
            onChange={(event) => change("comparison", event.target.value as Comparison, "rule.comparison")}
            aria-invalid={invalid("rule.comparison")}
            aria-describedby={describe("rule.comparison")}
          >
            {comparisonOptions}
          </select>
          <label className="visually-hidden" htmlFor={fieldId("rule.threshold")}>
            Threshold
          </label>
          <input
            id={fieldId("rule.threshold")}
            type="text"
            inputMode="decimal"
            className="input--short"
            placeholder={values.kind === "MEAN_STANCE" ? "e.g. 1" : "e.g. 3"}
            value={values.threshold}
            onChange={(event) => change("threshold", event.target.value, "rule.threshold")}
            aria-invalid={invalid("rule.threshold")}
            aria-describedby={describe("rule.threshold")}
          />
          <span className="muted">
            {values.kind === "MEAN_STANCE" ? `on the scale ${formatScore(minimumScore)} to ${formatScore(maximumScore)}` : "statements"}
          </span>
        </div>
        {errorFor("rule.threshold")}
        {errorFor("rule.comparison")}
      </fieldset>

      <p className="indicator-form__preview" aria-live="polite">
        {preview && previewNames.speakers && previewNames.target ? (
          <>
            <span className="muted">Reads: </span>
            {describeIndicatorRule(preview, previewNames)}
          </>
        ) : (
          <span className="muted">The rule is read back here in words once it is complete.</span>
        )}
      </p>

      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? "Adding…" : "Add indicator"}
        </button>
      </div>
    </form>
  );
}
