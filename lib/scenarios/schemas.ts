import { z } from "zod";
import { isoDateSchema, requiredTextSchema, slugSchema } from "../validation";

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
});

export const scenarioEstimateSchema = z.object({
  probability: probabilitySchema,
  rationale: requiredTextSchema(4000),
  estimatedOn: isoDateSchema,
});
export type ScenarioEstimateInput = z.infer<typeof scenarioEstimateSchema>;
