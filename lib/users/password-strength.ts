// Server-side only in practice (the dictionaries are ~2 MB): rejects passwords
// that an attacker would guess early, using zxcvbn-ts's estimate of how many
// guesses a password takes (common passwords, repeats, sequences, keyboard
// patterns, dates, and the person's own name and e-mail).
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

/** zxcvbn's score 3: "safely unguessable: moderate protection from an offline slow-hash scenario" (over 10^8 guesses). */
export const minimumPasswordScore = 3;

// Without a translation package zxcvbn-ts returns message keys; these say the same for people.
const warnings: Record<string, string> = {
  simpleRepeat: "repeats the same characters",
  extendedRepeat: "repeats the same pattern",
  straightRow: "follows a row of keys on the keyboard",
  keyPattern: "follows a pattern on the keyboard",
  sequences: "is a sequence such as abc or 123",
  recentYears: "is or contains a recent year",
  dates: "is or contains a date",
  topTen: "is one of the ten most common passwords",
  topHundred: "is one of the hundred most common passwords",
  common: "is a commonly used password",
  similarToCommon: "is too similar to a commonly used password",
  wordByItself: "is a single word",
  namesByThemselves: "is a single name",
  commonNames: "is a common name",
  userInputs: "contains your name, your e-mail address or the site's name",
  pwned: "has appeared in a data breach",
};

let estimator: ZxcvbnFactory | undefined;

/**
 * Why this password is too easy to guess, as the end of a sentence about the
 * field, or null when it is strong enough. `personal` are words an attacker
 * would try first for this account (name, e-mail).
 */
export function passwordWeakness(password: string, personal: string[] = []): string | null {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  // Whole, without separators ("amirahaddad") and word by word.
  const inputs = [
    ...personal,
    ...personal.map((phrase) => phrase.split("@")[0]!.replace(/[^\p{L}\p{N}]+/gu, "")),
    ...personal.flatMap((phrase) => phrase.split(/[^\p{L}\p{N}]+/u)),
    "stancewatch",
  ]
    .map((word) => word.toLowerCase())
    .filter((word) => word.length >= 3);
  const result = estimator.check(password, inputs);
  if (result.score >= minimumPasswordScore) return null;
  const reason = (result.feedback.warning && warnings[result.feedback.warning]) || "is too easy to guess";
  return `${reason}; use a passphrase of several unrelated words`;
}
