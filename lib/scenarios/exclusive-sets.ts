// Mutually exclusive scenario sets: at most one scenario can come about, so
// an analyst's standing estimates across the set should sum to at most 100 %
// (exactly 100 % when the set is also exhaustive, as the seeded one is). Pure, no I/O.

export interface StandingEstimate {
  analystId: string;
  analystName: string;
  scenarioId: string;
  probability: number;
}

export interface AnalystSetTotal {
  analystId: string;
  analystName: string;
  /** scenarioId → the analyst's latest estimate; scenarios they have not estimated are absent. */
  probabilities: Record<string, number>;
  total: number;
  /** True when the total is off 100 % by more than half a point, or a scenario of the set is missing. */
  inconsistent: boolean;
  missingCount: number;
  /** Each probability divided by the total (the view the analyst's numbers imply if they must sum to 100 %); null when the total is 0. */
  normalised: Record<string, number> | null;
}

/** Half a percentage point: estimates typed as whole or half percentages may not quite add up. */
const tolerance = 0.005;

/** Each analyst's latest estimates across the set, with their total and its normalised view; analysts ordered by name. */
export function checkSetTotals(scenarioIds: readonly string[], standing: readonly StandingEstimate[]): AnalystSetTotal[] {
  const byAnalyst = new Map<string, { analystName: string; probabilities: Record<string, number> }>();
  for (const estimate of standing) {
    const entry = byAnalyst.get(estimate.analystId) ?? { analystName: estimate.analystName, probabilities: {} };
    entry.probabilities[estimate.scenarioId] = estimate.probability;
    byAnalyst.set(estimate.analystId, entry);
  }
  return [...byAnalyst]
    .map(([analystId, { analystName, probabilities }]) => {
      const total = Object.values(probabilities).reduce((sum, probability) => sum + probability, 0);
      const missingCount = scenarioIds.filter((id) => !(id in probabilities)).length;
      return {
        analystId,
        analystName,
        probabilities,
        total,
        missingCount,
        inconsistent: missingCount > 0 || Math.abs(total - 1) > tolerance,
        normalised:
          total > 0 ? Object.fromEntries(Object.entries(probabilities).map(([id, probability]) => [id, probability / total])) : null,
      };
    })
    .sort((a, b) => a.analystName.localeCompare(b.analystName, "en") || (a.analystId < b.analystId ? -1 : 1));
}
