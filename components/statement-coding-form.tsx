// Rendered inside SourceWorkspace (a client component), one per target in the statement panel.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { confidenceLabels } from "@/lib/codings/schemas";
import type { Confidence } from "@/lib/generated/prisma/enums";
import { sendJson, splitFieldErrors } from "./json-request";
import { FieldError } from "./form-feedback";
import { ScorePicker } from "./score-picker";

type Field = "score" | "isConditional" | "confidence" | "rationale";
const fieldNames: Record<Field, string> = {
  score: "Score",
  isConditional: "Conditional",
  confidence: "Confidence",
  rationale: "Rationale",
};
const confidences = Object.keys(confidenceLabels) as Confidence[];
// The server's limit (stanceCodingSchema), checked here so the message comes before the round trip.
const maximumRationaleLength = 2000;

function isField(name: string): name is Field {
  return name in fieldNames;
}

/** A first coding of one statement toward one target, compact enough for the side panel. Editing happens on the coding's own page. */
export function StatementCodingForm({ statementId, target }: { statementId: string; target: { id: string; name: string } }) {
  const router = useRouter();
  // No preselected score: a default would anchor the coder, and a forgotten click would save it.
  const [score, setScore] = useState<number | null>(null);
  const [isConditional, setConditional] = useState(false);
  const [confidence, setConfidence] = useState<Confidence>("MEDIUM");
  const [rationale, setRationale] = useState("");
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const id = (part: string) => `code-${statementId}-${target.id}-${part}`;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const problems: Partial<Record<Field, string>> = {};
    if (score === null) problems.score = "choose a point on the scale";
    if (!rationale.trim()) problems.rationale = "say why: the words that carry the stance";
    else if (rationale.trim().length > maximumRationaleLength) problems.rationale = `must be at most ${maximumRationaleLength} characters`;
    setErrors(problems);
    setError(null);
    if (Object.keys(problems).length > 0) return;
    setPending(true);
    const result = await sendJson("POST", "/api/codings", {
      statementId,
      targetId: target.id,
      score,
      isConditional,
      confidence,
      rationale: rationale.trim(),
    });
    if (!result.ok) {
      setPending(false);
      const { known, other } = splitFieldErrors(result.fieldErrors, isField);
      setErrors(known);
      setError(
        other.length > 0
          ? `Please correct: ${other.join("; ")}`
          : Object.keys(known).length > 0
            ? "Please correct the fields marked below."
            : result.error,
      );
      // A 409 means a coding toward this target already exists (another tab, say): showing it beats keeping a form that cannot save.
      if (result.status === 409) router.refresh();
      return;
    }
    // Stay pending: the refreshed page replaces this form with the saved coding (and reveals others' codings under blind coding).
    router.refresh();
  }

  const errorFor = (field: Field) => <FieldError id={id(`${field}`)} label={fieldNames[field]} message={errors[field]} />;

  return (
    <form className="form form--compact quick-coding" onSubmit={handleSubmit} noValidate aria-labelledby={id("heading")}>
      <h4 className="quick-coding__title" id={id("heading")}>
        Toward {target.name}
      </h4>
      {error && (
        <div className="alert" role="alert">
          {error}
        </div>
      )}
      <ScorePicker
        id={id("score")}
        name={id("score")}
        legend={`Score toward ${target.name}`}
        legendHidden
        compact
        value={score}
        onChange={setScore}
        error={errors.score}
      />
      <div className="quick-coding__row">
        <div className="checkbox-field">
          <input
            id={id("conditional")}
            type="checkbox"
            checked={isConditional}
            onChange={(event) => setConditional(event.target.checked)}
            aria-describedby={id("conditional-hint")}
          />
          <label htmlFor={id("conditional")}>Conditional</label>
          <span id={id("conditional-hint")} className="visually-hidden">
            The stance holds only if a condition the speaker named is met.
          </span>
        </div>
        <div className="inline-form">
          <label htmlFor={id("confidence")}>Confidence</label>
          <select id={id("confidence")} value={confidence} onChange={(event) => setConfidence(event.target.value as Confidence)}>
            {confidences.map((option) => (
              <option key={option} value={option}>
                {confidenceLabels[option]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={id("rationale")}>
          Rationale
        </label>
        <textarea
          id={id("rationale")}
          rows={3}
          maxLength={maximumRationaleLength}
          value={rationale}
          onChange={(event) => setRationale(event.target.value)}
          aria-invalid={errors.rationale ? true : undefined}
          aria-describedby={errors.rationale ? id("rationale-error") : undefined}
        />
        {errorFor("rationale")}
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary button--small" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </button>
      </div>
    </form>
  );
}
