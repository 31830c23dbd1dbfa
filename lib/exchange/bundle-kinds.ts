// The corpus bundle's record kinds: which Prisma model each is, and what the
// bundle does with every one of the model's columns (docs/decisions/0028).
// No I/O.
//
// Every scalar column of every model that travels is named here, either with
// the rule that writes and reads it or as excluded with the reason. The
// `fields` maps are typed by Prisma's generated ScalarFieldEnum, so a column
// added to the schema fails the type-check until it is placed here, and
// tests/unit/bundle-fields.test.ts checks the same at run time: a new field is
// never silently left out of the bundle.
import { actorSchema, actorUpdateSchema } from "../actors/schemas";
import { maximumRationaleLength } from "../codings/labels";
import { eventSchema } from "../events/schemas";
import type { Prisma } from "../generated/prisma/client";
import {
  ActorKind,
  Channel,
  Confidence,
  DatePrecision,
  EventKind,
  EvidenceRating,
  IndicatorEffect,
  PloverEventType,
  ScenarioStatus,
  StatementForm,
} from "../generated/prisma/enums";
import {
  evidenceCreationSchema,
  indicatorCreationSchema,
  scenarioEstimateSchema,
  scenarioSchema,
  scenarioSetSchema,
} from "../scenarios/schemas";
import { sourceCreationSchema, sourceSchema } from "../sources/schemas";
import { userSchema } from "../users/schemas";

/** The record kinds, named as the bundle's `kind` key names them. */
export type BundleKind =
  | "codebookVersion"
  | "actor"
  | "source"
  | "statement"
  | "coding"
  | "adjudication"
  | "statementReview"
  | "event"
  | "scenarioSet"
  | "scenario"
  | "estimate"
  | "indicator"
  | "evidence"
  | "evidenceAssessment";

/** How one column is written to and read from the bundle. */
export type FieldRule =
  | { type: "id" }
  /** `max`: characters, as JavaScript (and the app's forms) count them. */
  | { type: "text"; max: number; nullable?: true }
  | { type: "integer"; nullable?: true; min?: number; max?: number }
  | { type: "number"; min: number; max: number }
  | { type: "boolean" }
  | { type: "enum"; values: readonly string[]; nullable?: true }
  /** A PostgreSQL date (@db.Date): YYYY-MM-DD. */
  | { type: "date"; nullable?: true }
  /** A timestamp: ISO 8601 UTC with milliseconds. `since`: the format version that added it; older files lack it. */
  | { type: "instant"; nullable?: true; since?: number }
  | { type: "json"; nullable?: true }
  /** `max`: the characters of each text. */
  | { type: "textList"; max: number }
  /** The id of a record of another kind (or the same), in the bundle or already in the database. */
  | { type: "reference"; kind: BundleKind; nullable?: true }
  | { type: "referenceList"; kind: BundleKind }
  /** A user account, written as its e-mail address under the key `<field without Id>Email`. */
  | { type: "user"; nullable?: true }
  | { type: "excluded"; reason: string };

type FieldsOf<ScalarFieldEnum> = { [Field in keyof ScalarFieldEnum]: FieldRule };

const onlyLive = { type: "excluded", reason: "only live records travel; deleted ones stay in the database's history" } as const;
const copyKeptByTrigger = {
  type: "excluded",
  reason: "a copy of the statement's or source's state, kept by a database trigger (docs/decisions/0006)",
} as const;
const values = (enumObject: Record<string, string>) => Object.values(enumObject);
const score = { type: "integer", min: -3, max: 3 } as const;

// Every text has a maximum, so that no line can hold a value too large for a database index (PostgreSQL refuses a
// btree entry over about 2.7 kB: a slug, title or content hash past it would fail the whole import). A field a form
// takes allows what the form allows, read off its schema so the two cannot drift apart.
function formLimit(schema: { maxLength: number | null }): number {
  if (schema.maxLength === null) throw new Error("a bundle text's limit is read off a form schema that sets no maximum length");
  return schema.maxLength;
}
/**
 * Slugs made by the app outgrow the slug form's 100 characters: an actor's is cut from its name (200), an event's
 * from its title and date (120), either with "-2", "-3"… when taken. 300 fits them and, even in four-byte characters,
 * stays well inside a btree entry.
 */
const slug = { type: "text", max: 300 } as const;
/**
 * The form takes only known codes (lib/sources/languages.ts), none over 6 characters: 35 is the longest tag BCP 47
 * asks software to keep (RFC 5646, 4.4.1), so a code from elsewhere fits too.
 */
const languageLimit = 35;
const sourceTextLimit = formLimit(sourceCreationSchema.shape.text);
const translationLimit = formLimit(sourceCreationSchema.shape.translation.in.unwrap().unwrap());
/** A user is written as an e-mail address, as long as an account's may be. */
export const emailLimit = formLimit(userSchema.shape.email.in);

function kind<ScalarFieldEnum>(descriptor: {
  /** Prisma's model name. */
  model: string;
  /** The Prisma client's delegate, e.g. `stanceCoding`. */
  delegate: string;
  fields: FieldsOf<ScalarFieldEnum>;
  /**
   * Column sets that identify a record apart from its id (unique in the database). A record in the
   * file whose id or natural key is already taken by a record with other content is a conflict.
   */
  naturalKeys: readonly (readonly string[])[];
  /** The natural keys are unique among live records only (a partial unique index). */
  naturalKeysLiveOnly?: boolean;
  /** What a person calls one record of this kind, for messages. */
  label: string;
}) {
  return descriptor;
}

/** The kinds in the order they are written and imported: everything a record refers to comes before it. */
export const bundleKinds = {
  codebookVersion: kind<typeof Prisma.CodebookVersionScalarFieldEnum>({
    model: "CodebookVersion",
    delegate: "codebookVersion",
    label: "codebook version",
    naturalKeys: [["number"]],
    fields: {
      id: { type: "id" },
      number: { type: "integer", min: 1 },
      content: { type: "json" },
      publishedById: { type: "user", nullable: true },
      publishedAt: { type: "instant" },
    },
  }),
  actor: kind<typeof Prisma.ActorScalarFieldEnum>({
    model: "Actor",
    delegate: "actor",
    label: "actor",
    naturalKeys: [["slug"], ["wikidataId"]],
    fields: {
      id: { type: "id" },
      slug,
      name: { type: "text", max: formLimit(actorSchema.shape.name) },
      kind: { type: "enum", values: values(ActorKind) },
      office: { type: "text", nullable: true, max: formLimit(actorSchema.shape.office.unwrap().unwrap()) },
      speaksForId: { type: "reference", kind: "actor", nullable: true },
      wikidataId: { type: "text", nullable: true, max: formLimit(actorSchema.shape.wikidataId.unwrap().unwrap()) },
      isTrackedTarget: { type: "boolean" },
      version: { type: "integer", min: 1 },
      createdAt: { type: "instant" },
      updatedAt: { type: "instant" },
      deletedAt: onlyLive,
      aliases: { type: "textList", max: formLimit(actorUpdateSchema.shape.aliases.unwrap().element) },
      liveStatementCount: {
        type: "excluded",
        reason: "a count of the actor's live statements, kept by a database trigger (docs/decisions/0034)",
      },
    },
  }),
  source: kind<typeof Prisma.SourceScalarFieldEnum>({
    model: "Source",
    delegate: "source",
    label: "source",
    naturalKeys: [["contentHash"]],
    fields: {
      id: { type: "id" },
      title: { type: "text", max: formLimit(sourceSchema.shape.title) },
      publisher: { type: "text", max: formLimit(sourceSchema.shape.publisher) },
      url: { type: "text", nullable: true, max: formLimit(sourceSchema.shape.url.unwrap().unwrap()) },
      publishedOn: { type: "date" },
      language: { type: "text", max: languageLimit },
      text: { type: "text", max: sourceTextLimit },
      // A SHA-256 digest in hex (lib/sources/content-hash.ts); the import checks it is the text's.
      contentHash: { type: "text", max: 64 },
      version: { type: "integer", min: 1 },
      createdAt: { type: "instant" },
      updatedAt: { type: "instant" },
      deletedAt: onlyLive,
      blindCoding: { type: "boolean" },
      createdById: { type: "user", nullable: true },
      nothingToCodeAt: { type: "instant", nullable: true },
      nothingToCodeById: { type: "user", nullable: true },
      translation: { type: "text", nullable: true, max: translationLimit },
      translationLanguage: { type: "text", nullable: true, max: languageLimit },
      liveStatementCount: {
        type: "excluded",
        reason: "a count of the source's live statements, kept by a database trigger (docs/decisions/0034)",
      },
    },
  }),
  statement: kind<typeof Prisma.StatementScalarFieldEnum>({
    model: "Statement",
    delegate: "statement",
    label: "statement",
    naturalKeys: [["sourceId", "speakerId", "startOffset", "endOffset"]],
    fields: {
      id: { type: "id" },
      sourceId: { type: "reference", kind: "source" },
      speakerId: { type: "reference", kind: "actor" },
      // Cut from the source's text, where a coder may select any span (the form's 5000 is for words typed in to find).
      quote: { type: "text", max: sourceTextLimit },
      startOffset: { type: "integer", min: 0 },
      endOffset: { type: "integer", min: 1 },
      saidOn: { type: "date" },
      saidOnPrecision: { type: "enum", values: values(DatePrecision) },
      form: { type: "enum", values: values(StatementForm) },
      channel: { type: "enum", values: values(Channel) },
      createdById: { type: "user", nullable: true },
      version: { type: "integer", min: 1 },
      createdAt: { type: "instant" },
      updatedAt: { type: "instant" },
      deletedAt: onlyLive,
      translationQuote: { type: "text", nullable: true, max: translationLimit },
      translationStart: { type: "integer", nullable: true, min: 0 },
      translationEnd: { type: "integer", nullable: true, min: 1 },
      liveCodingCount: {
        type: "excluded",
        reason: "a count of the statement's live codings, kept by a database trigger (docs/decisions/0034)",
      },
    },
  }),
  coding: kind<typeof Prisma.StanceCodingScalarFieldEnum>({
    model: "StanceCoding",
    delegate: "stanceCoding",
    label: "coding",
    naturalKeys: [["statementId", "targetId", "coderId"]],
    naturalKeysLiveOnly: true,
    fields: {
      id: { type: "id" },
      statementId: { type: "reference", kind: "statement" },
      speakerId: { type: "excluded", reason: "a copy of the statement's speaker, taken from the statement on import" },
      saidOn: { type: "excluded", reason: "a copy of the statement's date, taken from the statement on import" },
      targetId: { type: "reference", kind: "actor" },
      coderId: { type: "user" },
      score,
      isConditional: { type: "boolean" },
      confidence: { type: "enum", values: values(Confidence) },
      rationale: { type: "text", max: maximumRationaleLength },
      version: { type: "integer", min: 1 },
      createdAt: { type: "instant" },
      updatedAt: { type: "instant" },
      deletedAt: onlyLive,
      blindSource: copyKeptByTrigger,
      directQuote: copyKeptByTrigger,
      statementLive: copyKeptByTrigger,
      adjudicatedScore: copyKeptByTrigger,
      codebookVersion: { type: "integer", nullable: true, min: 1 },
      statementChangedAt: { type: "instant", nullable: true },
      saidOnPrecision: copyKeptByTrigger,
    },
  }),
  adjudication: kind<typeof Prisma.AdjudicationScalarFieldEnum>({
    model: "Adjudication",
    delegate: "adjudication",
    label: "adjudication",
    naturalKeys: [["statementId", "targetId"]],
    naturalKeysLiveOnly: true,
    fields: {
      id: { type: "id" },
      statementId: { type: "reference", kind: "statement" },
      targetId: { type: "reference", kind: "actor" },
      adjudicatorId: { type: "user" },
      score,
      rationale: { type: "text", max: maximumRationaleLength },
      version: { type: "integer", min: 1 },
      createdAt: { type: "instant" },
      updatedAt: { type: "instant" },
      deletedAt: onlyLive,
    },
  }),
  statementReview: kind<typeof Prisma.StatementReviewScalarFieldEnum>({
    model: "StatementReview",
    delegate: "statementReview",
    label: "“no stance” review",
    naturalKeys: [["statementId", "coderId"]],
    fields: {
      id: { type: "id" },
      statementId: { type: "reference", kind: "statement" },
      coderId: { type: "user" },
      createdAt: { type: "instant" },
      deletedAt: onlyLive,
      version: { type: "integer", min: 1 },
    },
  }),
  event: kind<typeof Prisma.EventScalarFieldEnum>({
    model: "Event",
    delegate: "event",
    label: "event",
    naturalKeys: [["slug"]],
    fields: {
      id: { type: "id" },
      slug,
      title: { type: "text", max: formLimit(eventSchema.shape.title) },
      kind: { type: "enum", values: values(EventKind) },
      occurredOn: { type: "date" },
      datePrecision: { type: "enum", values: values(DatePrecision) },
      description: { type: "text", max: formLimit(eventSchema.shape.description) },
      version: { type: "integer", min: 1 },
      createdAt: { type: "instant" },
      updatedAt: { type: "instant" },
      deletedAt: onlyLive,
      actorIds: { type: "referenceList", kind: "actor" },
      ploverType: { type: "enum", values: values(PloverEventType), nullable: true },
      sourceIds: { type: "referenceList", kind: "source" },
    },
  }),
  scenarioSet: kind<typeof Prisma.ScenarioSetScalarFieldEnum>({
    model: "ScenarioSet",
    delegate: "scenarioSet",
    label: "scenario set",
    naturalKeys: [["slug"]],
    fields: {
      id: { type: "id" },
      slug,
      title: { type: "text", max: formLimit(scenarioSetSchema.shape.title) },
      description: { type: "text", max: formLimit(scenarioSetSchema.shape.description) },
      version: { type: "integer", min: 1 },
      createdAt: { type: "instant" },
      updatedAt: { type: "instant" },
      deletedAt: onlyLive,
      mutuallyExclusive: { type: "boolean" },
    },
  }),
  scenario: kind<typeof Prisma.ScenarioScalarFieldEnum>({
    model: "Scenario",
    delegate: "scenario",
    label: "scenario",
    naturalKeys: [["slug"]],
    fields: {
      id: { type: "id" },
      slug,
      setId: { type: "reference", kind: "scenarioSet" },
      title: { type: "text", max: formLimit(scenarioSchema.shape.title) },
      description: { type: "text", max: formLimit(scenarioSchema.shape.description) },
      resolutionCriteria: { type: "text", max: formLimit(scenarioSchema.shape.resolutionCriteria) },
      horizonOn: { type: "date" },
      status: { type: "enum", values: values(ScenarioStatus) },
      resolvedOn: { type: "date", nullable: true },
      // When it was first resolved: no estimate recorded later is scored, however it was reopened since. A file of
      // format version 1 lacks it; the import then takes a resolved scenario's last change (lib/data/bundle.ts).
      firstResolvedAt: { type: "instant", nullable: true, since: 2 },
      version: { type: "integer", min: 1 },
      createdAt: { type: "instant" },
      updatedAt: { type: "instant" },
      deletedAt: onlyLive,
    },
  }),
  estimate: kind<typeof Prisma.ScenarioEstimateScalarFieldEnum>({
    model: "ScenarioEstimate",
    delegate: "scenarioEstimate",
    label: "estimate",
    naturalKeys: [["scenarioId", "analystId", "estimatedOn"]],
    naturalKeysLiveOnly: true,
    fields: {
      id: { type: "id" },
      scenarioId: { type: "reference", kind: "scenario" },
      analystId: { type: "user" },
      probability: { type: "number", min: 0, max: 1 },
      rationale: { type: "text", max: formLimit(scenarioEstimateSchema.shape.rationale) },
      estimatedOn: { type: "date" },
      version: { type: "integer", min: 1 },
      createdAt: { type: "instant" },
      updatedAt: { type: "instant" },
      deletedAt: onlyLive,
      movedByEventIds: { type: "referenceList", kind: "event" },
      movedByStatementIds: { type: "referenceList", kind: "statement" },
      informationAsOf: { type: "date", nullable: true },
    },
  }),
  indicator: kind<typeof Prisma.IndicatorScalarFieldEnum>({
    model: "Indicator",
    delegate: "indicator",
    label: "indicator",
    naturalKeys: [],
    fields: {
      id: { type: "id" },
      scenarioId: { type: "reference", kind: "scenario" },
      title: { type: "text", max: formLimit(indicatorCreationSchema.shape.title) },
      rule: { type: "json" },
      effect: { type: "enum", values: values(IndicatorEffect) },
      createdById: { type: "user", nullable: true },
      version: { type: "integer", min: 1 },
      createdAt: { type: "instant" },
      updatedAt: { type: "instant" },
      deletedAt: onlyLive,
    },
  }),
  evidence: kind<typeof Prisma.EvidenceScalarFieldEnum>({
    model: "Evidence",
    delegate: "evidence",
    label: "evidence row",
    naturalKeys: [
      ["setId", "statementId"],
      ["setId", "eventId"],
    ],
    naturalKeysLiveOnly: true,
    fields: {
      id: { type: "id" },
      setId: { type: "reference", kind: "scenarioSet" },
      statementId: { type: "reference", kind: "statement", nullable: true },
      eventId: { type: "reference", kind: "event", nullable: true },
      credibility: { type: "enum", values: values(Confidence) },
      note: { type: "text", max: formLimit(evidenceCreationSchema.shape.note.unwrap()) },
      codingSnapshot: { type: "json", nullable: true },
      reviewedAt: { type: "instant" },
      createdById: { type: "user", nullable: true },
      version: { type: "integer", min: 1 },
      createdAt: { type: "instant" },
      updatedAt: { type: "instant" },
      deletedAt: onlyLive,
    },
  }),
  evidenceAssessment: kind<typeof Prisma.EvidenceAssessmentScalarFieldEnum>({
    model: "EvidenceAssessment",
    delegate: "evidenceAssessment",
    label: "evidence rating",
    naturalKeys: [["evidenceId", "scenarioId"]],
    fields: {
      id: { type: "id" },
      evidenceId: { type: "reference", kind: "evidence" },
      scenarioId: { type: "reference", kind: "scenario" },
      rating: { type: "enum", values: values(EvidenceRating) },
      ratedById: { type: "user" },
      version: { type: "integer", min: 1 },
      createdAt: { type: "instant" },
      updatedAt: { type: "instant" },
    },
  }),
} as const satisfies Record<BundleKind, unknown>;

export type KindDescriptor = {
  model: string;
  delegate: string;
  label: string;
  fields: Record<string, FieldRule>;
  naturalKeys: readonly (readonly string[])[];
  naturalKeysLiveOnly?: boolean;
};

export const bundleKindNames = Object.keys(bundleKinds) as BundleKind[];

export function describeKind(kind: BundleKind): KindDescriptor {
  return bundleKinds[kind] as KindDescriptor;
}

/**
 * Models that do not travel, with the reason. Together with the kinds above they are every model in
 * the schema (tests/unit/bundle-fields.test.ts): a new model must be placed in one or the other.
 */
export const modelsLeftOut: Record<string, string> = {
  User: "accounts carry passwords and roles: they are created in each installation; records name people by e-mail",
  UserSession: "sign-in sessions belong to the installation",
  SignInAttempt: "sign-in records belong to the installation",
  SignInRefusalCount: "sign-in throttling belongs to the installation",
  AuditEntry: "the audit trail is the installation's own, hash-chained record; an import writes its own entries",
  SourceFingerprint: "computed from the source's text on import (near-duplicate detection)",
  SourceFingerprintBand: "computed from the source's text on import (near-duplicate detection)",
  AssignmentDraw: "work assignments are the installation's planning of its coders' time, not the corpus",
  CodingAssignment: "work assignments are the installation's planning of its coders' time, not the corpus",
  StanceStatementValue: "derived from the codings by triggers (decision 0036): an import's codings settle them again",
  StanceSpeakerMonth: "derived from the statements' settled values by triggers (decision 0036)",
  StanceReadChange:
    "a count of this installation's writes, kept by triggers so that kept charts know when to compute again (decision 0050)",
};

/** The bundle key of a column: a user reference `coderId` is written as `coderEmail`. */
export function bundleKey(field: string, rule: FieldRule): string {
  return rule.type === "user" ? `${field.replace(/Id$/, "")}Email` : field;
}
