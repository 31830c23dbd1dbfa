// Pure: an audit entry as a person reads it. Field names become the labels the
// forms use, values the way the forms show them (dates in the app's format,
// enums as their labels, people, actors and records by name). No I/O: the
// names of referenced records are looked up by the caller and passed in.
import { actorKindLabels } from "../actors/schemas";
import { formatScore } from "../codings/scale";
import { eventKindLabels } from "../events/labels";
import { confidenceLabels } from "../codings/labels";
import type { AuditAction } from "../generated/prisma/enums";
import { datePrecisionLabels } from "../date-precision";
import { indicatorEffectLabels, scenarioStatusLabels } from "../scenarios/labels";
import { channelLabels, statementFormLabels } from "../statements/schemas";
import { roleLabels } from "../users/schemas";

export const auditActionLabels: Record<AuditAction, string> = {
  CREATE: "Created",
  UPDATE: "Updated",
  DELETE: "Deleted",
  RESTORE: "Restored",
  SIGN_IN: "Signed in",
  SIGN_IN_FAILED: "Failed sign-in",
  ROLE_CHANGE: "Role changed",
  ACCOUNT_CHANGE: "Account changed",
  SIGN_OUT: "Signed out",
  SIGN_IN_UNLOCK: "Sign-in unlocked",
};

/** Names of referenced records by id (actors, people, sources, statements, scenarios, sets, events). */
export type ReferenceNames = ReadonlyMap<string, string>;

const commonLabels: Record<string, string> = {
  id: "Id",
  createdAt: "Created",
  deletedAt: "Deleted",
  createdById: "Created by",
  title: "Title",
  description: "Description",
  rationale: "Rationale",
  name: "Name",
  slug: "Key",
  kind: "Kind",
  score: "Score",
  confidence: "Confidence",
  note: "Note",
};

const entityLabels: Record<string, Record<string, string>> = {
  User: {
    email: "Email",
    role: "Role",
    mustChangePassword: "Must change password",
    disabledAt: "Disabled",
    sessionsValidFrom: "Sessions valid from",
    isAdjudicator: "Adjudicator",
    passwordHash: "Password",
    clientAddress: "From address",
    outcome: "Outcome",
  },
  Actor: {
    office: "Office",
    speaksForId: "Speaks for",
    wikidataId: "Wikidata id",
    isTrackedTarget: "Tracked as a target",
    aliases: "Other names",
  },
  Source: {
    publisher: "Publisher",
    url: "Web address",
    publishedOn: "Published",
    language: "Language",
    text: "Text",
    contentHash: "Content fingerprint",
    blindCoding: "Blind coding",
    nothingToCodeAt: "Marked nothing to code",
    nothingToCodeById: "Marked nothing to code by",
  },
  Statement: {
    sourceId: "Source",
    speakerId: "Speaker",
    quote: "Quote",
    startOffset: "Starts at character",
    endOffset: "Ends at character",
    saidOn: "Said on",
    saidOnPrecision: "Date precision",
    form: "Form",
    channel: "Channel",
  },
  StanceCoding: {
    statementId: "Statement",
    speakerId: "Speaker",
    saidOn: "Said on",
    targetId: "Target",
    coderId: "Coder",
    isConditional: "Conditional",
  },
  Adjudication: { statementId: "Statement", targetId: "Target", adjudicatorId: "Adjudicator" },
  StatementReview: { statementId: "Statement", coderId: "Coder" },
  Event: { occurredOn: "Occurred on", datePrecision: "Date precision" },
  ScenarioSet: {},
  Scenario: {
    setId: "Scenario set",
    resolutionCriteria: "Resolution criteria",
    horizonOn: "Horizon",
    status: "Status",
    resolvedOn: "Resolved on",
  },
  ScenarioEstimate: { scenarioId: "Scenario", userId: "Analyst", probability: "Probability", estimatedOn: "Estimated on" },
  Indicator: { scenarioId: "Scenario", rule: "Rule", effect: "Effect" },
  Evidence: { setId: "Scenario set", eventId: "Event", statementId: "Statement", credibility: "Credibility" },
  EvidenceAssessment: { evidenceId: "Evidence", scenarioId: "Scenario", rating: "Rating" },
};

/** "resolutionCriteria" → "Resolution criteria", for fields no table names. */
function wordsOf(field: string): string {
  const words = field
    .replace(/Id$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function fieldLabel(entity: string, field: string): string {
  return entityLabels[entity]?.[field] ?? commonLabels[field] ?? wordsOf(field);
}

const enumLabels: Record<string, Record<string, string>> = {
  role: roleLabels,
  kind: { ...actorKindLabels, ...eventKindLabels },
  confidence: confidenceLabels,
  credibility: confidenceLabels,
  form: statementFormLabels,
  channel: channelLabels,
  saidOnPrecision: datePrecisionLabels,
  datePrecision: datePrecisionLabels,
  status: scenarioStatusLabels,
  effect: indicatorEffectLabels,
  rating: { CC: "Very consistent", C: "Consistent", N: "Neutral", NA: "Not applicable", I: "Inconsistent", II: "Very inconsistent" },
  outcome: {
    SUCCESS: "Signed in",
    WRONG_PASSWORD: "Wrong password",
    UNKNOWN_ACCOUNT: "Unknown account",
    DISABLED: "Account disabled",
    LOCKED: "Locked out",
  },
};

const scoreFields = new Set(["score", "adjudicatedScore"]);
const dateOnlyPattern = /^\d{4}-\d{2}-\d{2}(T00:00:00(\.000)?Z)?$/;
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const dateOnlyFields = new Set(["publishedOn", "saidOn", "occurredOn", "horizonOn", "resolvedOn", "estimatedOn"]);

function formatDay(iso: string): string {
  return new Date(`${iso.slice(0, 10)}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}

function formatInstant(iso: string): string {
  return `${new Date(iso).toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" })} UTC`;
}

/**
 * A value as the forms show it; null for "none". Ids of referenced records
 * become their names when known; an id that names nothing known stays as it is.
 */
export function formatAuditValue(field: string, value: unknown, names: ReferenceNames): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") {
    if (scoreFields.has(field)) return formatScore(value);
    if (field === "probability") return `${Math.round(value * 100)}%`;
    return String(value);
  }
  if (typeof value === "string") {
    if (field.endsWith("Id") && names.has(value)) return names.get(value)!;
    if (enumLabels[field]?.[value]) return enumLabels[field][value]!;
    if (field === "passwordHash") return "(changed)";
    if (dateOnlyFields.has(field) && dateOnlyPattern.test(value)) return formatDay(value);
    if (instantPattern.test(value)) return formatInstant(value);
    return value;
  }
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value.length ? value.join(", ") : null;
  return JSON.stringify(value);
}

/** Every id an entry's snapshots refer to, so the caller can look their names up in one round. */
export function referencedIds(snapshots: unknown[]): string[] {
  const ids = new Set<string>();
  for (const snapshot of snapshots) {
    if (!snapshot || typeof snapshot !== "object" || Array.isArray(snapshot)) continue;
    for (const [field, value] of Object.entries(snapshot as Record<string, unknown>)) {
      if (field !== "id" && field.endsWith("Id") && typeof value === "string") ids.add(value);
    }
  }
  return [...ids];
}

/** The kinds of record history can be filtered by, with their names in words. */
export const historyRecordKinds: Record<string, string> = {
  StanceCoding: "Codings",
  Statement: "Statements",
  Source: "Sources",
  Actor: "Actors",
  Adjudication: "Adjudications",
  StatementReview: "Statement reviews",
  Event: "Events",
  ScenarioSet: "Scenario sets",
  Scenario: "Scenarios",
  ScenarioEstimate: "Estimates",
  Indicator: "Indicators",
  Evidence: "Evidence",
  EvidenceAssessment: "Evidence ratings",
  User: "People",
};
