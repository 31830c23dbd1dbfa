"use client";

import { useRouter } from "next/navigation";
import { formatScore, maximumScore, minimumScore } from "@/lib/codings/scale";
import { describeIndicatorRule, indicatorRuleSchema, type Comparison, type IndicatorRule } from "@/lib/indicators/rules";
import { indicatorEffectLabels, indicatorEffects } from "@/lib/scenarios/labels";
import type { IndicatorEffectValue, IndicatorView } from "@/lib/scenarios/types";
import {
  CheckboxField,
  ChoiceField,
  FieldRow,
  FormActions,
  FormMessages,
  ScorePicker,
  SelectField,
  TextField,
  useSchemaForm,
} from "../form";
import { indicatorEffectGlyphs } from "./scenario-format";
import styles from "./indicator-form.module.css";

export type ActorChoice = { slug: string; name: string; representedCount: number };

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

const comparisonOptions = [
  { value: "AT_LEAST", label: "at least" },
  { value: "AT_MOST", label: "at most" },
] as const;

/** A new signpost for the scenario: a rule over the codings, and which way it points when triggered. */
export function IndicatorForm({ scenarioId, actors }: { scenarioId: string; actors: ActorChoice[] }) {
  const router = useRouter();
  const form = useSchemaForm<Values, IndicatorView>({
    schema: () => import("@/lib/scenarios/schemas").then((schemas) => schemas.indicatorCreationSchema),
    idPrefix: "indicator",
    initialValues,
    labels: {
      title: "Title",
      effect: "When triggered, it",
      kind: "Measure",
      actorSlug: "Speaker",
      includeRepresentatives: "Include those who speak for it",
      targetSlug: "Toward (target)",
      windowDays: "Window (days)",
      comparison: "Comparison",
      threshold: "Threshold",
      scoreComparison: "Or higher or lower",
      scoreThreshold: "Score",
    },
    // The body nests the rule; the form holds it flat.
    toBody: (values) => ({ scenarioId, title: values.title.trim(), effect: values.effect, rule: ruleFrom(values) }),
    paths: {
      "rule.kind": "kind",
      "rule.speakers.actorSlug": "actorSlug",
      "rule.speakers.includeRepresentatives": "includeRepresentatives",
      "rule.targetSlug": "targetSlug",
      "rule.windowDays": "windowDays",
      "rule.comparison": "comparison",
      "rule.threshold": "threshold",
      "rule.scoreComparison": "scoreComparison",
      "rule.scoreThreshold": "scoreThreshold",
    },
    // The slug fields are empty until an actor is chosen: say so rather than the slug syntax.
    messages: { actorSlug: "choose an actor", targetSlug: "choose an actor" },
    request: { method: "POST", url: "/api/indicators" },
    onSuccess: (indicator) => {
      form.reset({ ...initialValues, actorSlug: form.values.actorSlug, targetSlug: form.values.targetSlug });
      form.setNotice(`“${indicator.title}” was added.`);
      router.refresh();
    },
  });
  const { values } = form;
  const field = form.field;
  const nameOf = (slug: string) => actors.find((actor) => actor.slug === slug)?.name;
  const speaker = actors.find((actor) => actor.slug === values.actorSlug);
  const parsedRule = indicatorRuleSchema.safeParse(ruleFrom(values));
  const preview = parsedRule.success ? parsedRule.data : null;
  const previewNames = { speakers: nameOf(values.actorSlug) ?? "", target: nameOf(values.targetSlug) ?? "" };
  const actorOptions = actors.map((actor) => ({ value: actor.slug, label: actor.name }));
  const kind = field("kind");

  return (
    <form className="form" onSubmit={form.handleSubmit} noValidate aria-label="Add indicator">
      <FormMessages form={form} />
      <TextField {...field("title")} />

      <FieldRow>
        <ChoiceField
          {...field("effect")}
          options={indicatorEffects.map((effect) => ({
            value: effect,
            label: (
              <>
                <span aria-hidden="true">{indicatorEffectGlyphs[effect]}</span> {indicatorEffectLabels[effect]}
              </>
            ),
          }))}
        />
        <ChoiceField
          {...kind}
          onChange={(value) => {
            kind.onChange(value);
            // A count's threshold is a number of statements, a mean's a score: the old one would mislead.
            form.setValue("threshold", "");
          }}
          options={[
            { value: "MEAN_STANCE", label: "Mean stance" },
            { value: "STATEMENT_COUNT", label: "Statement count" },
          ]}
        />
      </FieldRow>

      <FieldRow>
        <div className={styles.speaker}>
          <SelectField {...field("actorSlug")} options={actorOptions} placeholder="Choose an actor…" />
          <CheckboxField
            {...field("includeRepresentatives")}
            hint={
              speaker === undefined
                ? "Its leaders, ministers and spokespeople, for a state or organisation."
                : speaker.representedCount === 0
                  ? `Nobody is recorded as speaking for ${speaker.name}.`
                  : `${speaker.representedCount} ${speaker.representedCount === 1 ? "actor speaks" : "actors speak"} for ${speaker.name}.`
            }
          />
        </div>
        <SelectField {...field("targetSlug")} options={actorOptions} placeholder="Choose an actor…" />
        <TextField
          {...field("windowDays")}
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          short
          hint="Statements said in the last this many days, the evaluation date included."
        />
      </FieldRow>

      {values.kind === "STATEMENT_COUNT" && (
        <fieldset className={styles.group}>
          <legend className={styles.legend}>Count statements scoring</legend>
          <ScorePicker
            id="indicator-scoreThreshold"
            name="indicator-scoreThreshold"
            legend="Score"
            legendHidden
            compact
            value={values.scoreThreshold}
            onChange={(score) => field("scoreThreshold").onChange(score)}
            error={form.errors.scoreThreshold}
          />
          <SelectField
            {...field("scoreComparison")}
            options={[
              { value: "AT_MOST", label: "or lower (more hostile)" },
              { value: "AT_LEAST", label: "or higher (more conciliatory)" },
            ]}
          />
        </fieldset>
      )}

      <fieldset className={styles.group}>
        <legend className={styles.legend}>
          {values.kind === "MEAN_STANCE" ? "Triggered when the mean stance is" : "Triggered when the count is"}
        </legend>
        <div className={styles.inline}>
          <SelectField {...field("comparison")} options={comparisonOptions} />
          <TextField
            {...field("threshold")}
            inputMode="decimal"
            short
            placeholder={values.kind === "MEAN_STANCE" ? "e.g. 1" : "e.g. 3"}
            hint={
              values.kind === "MEAN_STANCE" ? `On the scale ${formatScore(minimumScore)} to ${formatScore(maximumScore)}.` : "Statements."
            }
          />
        </div>
      </fieldset>

      <p className={styles.preview} aria-live="polite">
        {preview && previewNames.speakers && previewNames.target ? (
          <>
            <span className="muted">Reads: </span>
            {describeIndicatorRule(preview, previewNames)}
          </>
        ) : (
          <span className="muted">The rule is read back here in words once it is complete.</span>
        )}
      </p>

      <FormActions pending={form.pending} label="Add indicator" pendingLabel="Adding…" />
    </form>
  );
}
