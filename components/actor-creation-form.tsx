"use client";

import { choicesOf } from "@/lib/choices";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { actorKindLabels } from "@/lib/actors/schemas";
import type { ActorView } from "@/lib/data/actors";
import type { ActorKind } from "@/lib/generated/prisma/enums";
import { suggestSlug } from "@/lib/slugs";
import { normaliseWikidataId, type ActorChoice } from "./actor-fields";
import { CheckboxField, FieldRow, FormActions, FormAlert, SelectField, TextField, useSchemaForm } from "./form";

const blank = { name: "", slug: "", kind: "PERSON" as ActorKind, office: "", speaksForId: "", wikidataId: "", isTrackedTarget: false };
/** Who already uses a value the new actor must not share (its slug, its Wikidata id). */
const takenBy = (choices: ActorChoice[], field: "slug" | "wikidataId", value: string | null) =>
  value ? choices.find((actor) => actor[field] === value) : undefined;

export function NewActorForm({ choices }: { choices: ActorChoice[] }) {
  const router = useRouter();
  const [created, setCreated] = useState<ActorView | null>(null);
  const form = useSchemaForm<typeof blank, ActorView>({
    schema: () => import("@/lib/actors/schemas").then((schemas) => schemas.actorCreationSchema),
    idPrefix: "new-actor",
    initialValues: blank,
    labels: {
      name: "Name",
      slug: "Slug",
      kind: "Kind",
      office: "Office",
      speaksForId: "Speaks for",
      wikidataId: "Wikidata id",
      isTrackedTarget: "Track as target",
    },
    toBody: (values) => ({
      ...values,
      name: values.name.trim(),
      slug: values.slug.trim(),
      office: values.office.trim() || null,
      speaksForId: values.speaksForId || null,
      wikidataId: normaliseWikidataId(values.wikidataId),
    }),
    // Taken slugs and ids are known on the page: say so before the round trip.
    check: (values) => {
      const slugOwner = takenBy(choices, "slug", values.slug.trim());
      const wikidataOwner = takenBy(choices, "wikidataId", normaliseWikidataId(values.wikidataId));
      return {
        slug: slugOwner && `is already used by ${slugOwner.name}`,
        wikidataId: wikidataOwner && `is already used by ${wikidataOwner.name}`,
      };
    },
    request: { method: "POST", url: "/api/actors" },
    onSuccess: (actor) => {
      setCreated(actor);
      form.reset();
      router.refresh();
    },
  });
  const name = form.field("name");
  const slug = form.field("slug");
  const suggestedSlug = suggestSlug(name.value);

  return (
    <>
      {created && (
        <div className="notice" role="status">
          <strong>{created.name}</strong> was added
          {created.isTrackedTarget ? " as a tracked target." : "."}
          <button type="button" className="link-button" onClick={() => setCreated(null)}>
            Dismiss
          </button>
        </div>
      )}
      <form className="form actor-form" onSubmit={form.handleSubmit} noValidate>
        <FormAlert message={form.alert} />
        <FieldRow>
          <TextField
            {...name}
            autoComplete="off"
            required
            onChange={(value) => {
              name.onChange(value);
              // The slug follows the name until someone edits it to something else.
              if (slug.value === suggestSlug(name.value)) slug.onChange(suggestSlug(value));
            }}
          />
          <TextField
            {...slug}
            code
            required
            hint={
              <>
                Suggested from the name. Lower-case words joined by hyphens; imports and links use it, so it cannot be changed later.
                {slug.value !== suggestedSlug && suggestedSlug && (
                  <button type="button" className="link-button" onClick={() => slug.onChange(suggestedSlug)}>
                    Use {suggestedSlug}
                  </button>
                )}
              </>
            }
          />
          <SelectField {...form.field("kind")} options={choicesOf(actorKindLabels)} />
        </FieldRow>
        <FieldRow>
          <TextField
            {...form.field("office")}
            autoComplete="off"
            optional
            hint="For a person, the post they speak from, e.g. Minister of Foreign Affairs."
          />
          <SelectField
            {...form.field("speaksForId")}
            placeholder="None"
            options={choices.map((choice) => ({ value: choice.id, label: choice.name }))}
            hint="The government or organisation whose position this actor states."
          />
          <TextField
            {...form.field("wikidataId")}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder="Q794"
            optional
            hint="The Q number at the top of the actor’s Wikidata page."
          />
        </FieldRow>
        <CheckboxField
          {...form.field("isTrackedTarget")}
          hint="Tracked targets are charted on the overview. You can change this later in the table."
        />
        <FormActions pending={form.pending} label="Add actor" pendingLabel="Adding…" />
      </form>
    </>
  );
}
