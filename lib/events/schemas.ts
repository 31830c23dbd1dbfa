import { z } from "zod";
import { DatePrecision, EventKind, PloverEventType } from "../generated/prisma/enums";
import { idSchema, isoDateSchema, requiredTextSchema, slugSchema, versionSchema } from "../validation";

export const eventSchema = z.object({
  slug: slugSchema,
  title: requiredTextSchema(200),
  kind: z.enum(EventKind),
  occurredOn: isoDateSchema,
  datePrecision: z.enum(DatePrecision).default("DAY"),
  description: requiredTextSchema(4000),
});
export type EventInput = z.infer<typeof eventSchema>;

const idListSchema = z.array(idSchema()).max(100, "may name at most 100");

/** An event made in the app: the slug is derived from the title and date. */
export const eventCreationSchema = z.object({
  title: requiredTextSchema(200),
  kind: z.enum(EventKind),
  ploverType: z.enum(PloverEventType).nullable().default(null),
  // An event without a date cannot be placed on a chart.
  occurredOn: z.string({ error: "is required: the date the event happened, YYYY-MM-DD" }).pipe(isoDateSchema),
  datePrecision: z.enum(DatePrecision).default("DAY"),
  description: requiredTextSchema(4000),
  actorIds: idListSchema.default([]),
  sourceIds: idListSchema.default([]),
});
export type EventCreation = z.infer<typeof eventCreationSchema>;

/** A correction: only the fields sent change; the version is the one the editor started from. */
export const eventUpdateSchema = z.object({
  version: versionSchema,
  title: requiredTextSchema(200).optional(),
  kind: z.enum(EventKind).optional(),
  ploverType: z.enum(PloverEventType).nullable().optional(),
  occurredOn: z.string({ error: "is required: the date the event happened, YYYY-MM-DD" }).pipe(isoDateSchema).optional(),
  datePrecision: z.enum(DatePrecision).optional(),
  description: requiredTextSchema(4000).optional(),
  actorIds: idListSchema.optional(),
  sourceIds: idListSchema.optional(),
});
export type EventUpdate = z.infer<typeof eventUpdateSchema>;

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
