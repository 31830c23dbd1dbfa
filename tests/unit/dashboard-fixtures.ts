// Shared test data for the dashboard's pure modules (not a test file itself).
import type { StancePoint, StanceSeries, StanceSeriesResult } from "@/lib/dashboard/types";

export const velayati = { id: "actor-velayati", slug: "ali-akbar-velayati", name: "Ali Akbar Velayati" };
export const araghchi = { id: "actor-araghchi", slug: "abbas-araghchi", name: "Abbas Araghchi" };
export const europe = { id: "actor-europe", slug: "europe", name: "Europe" };
export const unitedStates = { id: "actor-us", slug: "united-states", name: "United States" };

export function point(at: string, score: number, overrides: Partial<StancePoint> = {}): StancePoint {
  return {
    at,
    score,
    statementCount: 1,
    minimumScore: score,
    maximumScore: score,
    statement: {
      id: `statement-${at}-${score}`,
      quote: "We are open to closer ties.",
      sourceId: "source-ft",
      sourceTitle: "Iran ‘open’ to closer western ties",
      coders: ["Amira", "Ben"],
      basis: "mean",
    },
    ...overrides,
  };
}

export function series(overrides: Partial<StanceSeries>): StanceSeries {
  return { speaker: velayati, target: europe, statementCount: 0, codingCount: 0, points: [], means: [], ...overrides };
}

export function result(overrides: Partial<StanceSeriesResult>): StanceSeriesResult {
  return {
    window: { from: "2024-10-01", to: "2024-11-30" },
    unit: "week",
    targets: [europe, unitedStates],
    series: [],
    omittedSpeakers: [],
    downsampled: false,
    events: [],
    ...overrides,
  };
}
