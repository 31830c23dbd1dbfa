import { actorKindLabels } from "@/lib/actors/schemas";
import type { ActorKind } from "@/lib/generated/prisma/enums";

// What the new-actor form and each row's edit form share: the choices they
// offer and the checks they make before the round trip (the server's own rules
// are in lib/actors/schemas.ts and lib/validation.ts).

/** An actor another actor can speak for. */
export type ActorChoice = { id: string; name: string };

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

export function checkSlug(slug: string): string | undefined {
  if (!slug) return "enter a slug, e.g. the name in lower case with hyphens between the words";
  if (!slugPattern.test(slug)) return "use lower-case letters and digits, words joined by hyphens";
}

export function checkOffice(office: string): string | undefined {
  if (office.trim().length > maximumOfficeLength) return `must be at most ${maximumOfficeLength} characters`;
}

export function checkWikidataId(wikidataId: string | null): string | undefined {
  if (wikidataId !== null && !wikidataPattern.test(wikidataId)) return "a Wikidata id looks like Q794";
}

export function KindOptions() {
  return actorKinds.map((kind) => (
    <option key={kind} value={kind}>
      {actorKindLabels[kind]}
    </option>
  ));
}

/** Every actor but the one being edited (an actor cannot speak for itself), after a "nobody" choice. */
export function SpeaksForOptions({ choices, excludeId }: { choices: ActorChoice[]; excludeId?: string }) {
  return (
    <>
      <option value="">Nobody (speaks for itself)</option>
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
