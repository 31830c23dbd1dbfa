import { z } from "zod";
import { indicatorRuleSchema } from "../indicators/rules";
import { idSchema, isoDateSchema, requiredTextSchema, slugSchema, versionSchema } from "../validation";
import { valuesOf } from "../choices";
import { ScenarioStatus } from "../generated/prisma/enums";
import { consistencyRatings, evidenceCredibilities } from "./ach";
import { indicatorEffects, isResolvedStatus, scenarioStatusLabels } from "./labels";

export const probabilitySchema = z.number().min(0, "a probability is at least 0").max(1, "a probability is at most 1");

export const scenarioSchema = z.object({
  slug: slugSchema,
  title: requiredTextSchema(300),
  description: requiredTextSchema(4000),
  resolutionCriteria: requiredTextSchema(4000),
  horizonOn: isoDateSchema,
});
export type ScenarioInput = z.infer<typeof scenarioSchema>;

export const scenarioSetSchema = z.object({
  slug: slugSchema,
  title: requiredTextSchema(300),
  description: requiredTextSchema(4000),
  /** At most one of the set's scenarios can come about, so each analyst's estimates should sum to 100 %. */
  mutuallyExclusive: z.boolean().default(false),
});

export const scenarioEstimateSchema = z.object({
  probability: probabilitySchema,
  rationale: requiredTextSchema(4000, "say why: what you weighed, and what would change your mind"),
  estimatedOn: isoDateSchema,
});
export type ScenarioEstimateInput = z.infer<typeof scenarioEstimateSchema>;

// Request bodies of the scenario routes.

export const scenarioCreationSchema = scenarioSchema.extend({ setId: idSchema("choose the scenario set") });

export const scenarioStatuses = valuesOf(scenarioStatusLabels);

export const scenarioStatusUpdateSchema = z
  .object({
    version: versionSchema,
    status: z.enum(ScenarioStatus, { error: "choose open, resolved yes, resolved no or withdrawn" }),
    resolvedOn: isoDateSchema.nullable().default(null),
    /** In a mutually exclusive set, resolving one "yes" may resolve its open siblings "no" in the same step. */
    resolveOthersNo: z.boolean().default(false),
  })
  .superRefine((update, context) => {
    if (update.resolveOthersNo && update.status !== "RESOLVED_YES")
      context.addIssue({ code: "custom", path: ["resolveOthersNo"], message: "applies only when resolving a scenario yes" });
    const resolved = isResolvedStatus(update.status);
    if (resolved && !update.resolvedOn)
      context.addIssue({ code: "custom", path: ["resolvedOn"], message: "give the date the scenario resolved, to score the estimates" });
    if (!resolved && update.resolvedOn)
      context.addIssue({ code: "custom", path: ["resolvedOn"], message: "only a resolved scenario has a resolution date" });
  });
export type ScenarioStatusUpdate = z.infer<typeof scenarioStatusUpdateSchema>;

const idListSchema = z.array(idSchema()).max(100, "link at most 100 records").default([]);

/**
 * What an analyst sends to record an estimate. No date: the server dates the
 * estimate by its own clock (docs/decisions/0012), so that nobody can score a
 * forecast made after the fact. `informationAsOf` is the date of the
 * information the analyst used, shown beside the estimate and never scored.
 * A client that still sends `estimatedOn` is told so rather than silently re-dated.
 */
export const estimateCreationSchema = z.object({
  probability: scenarioEstimateSchema.shape.probability,
  rationale: scenarioEstimateSchema.shape.rationale,
  informationAsOf: isoDateSchema.nullable().default(null),
  estimatedOn: z
    .unknown()
    .optional()
    .refine((value) => value === undefined, {
      message: "is set by the server when the estimate is recorded; give the date of your information as informationAsOf",
    }),
  movedByStatementIds: idListSchema,
  movedByEventIds: idListSchema,
});
export type EstimateCreation = z.infer<typeof estimateCreationSchema>;

export const indicatorCreationSchema = z.object({
  scenarioId: idSchema("choose the scenario"),
  title: requiredTextSchema(200, "name what the indicator watches for"),
  effect: z.enum(indicatorEffects, { error: "say whether the indicator supports or undermines the scenario" }),
  rule: indicatorRuleSchema,
});
export type IndicatorCreation = z.infer<typeof indicatorCreationSchema>;

export const evidenceCreationSchema = z
  .object({
    setId: idSchema("choose the scenario set"),
    statementId: idSchema().nullable().default(null),
    eventId: idSchema().nullable().default(null),
    credibility: z.enum(evidenceCredibilities, { error: "choose high, medium or low" }).default("MEDIUM"),
    note: z.string().trim().max(2000, "must be at most 2000 characters").default(""),
  })
  .superRefine((evidence, context) => {
    if ((evidence.statementId === null) === (evidence.eventId === null))
      context.addIssue({ code: "custom", path: ["statementId"], message: "choose either a statement or an event as the evidence" });
  });
export type EvidenceCreation = z.infer<typeof evidenceCreationSchema>;

export const evidenceUpdateSchema = z.object({
  version: versionSchema,
  credibility: z.enum(evidenceCredibilities, { error: "choose high, medium or low" }).optional(),
  note: z.string().trim().max(2000, "must be at most 2000 characters").optional(),
  markReviewed: z.literal(true).optional(),
});
export type EvidenceUpdate = z.infer<typeof evidenceUpdateSchema>;

export const evidenceAssessmentSchema = z.object({
  scenarioId: idSchema("choose the scenario"),
  rating: z.enum(consistencyRatings, { error: "choose CC, C, N, NA, I or II" }),
  version: versionSchema.nullable(),
});
export type EvidenceAssessmentInput = z.infer<typeof evidenceAssessmentSchema>;
