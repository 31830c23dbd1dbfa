/**
 * Matching the words that name a speaker to the analyst's known actors. Deliberately conservative: a wrong match
 * silently codes a statement to the wrong actor, while no match only asks the analyst to pick one.
 */
import { looksLikeProperName } from "./speaker-phrases";
import { PREPOSITIONS } from "./vocabulary";
import { quotationAt, type TextLayout } from "./text-layout";
import type { ActorKind, KnownActor, Span } from "./types";

/** A place where the text names someone; "he" and "she" refer back to the latest person among these. */
export type Mention = Span & { actorId: string | null; text: string; person: boolean };

export type ActorIndex = {
  /** The known actor a speaker phrase names, or null when it names none or several equally well. */
  match(phrase: string): KnownActor | null;
  kindOf(actorId: string): ActorKind | undefined;
  /** Whether the actor's office uses this role noun ("spokesman" for "Foreign ministry spokesman"). */
  holdsRole(actorId: string, noun: string): boolean;
  /** Every mention of a known person outside quotation marks (what people say is not who is speaking). */
  personMentions(layout: TextLayout): Mention[];
};

type NameVariant = { actor: KnownActor; raw: string; normalised: string };

// "Iran’s leadership" speaks for Iran, but "Iran’s foreign ministry spokesman" is a person, not the government.
const INSTITUTIONS =
  "government|leadership|regime|authorities|administration|cabinet|foreign ministry|ministry of foreign affairs|foreign office|presidency";
const INSTITUTION_OF = new RegExp(String.raw`^(.+?)'s? (?:${INSTITUTIONS})$`);

export function normalisePhrase(phrase: string): string {
  return phrase
    .normalize("NFC")
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/[‐‑–—]/g, "-")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase()
    .replace(/^(?:the|a|an) /, "")
    .replace(/[\s.,;:]+$/, "");
}

/** "Senior western diplomat in Tehran (anonymous)" is named in articles without its bracketed note. */
function withoutBrackets(name: string): string {
  return name.replace(/\s*\([^)]*\)\s*/g, " ").trim();
}

function nameVariants(actors: KnownActor[]): NameVariant[] {
  const variants: NameVariant[] = [];
  const add = (actor: KnownActor, raw: string) => {
    const normalised = normalisePhrase(raw);
    if (normalised) variants.push({ actor, raw, normalised });
  };
  for (const actor of actors) {
    add(actor, withoutBrackets(actor.name));
    for (const alias of actor.aliases ?? []) add(actor, withoutBrackets(alias));
  }
  // People are usually named by surname after the first mention ("Velayati"). A surname shared by two known people
  // (or equal to another actor's name) would be a guess, so it is left out; so is the last word of a description
  // ("Senior western diplomat in Tehran" is not "Tehran").
  const surnames = new Map<string, KnownActor[]>();
  for (const actor of actors.filter((a) => a.kind === "PERSON" && looksLikeProperName(withoutBrackets(a.name)))) {
    const words = withoutBrackets(actor.name).split(/\s+/);
    const surname = words.at(-1);
    if (words.length < 2 || !surname || surname.length < 3) continue;
    surnames.set(surname, [...(surnames.get(surname) ?? []), actor]);
  }
  const fullNames = new Set(variants.map((v) => v.normalised));
  for (const [surname, owners] of surnames) {
    const [owner] = owners;
    if (owner && owners.length === 1 && !fullNames.has(normalisePhrase(surname))) add(owner, surname);
  }
  return variants;
}

/**
 * The words before a name that still leave the phrase naming that actor: titles and descriptions ("Iran’s supreme
 * leader Ayatollah", "the reformist President"), but not a preposition or conjunction ("adviser to … Khamenei" is not
 * Khamenei; "Saudi Arabia and Iran" is not Iran).
 */
function isDescriptivePrefix(prefix: string): boolean {
  return !prefix.split(" ").some((word) => PREPOSITIONS.has(word) || word === "and" || word === "or" || word === "nor" || word === "but");
}

export function buildActorIndex(actors: KnownActor[]): ActorIndex {
  const variants = nameVariants(actors);
  const kinds = new Map(actors.map((actor) => [actor.id, actor.kind]));
  const offices = new Map(actors.map((actor) => [actor.id, normalisePhrase(actor.office ?? "").split(/[^\p{L}-]+/u)]));

  const matchByName = (normalised: string): KnownActor | null => {
    let best: { actor: KnownActor; score: number } | null = null;
    let tied = false;
    for (const variant of variants) {
      let score = 0;
      if (normalised === variant.normalised) score = 1000 + variant.normalised.length;
      else if (
        normalised.endsWith(` ${variant.normalised}`) &&
        isDescriptivePrefix(normalised.slice(0, normalised.length - variant.normalised.length - 1))
      ) {
        score = 500 + variant.normalised.length;
      }
      if (score === 0) continue;
      if (!best || score > best.score) {
        best = { actor: variant.actor, score };
        tied = false;
      } else if (score === best.score && variant.actor.id !== best.actor.id) tied = true;
    }
    return best && !tied ? best.actor : null;
  };

  const matchInstitution = (normalised: string): KnownActor | null => {
    const owner = INSTITUTION_OF.exec(normalised)?.[1];
    if (!owner) return null;
    const actor = variants.find((v) => v.normalised === owner)?.actor;
    return actor && actor.kind !== "PERSON" ? actor : null;
  };

  return {
    match(phrase) {
      const normalised = normalisePhrase(phrase);
      if (!normalised) return null;
      return matchByName(normalised) ?? matchInstitution(normalised) ?? matchOffice(phrase, normalised, actors);
    },
    kindOf: (actorId) => kinds.get(actorId),
    holdsRole: (actorId, noun) => (offices.get(actorId) ?? []).includes(noun.toLowerCase()),
    personMentions: (layout) => findPersonMentions(layout, variants),
  };
}

/**
 * "Iran’s foreign ministry spokesman" or "the foreign ministry spokesman" for the one person whose office is
 * "Foreign ministry spokesman"; "Iran’s president" for the one whose office is "President of Iran". Only when the
 * phrase names nobody else, the role has two words or a possessor pins it down, and exactly one person fits.
 */
function matchOffice(phrase: string, normalised: string, actors: KnownActor[]): KnownActor | null {
  const possessive = /^(.+?)'s? (.+)$/.exec(normalised);
  const possessor = possessive?.[1] ?? null;
  const role = possessive?.[2] ?? normalised;
  const rawWords = phrase.trim().split(/\s+/);
  const possessorEnd = rawWords.findIndex((word) => /['’]s?$/.test(word));
  const roleWords = rawWords.slice(possessorEnd >= 0 ? possessorEnd + 1 : 1);
  if (roleWords.some((word) => /\p{Lu}/u.test(word))) return null; // "spokeswoman Maryam Tavakoli" names her
  if (!possessor && role.split(" ").length < 2) return null;

  const holders = actors.filter((actor) => {
    if (actor.kind !== "PERSON" || !actor.office) return false;
    return actor.office
      .split(/[;,]/)
      .map(normalisePhrase)
      .some((office) => office === role || (possessor !== null && office === `${role} of ${possessor}`));
  });
  return holders.length === 1 ? holders[0]! : null;
}

function escapeForPattern(name: string): string {
  return name
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(/['’]/g, "['’]")
    .replace(/\s+/g, String.raw`\s+`);
}

function findPersonMentions(layout: TextLayout, variants: NameVariant[]): Mention[] {
  const found: Mention[] = [];
  for (const variant of variants) {
    if (variant.actor.kind !== "PERSON") continue;
    const pattern = new RegExp(String.raw`(?<![\p{L}\p{N}])${escapeForPattern(variant.raw)}(?![\p{L}\p{N}])`, "giu");
    for (const match of layout.text.matchAll(pattern)) {
      // Case-insensitive to survive "al-Rashed"/"Al-Rashed", but a name in running text starts as written or capitalised.
      const first = match[0][0] ?? "";
      if (first !== variant.raw[0] && first === first.toLowerCase()) continue;
      if (quotationAt(layout, match.index)) continue;
      found.push({ start: match.index, end: match.index + match[0].length, actorId: variant.actor.id, text: match[0], person: true });
    }
  }
  // "Velayati" inside "Ali Akbar Velayati" is the same mention.
  return found.filter(
    (mention) =>
      !found.some(
        (other) =>
          other !== mention &&
          other.start <= mention.start &&
          other.end >= mention.end &&
          other.end - other.start > mention.end - mention.start,
      ),
  );
}
