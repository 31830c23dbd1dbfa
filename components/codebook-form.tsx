"use client";

import { useRouter } from "next/navigation";
import { type CodebookContent } from "@/lib/codebook/schemas";
import { describeScore, formatScore, minimumScore } from "@/lib/codings/scale";
import { FormAlert, TextAreaField, useSchemaForm } from "./form";

/** "statement | score | explanation", one example a line (the statement by id or quote start): the way the examples box reads them. */
function examplesAsLines(examples: CodebookContent["examples"]): string {
  return examples.map((example) => `${example.statementId} | ${example.score} | ${example.explanation}`).join("\n");
}

function examplesFromLines(text: string) {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [statement = "", score = "", ...explanation] = line.split("|").map((part) => part.trim());
      return { statement, score: Number(score.replace("−", "-").replace("+", "")), explanation: explanation.join(" | ") };
    });
}

/** An admin publishes the next codebook version, starting from the one in force. */
export function CodebookForm({ basedOn, content }: { basedOn: number; content: CodebookContent | null }) {
  const router = useRouter();
  const initial = {
    basedOn,
    summary: content?.summary ?? "",
    scaleMeanings: content?.scaleMeanings ?? Array.from({ length: 7 }, () => ""),
    conditionalRule: content?.conditionalRule ?? "",
    sarcasmRule: content?.sarcasmRule ?? "",
    examples: content ? examplesAsLines(content.examples) : "",
  };
  const form = useSchemaForm({
    schema: () => import("@/lib/codebook/schemas").then((schemas) => schemas.codebookPublicationSchema),
    idPrefix: "codebook",
    initialValues: initial,
    labels: {
      basedOn: "Version started from",
      summary: "Summary",
      scaleMeanings: "Meaning of each point",
      conditionalRule: "Conditional statements",
      sarcasmRule: "Sarcasm and irony",
      examples: "Worked examples",
    },
    toBody: (values) => ({ ...values, examples: examplesFromLines(values.examples) }),
    request: { method: "POST", url: "/api/codebook" },
    onSuccess: (published: { number: number }) => {
      router.push(`/codebook?version=${published.number}`);
      router.refresh();
      return "keep-pending";
    },
  });
  const meanings = form.field("scaleMeanings");
  return (
    <form className="form" onSubmit={form.handleSubmit} noValidate aria-label="Publish a new codebook version">
      <FormAlert message={form.alert ?? form.conflict?.message ?? null} />
      <TextAreaField {...form.field("summary")} rows={4} />
      {meanings.value.map((meaning, index) => {
        const score = minimumScore + index;
        return (
          <TextAreaField
            key={score}
            id={`${meanings.id}-${index}`}
            label={`${formatScore(score)} ${describeScore(score)}`}
            value={meaning}
            // One error for the seven boxes: shown under the first, where the list starts.
            error={index === 0 ? meanings.error : undefined}
            onChange={(value) => meanings.onChange(meanings.value.map((old, position) => (position === index ? value : old)))}
            rows={2}
          />
        );
      })}
      <TextAreaField {...form.field("conditionalRule")} rows={3} />
      <TextAreaField {...form.field("sarcasmRule")} rows={3} />
      <TextAreaField
        {...form.field("examples")}
        rows={5}
        optional
        hint="One a line: the start of the statement’s quote (or its id) | score from −3 to 3 | why. The current version’s examples are listed by id."
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={form.pending}>
          {form.pending ? "Publishing…" : `Publish version ${basedOn + 1}`}
        </button>
      </div>
    </form>
  );
}
