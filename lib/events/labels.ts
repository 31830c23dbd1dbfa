import type { EventKind, PloverEventType } from "../generated/prisma/enums";

// The words for an event's kind and PLOVER type, apart from schemas.ts (zod) because the events page's client
// components show them: the page need not load zod to draw its list and forms.

export const eventKindLabels: Record<EventKind, string> = {
  ATTACK: "Attack",
  MILITARY_STRIKE: "Military strike",
  ASSASSINATION: "Assassination",
  ELECTION: "Election",
  INAUGURATION: "Inauguration",
  AGREEMENT: "Agreement",
  WITHDRAWAL: "Withdrawal",
  DIPLOMATIC: "Diplomatic",
  OTHER: "Other",
};

/** PLOVER's sixteen event types (Political Language Ontology for Verifiable Event Records), with its own one-line glosses. */
export const ploverTypeLabels: Record<PloverEventType, string> = {
  AGREE: "Agree — agree to, or sign, an accord or a course of action",
  CONSULT: "Consult — meet, visit, negotiate, talk by phone",
  SUPPORT: "Support — praise, endorse, defend another's policy",
  CONCEDE: "Concede — ease restrictions, release, give in to demands",
  COOPERATE: "Cooperate — work together, share intelligence, joint action",
  AID: "Aid — give economic, military or humanitarian aid",
  RETREAT: "Retreat — withdraw, demobilise, pull out of an agreement",
  REQUEST: "Request — ask, appeal, demand help or action",
  ACCUSE: "Accuse — blame, criticise, denounce",
  REJECT: "Reject — refuse, veto, turn down a proposal",
  THREATEN: "Threaten — warn of force, sanctions or other harm",
  PROTEST: "Protest — demonstrate, strike, boycott",
  SANCTION: "Sanction — impose sanctions, embargoes, break relations",
  MOBILIZE: "Mobilize — put forces on alert, deploy, exercise",
  COERCE: "Coerce — arrest, expel, blockade, seize",
  ASSAULT: "Assault — use of armed force: strikes, attacks, killings",
};

/** The PLOVER type an event kind usually is; null where none fits (an election is not an interaction between actors). */
export const usualPloverType: Record<EventKind, PloverEventType | null> = {
  ATTACK: "ASSAULT",
  MILITARY_STRIKE: "ASSAULT",
  ASSASSINATION: "ASSAULT",
  ELECTION: null,
  INAUGURATION: null,
  AGREEMENT: "AGREE",
  WITHDRAWAL: "RETREAT",
  DIPLOMATIC: "CONSULT",
  OTHER: null,
};
