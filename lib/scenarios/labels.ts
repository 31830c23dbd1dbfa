import type { ScenarioStatus } from "../generated/prisma/enums";
import type { IndicatorEffectValue } from "./types";

// The words for a scenario's status and an indicator's effect, apart from schemas.ts (zod) because the scenario
// pages' client components show them: a page that draws a status badge need not load zod.

export const scenarioStatusLabels: Record<ScenarioStatus, string> = {
  OPEN: "Open",
  RESOLVED_YES: "Resolved: yes",
  RESOLVED_NO: "Resolved: no",
  WITHDRAWN: "Withdrawn",
};

/** Resolved either way: the scenario has a resolution date, and its estimates are scored. */
export function isResolvedStatus(status: ScenarioStatus): boolean {
  return status === "RESOLVED_YES" || status === "RESOLVED_NO";
}

export const indicatorEffects = ["SUPPORTS", "UNDERMINES"] as const;
/** The words for an indicator's effect, wherever it is shown: the scenario page, the indicator form and the history. */
export const indicatorEffectLabels: Record<IndicatorEffectValue, string> = {
  SUPPORTS: "Supports this scenario",
  UNDERMINES: "Undermines this scenario",
};
