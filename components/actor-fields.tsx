import { actorKindLabels } from "@/lib/actors/schemas";
import type { ActorKind } from "@/lib/generated/prisma/enums";

// What the new-actor form and each row's edit form share: the choices they
// offer and the checks they make before the round trip (the server's own rules
// are in lib/actors/schemas.ts and lib/validation.ts).

/** An existing actor: one another actor can speak for, and whose slug and Wikidata id are taken. */
export type ActorChoice = { id: string; name: string; slug: string; wikidataId: string | null };

export const actorKinds = Object.keys(actorKindLabels) as ActorKind[];

export const maximumNameLength = 200;
export const maximumOfficeLength = 300;
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const wikidataPattern = /^Q[1-9]\d*$/;

/** "Ali Akbar Velayati" → "ali-akbar-velayati"; accents dropped, anything else between words becomes one hyphen. */
export function suggestSlug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Trimmed, with a lower-case "q794" accepted as Q794; null when left empty. */
export function normaliseWikidataId(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  return /^q\d+$/.test(trimmed) ? trimmed.toUpperCase() : trimmed;
}

export function checkName(name: string): string | undefined {
  if (!name.trim()) return "enter the actor’s name";
  if (name.trim().length > maximumNameLength) return `must be at most ${maximumNameLength} characters`;
}

export function checkSlug(slug: string, existing: ActorChoice[]): string | undefined {
  if (!slug) return "enter a slug, e.g. the name in lower case with hyphens between the words";
  if (!slugPattern.test(slug)) return "use lower-case letters and digits, words joined by hyphens";
  const owner = existing.find((actor) => actor.slug === slug);
  if (owner) return `is already used by ${owner.name}`;
}

export function checkOffice(office: string): string | undefined {
  if (office.trim().length > maximumOfficeLength) return `must be at most ${maximumOfficeLength} characters`;
}

/** Null is fine (no id); `existing` leaves out the actor being edited. */
export function checkWikidataId(wikidataId: string | null, existing: ActorChoice[]): string | undefined {
  if (wikidataId === null) return;
  if (!wikidataPattern.test(wikidataId)) return "a Wikidata id looks like Q794";
  const owner = existing.find((actor) => actor.wikidataId === wikidataId);
  if (owner) return `is already used by ${owner.name}`;
}

export function KindOptions() {
  return actorKinds.map((kind) => (
    <option key={kind} value={kind}>
      {actorKindLabels[kind]}
    </option>
  ));
}

/** Every actor but the one being edited (an actor cannot speak for itself), after a "nobody" choice. */
export function SpeaksForOptions({ choices, excludeId }: { choices: Pick<ActorChoice, "id" | "name">[]; excludeId?: string }) {
  return (
    <>
      <option value="">None</option>
      {choices
        .filter((choice) => choice.id !== excludeId)
        .map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.name}
          </option>
        ))}
    </>
  );
}
