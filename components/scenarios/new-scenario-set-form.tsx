"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { scenarioSetSchema } from "@/lib/scenarios/schemas";
import { CheckboxField, FormAlert, TextAreaField, TitleAndSlugFields, useSchemaForm } from "../form";

/** A set of competing scenarios: its scenarios are then added one by one. */
export function NewScenarioSetForm() {
  const router = useRouter();
  const [created, setCreated] = useState<string | null>(null);
  const form = useSchemaForm({
    schema: scenarioSetSchema,
    idPrefix: "new-set",
    initialValues: { title: "", slug: "", description: "", mutuallyExclusive: false },
    labels: { title: "Title", slug: "Slug", description: "Description", mutuallyExclusive: "The scenarios are mutually exclusive" },
    toBody: (values) => ({
      title: values.title.trim(),
      slug: values.slug.trim(),
      description: values.description.trim(),
      mutuallyExclusive: values.mutuallyExclusive,
    }),
    request: { method: "POST", url: "/api/scenario-sets" },
    onSuccess: (_body, sent) => {
      setCreated((sent as { title: string }).title);
      form.reset();
      router.refresh();
    },
  });

  return (
    <form
      className="form"
      onSubmit={(event) => {
        setCreated(null);
        void form.handleSubmit(event);
      }}
      noValidate
      aria-label="New scenario set"
    >
      {created && (
        <p className="notice" role="status">
          “{created}” was added. Add its scenarios with the form beside this one.
        </p>
      )}
      <FormAlert message={form.alert} />
      <TitleAndSlugFields title={form.field("title")} slug={form.field("slug")} address={(slug) => `/scenarios/sets/${slug}`} />
      <TextAreaField
        {...form.field("description")}
        rows={3}
        hint="What the scenarios have in common, and whether they exclude each other (so their probabilities sum to 100 %)."
      />
      <CheckboxField
        {...form.field("mutuallyExclusive")}
        id="new-set-mutually-exclusive"
        hint="At most one can come about: each analyst’s estimates are checked against 100 %, and resolving one “yes” offers to resolve the others “no”."
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={form.pending}>
          {form.pending ? "Adding…" : "Add scenario set"}
        </button>
      </div>
    </form>
  );
}
