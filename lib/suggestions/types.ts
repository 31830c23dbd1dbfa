/** The public shapes of statement suggestions, plus the internal candidate the extractors pass around. */

export type ActorKind = "PERSON" | "GOVERNMENT" | "ORGANISATION" | "BLOC" | "GROUP";

export type KnownActor = { id: string; name: string; aliases?: string[]; kind: ActorKind; office?: string | null };

export type SuggestionChannel = "INTERVIEW" | "PRESS_CONFERENCE" | "OFFICIAL_STATEMENT" | "REPORTED_BY_OTHERS";

export type StatementSuggestion = {
  /** Exact substring of the text. */
  quote: string;
  /** text.slice(startOffset, endOffset) === quote, in JavaScript string indices. */
  startOffset: number;
  endOffset: number;
  form: "DIRECT_QUOTE" | "PARAPHRASE";
  /** The words in the text naming the speaker, e.g. "Velayati", "he", "a senior western diplomat in Tehran". */
  speakerText: string;
  /** The matched known actor, or null when the speaker is named but unknown. */
  speakerId: string | null;
  /** Only when the attribution says so (told a press conference, told the Financial Times, in a statement…). */
  channel?: SuggestionChannel;
  /** The attribution words found, e.g. "said", "told a weekly press conference", "according to". */
  cue: string;
};

/** A half-open range of JavaScript string indices. */
export type Span = { start: number; end: number };

/** A suggestion while it is being built: keeps the spans the later passes (pronouns, continuations, overlaps) need. */
export type Candidate = {
  form: StatementSuggestion["form"];
  content: Span;
  /** Where the speaker is named (for a pronoun: the pronoun itself). */
  speaker: Span;
  /** The whole subject when it says more than the name ("Shirin's mother, Parvaneh"): whether a person, which gender. */
  subject?: Span;
  speakerText: string;
  speakerId: string | null;
  /** "he"/"she", still to be resolved to the person it stands for. */
  pronoun: boolean;
  cue: string;
  channel?: SuggestionChannel;
  /** Index of the last sentence the statement and its attribution occupy; a following quotation may continue it. */
  lastSentence: number;
};
