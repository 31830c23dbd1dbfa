"use client";

import { useRouter } from "next/navigation";
import { CheckboxField, FormActions, FormMessages, TextAreaField, TitleAndSlugFields, useSchemaForm } from "../form";

/** A set of competing scenarios: its scenarios are then added one by one. */
export function NewScenarioSetForm() {
  const router = useRouter();
  const form = useSchemaForm({
    schema: () => import("@/lib/scenarios/schemas").then((schemas) => schemas.scenarioSetSchema),
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
      form.setNotice(`“${(sent as { title: string }).title}” was added. Add its scenarios with the form beside this one.`);
      form.reset();
      router.refresh();
    },
  });

  return (
    <form className="form" onSubmit={form.handleSubmit} noValidate aria-label="New scenario set">
      <FormMessages form={form} />
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
      <FormActions pending={form.pending} label="Add scenario set" pendingLabel="Adding…" />
    </form>
  );
}
