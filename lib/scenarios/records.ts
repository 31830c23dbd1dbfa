// How validated scenarios and estimates become database rows. The application's write path,
// the seed and the test factories all build rows through these, so all three
// compute dates the same way. Fields are picked one by one so that extra keys
// of a richer input (a seed entry's references) never reach Prisma.
import type { Prisma } from "../generated/prisma/client";
import { dateFromIso } from "../validation";
import type { ScenarioEstimateInput, ScenarioInput } from "./schemas";

export function scenarioRecord(input: ScenarioInput, setId: string): Prisma.ScenarioUncheckedCreateInput {
  const { slug, title, description, resolutionCriteria } = input;
  return { slug, title, description, resolutionCriteria, horizonOn: dateFromIso(input.horizonOn), setId };
}

export function scenarioEstimateRecord(
  input: ScenarioEstimateInput,
  scenarioId: string,
  analystId: string,
): Prisma.ScenarioEstimateUncheckedCreateInput {
  const { probability, rationale } = input;
  return { probability, rationale, estimatedOn: dateFromIso(input.estimatedOn), scenarioId, analystId };
}
