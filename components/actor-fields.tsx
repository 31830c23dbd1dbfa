import { actorSchema } from "@/lib/actors/schemas";

// What the actor forms (new actor, each row's edit, the statement form's new
// speaker) share. Their rules are the schemas' in lib/actors/schemas.ts.

/** An existing actor: one another actor can speak for, and whose slug and Wikidata id are taken. */
export type ActorChoice = { id: string; name: string; slug: string; wikidataId: string | null };

/** The schema's limits, for the boxes' maxLength. */
export const maximumNameLength = actorSchema.shape.name.maxLength ?? undefined;
export const maximumOfficeLength = actorSchema.shape.office.unwrap().unwrap().maxLength ?? undefined;

/** Trimmed, with a lower-case "q794" accepted as Q794; null when left empty. */
export function normaliseWikidataId(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  return /^q\d+$/.test(trimmed) ? trimmed.toUpperCase() : trimmed;
}
