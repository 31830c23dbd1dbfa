import { describe, expect, it } from "vitest";
import {
  describeProbabilityHistory,
  estimatesStandUntil,
  probabilityChartSpan,
  type ProbabilityHistory,
} from "@/components/scenarios/probability-history";
import {
  describeInconsistencyRank,
  describeStanceChange,
  formatIndicatorValue,
  formatProbability,
  leastInconsistentScenarioIds,
  ordinal,
  parsePercentage,
} from "@/components/scenarios/scenario-format";
import type { ChartEventMarker } from "@/lib/dashboard/types";

describe("formatProbability and parsePercentage", () => {
  it("shows whole percentages, and one decimal only where there is one", () => {
    expect(formatProbability(0.7)).toBe("70\u00a0%");
    expect(formatProbability(0.725)).toBe("72.5\u00a0%");
    expect(formatProbability(0)).toBe("0\u00a0%");
    expect(formatProbability(1)).toBe("100\u00a0%");
  });

  it("reads percentages typed by hand as probabilities", () => {
    expect(parsePercentage("70")).toBe(0.7);
    expect(parsePercentage(" 72,5 % ")).toBe(0.725);
    expect(parsePercentage("7.1")).toBe(0.071);
    expect(parsePercentage("0")).toBe(0);
    expect(parsePercentage("100")).toBe(1);
  });

  it("refuses what is not a percentage from 0 to 100", () => {
    for (const text of ["", "abc", "-5", "100.1", "1e2", "70 percent"]) expect(parsePercentage(text)).toBeNull();
  });
});

describe("ordinal and describeInconsistencyRank", () => {
  it("writes English ordinals, teens included", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual([
      "1st",
      "2nd",
      "3rd",
      "4th",
      "11th",
      "12th",
      "13th",
      "21st",
      "22nd",
      "23rd",
      "101st",
      "111th",
    ]);
  });

  it("ranks a scenario within its set", () => {
    expect(describeInconsistencyRank(1, 3)).toBe("the least inconsistent of 3");
    expect(describeInconsistencyRank(2, 3)).toBe("2nd least inconsistent of 3");
    expect(describeInconsistencyRank(1, 1)).toBe("the only scenario in its set");
  });
});

describe("leastInconsistentScenarioIds", () => {
  it("marks the lowest weighted inconsistency among rated scenarios, ties included", () => {
    const scenarios = [
      { id: "a", weightedInconsistency: 2, ratedEvidenceCount: 3 },
      { id: "b", weightedInconsistency: 0.5, ratedEvidenceCount: 2 },
      { id: "c", weightedInconsistency: 0.5, ratedEvidenceCount: 1 },
      // Unrated: its 0 rests on nothing, so it is not the least inconsistent.
      { id: "d", weightedInconsistency: 0, ratedEvidenceCount: 0 },
    ];
    expect([...leastInconsistentScenarioIds(scenarios)]).toEqual(["b", "c"]);
  });

  it("marks none before anything is rated", () => {
    expect(leastInconsistentScenarioIds([{ id: "a", weightedInconsistency: 0, ratedEvidenceCount: 0 }]).size).toBe(0);
  });
});

describe("describeStanceChange and formatIndicatorValue", () => {
  it("says how a re-coded statement's value moved", () => {
    expect(describeStanceChange({ targetName: "the United States", before: 1, after: -2 })).toBe("toward the United States +1 → −2");
    expect(describeStanceChange({ targetName: "Israel", before: null, after: -1.5 })).toBe("toward Israel not coded → −1.5");
  });

  it("shows a mean with its sign and one decimal, a count as statements, and no data as such", () => {
    expect(formatIndicatorValue("MEAN_STANCE", 1.25)).toBe("Mean +1.3");
    expect(formatIndicatorValue("MEAN_STANCE", -0.5)).toBe("Mean −0.5");
    expect(formatIndicatorValue("MEAN_STANCE", null)).toBe("No data");
    expect(formatIndicatorValue("STATEMENT_COUNT", 1)).toBe("1 statement");
    expect(formatIndicatorValue("STATEMENT_COUNT", 3)).toBe("3 statements");
  });
});

describe("the probability history's span and summary", () => {
  const history: ProbabilityHistory = {
    analysts: [
      {
        analystId: "lead",
        analystName: "Lead Analyst",
        estimates: [
          { estimatedOn: "2024-10-28", probability: 0.7 },
          { estimatedOn: "2024-11-02", probability: 0.6 },
        ],
      },
      { analystId: "second", analystName: "Second Analyst", estimates: [{ estimatedOn: "2024-10-30", probability: 0.5 }] },
    ],
    teamMedian: [
      { on: "2024-10-28", median: 0.7, analystCount: 1 },
      { on: "2024-10-30", median: 0.6, analystCount: 2 },
      { on: "2024-11-02", median: 0.55, analystCount: 2 },
    ],
  };
  const events: ChartEventMarker[] = [
    { id: "e", slug: "strikes", title: "Israeli strikes on Iran", occurredOn: "2024-10-26", kind: "MILITARY", description: "" },
  ];
  const open = { horizonOn: "2024-12-31", resolvedOn: null };

  it("lets estimates stand until today, the horizon or the resolution, whichever applies", () => {
    expect(estimatesStandUntil(history, open, "2026-01-01")).toBe("2024-12-31");
    expect(estimatesStandUntil(history, open, "2024-11-20")).toBe("2024-11-20");
    expect(estimatesStandUntil(history, { ...open, resolvedOn: "2024-12-01" }, "2026-01-01")).toBe("2024-12-01");
    // Never before the last estimate, even one recorded after the horizon.
    expect(estimatesStandUntil(history, { horizonOn: "2024-10-31", resolvedOn: null }, "2026-01-01")).toBe("2024-11-02");
    expect(estimatesStandUntil({ analysts: [], teamMedian: [] }, open, "2026-01-01")).toBeUndefined();
  });

  it("spans every estimate and event", () => {
    expect(probabilityChartSpan(history, events, "2024-12-31")).toEqual({ from: "2024-10-26", to: "2024-12-31" });
    expect(probabilityChartSpan({ analysts: [], teamMedian: [] }, [], undefined)).toBeNull();
  });

  it("summarises the median, each analyst's latest estimate and the events", () => {
    expect(describeProbabilityHistory(history, events)).toBe(
      "Team median 70\u00a0% on 28 Oct 2024, 55\u00a0% by 2 Nov 2024, from 2 analysts. " +
        "Lead Analyst: 2 estimates, latest 60\u00a0% on 2 Nov 2024. " +
        "Second Analyst: 1 estimate, latest 50\u00a0% on 30 Oct 2024. " +
        "Event marked: Israeli strikes on Iran (26 Oct 2024).",
    );
    expect(describeProbabilityHistory({ analysts: [], teamMedian: [] }, [])).toBe("No estimates have been recorded yet.");
  });
});
