"use client";

import Link from "@/components/link";
import { useRouter } from "next/navigation";
import { DateField, FormActions, FormMessages, SelectField, TextAreaField, TitleAndSlugFields, useSchemaForm } from "../form";

/** A new scenario in one of the sets: what would happen, how to tell, and by when. */
export function NewScenarioForm({ sets }: { sets: { id: string; title: string }[] }) {
  const router = useRouter();
  const blank = {
    setId: sets.length === 1 ? sets[0]!.id : "",
    title: "",
    slug: "",
    description: "",
    resolutionCriteria: "",
    horizonOn: "",
  };
  const form = useSchemaForm<typeof blank, { id: string; slug: string }>({
    schema: () => import("@/lib/scenarios/schemas").then((schemas) => schemas.scenarioCreationSchema),
    idPrefix: "new-scenario",
    initialValues: blank,
    labels: {
      setId: "Set",
      title: "Title",
      slug: "Slug",
      description: "Description",
      resolutionCriteria: "Resolution criteria",
      horizonOn: "Horizon",
    },
    toBody: (values) => ({
      ...values,
      title: values.title.trim(),
      slug: values.slug.trim(),
      description: values.description.trim(),
      resolutionCriteria: values.resolutionCriteria.trim(),
    }),
    request: { method: "POST", url: "/api/scenarios" },
    onSuccess: (scenario, sent) => {
      form.setNotice(
        <>
          <Link href={`/scenarios/${encodeURIComponent(scenario.slug)}`}>“{(sent as typeof blank).title}”</Link> was added: open it to
          record the first estimate and its indicators.
        </>,
      );
      // The set stays chosen: scenarios are usually added to one set in a row.
      form.reset({ ...blank, setId: form.values.setId });
      router.refresh();
    },
  });

  return (
    <form className="form" onSubmit={form.handleSubmit} noValidate aria-label="New scenario">
      <FormMessages form={form} />
      <SelectField
        {...form.field("setId")}
        options={sets.map((set) => ({ value: set.id, label: set.title }))}
        placeholder="Choose a set…"
      />
      <TitleAndSlugFields title={form.field("title")} slug={form.field("slug")} address={(slug) => `/scenarios/${slug}`} />
      <TextAreaField {...form.field("description")} rows={3} />
      <TextAreaField
        {...form.field("resolutionCriteria")}
        rows={4}
        hint="How anyone can tell, on the horizon date, whether it came about: what counts and what does not."
      />
      <DateField {...form.field("horizonOn")} hint="The last day on which it can come about." />
      <FormActions pending={form.pending} label="Add scenario" pendingLabel="Adding…" disabled={sets.length === 0}>
        {sets.length === 0 && <span className="form__hint">Add a scenario set first.</span>}
      </FormActions>
    </form>
  );
}
