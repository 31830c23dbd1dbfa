import { describe, expect, it } from "vitest";
import { brierScore, outcomeOf, scoreAnalystEstimates, scoreTeam } from "@/lib/scenarios/brier";

describe("brierScore", () => {
  it("squares the distance between the probability and what happened", () => {
    expect(brierScore(0.7, 1)).toBeCloseTo(0.09, 12); // (0.7 − 1)² = 0.09
    expect(brierScore(0.7, 0)).toBeCloseTo(0.49, 12); // (0.7 − 0)² = 0.49
    expect(brierScore(0.5, 1)).toBe(0.25);
    expect(brierScore(1, 1)).toBe(0);
    expect(brierScore(1, 0)).toBe(1);
  });

  it("refuses probabilities outside 0..1", () => {
    expect(() => brierScore(1.2, 1)).toThrowError(RangeError);
    expect(() => brierScore(-0.1, 0)).toThrowError(RangeError);
    expect(() => brierScore(Number.NaN, 0)).toThrowError(RangeError);
  });
});

describe("outcomeOf", () => {
  it("scores resolved scenarios only; withdrawn and open ones have no outcome", () => {
    expect(outcomeOf("RESOLVED_YES")).toBe(1);
    expect(outcomeOf("RESOLVED_NO")).toBe(0);
    expect(outcomeOf("OPEN")).toBeNull();
    expect(outcomeOf("WITHDRAWN")).toBeNull();
  });
});

describe("scoreAnalystEstimates", () => {
  it("scores a single standing estimate on every day through the resolution day", () => {
    // 0.7 stands on 28, 29 and 30 October: 3 days × (0.7 − 1)² = 0.09 each, mean 0.09.
    expect(scoreAnalystEstimates([{ estimatedOn: "2024-10-28", probability: 0.7 }], "2024-10-30", 1)).toEqual({
      brier: expect.closeTo(0.09, 12),
      daysScored: 3,
      estimateCount: 1,
    });
  });

  it("weights each estimate by the days it stood", () => {
    // 0.7 on 28 and 29 October: 2 × 0.09 = 0.18; 0.9 on 30 and 31 October: 2 × (0.9 − 1)² = 2 × 0.01 = 0.02.
    // (0.18 + 0.02) / 4 days = 0.05.
    const estimates = [
      { estimatedOn: "2024-10-28", probability: 0.7 },
      { estimatedOn: "2024-10-30", probability: 0.9 },
    ];
    expect(scoreAnalystEstimates(estimates, "2024-10-31", 1)).toEqual({ brier: expect.closeTo(0.05, 12), daysScored: 4, estimateCount: 2 });
  });

  it("accepts estimates in any order", () => {
    // 0.5 on 1 and 2 October: 2 × 0.25 = 0.5; 0.9 on 3 and 4 October: 2 × 0.01 = 0.02. 0.52 / 4 = 0.13.
    const estimates = [
      { estimatedOn: "2024-10-03", probability: 0.9 },
      { estimatedOn: "2024-10-01", probability: 0.5 },
    ];
    expect(scoreAnalystEstimates(estimates, "2024-10-04", 1)?.brier).toBeCloseTo(0.13, 12);
  });

  it("scores an estimate made on the resolution day for that one day", () => {
    // (0.2 − 0)² = 0.04 over 1 day.
    expect(scoreAnalystEstimates([{ estimatedOn: "2024-10-30", probability: 0.2 }], "2024-10-30", 0)).toEqual({
      brier: expect.closeTo(0.04, 12),
      daysScored: 1,
      estimateCount: 1,
    });
  });

  it("ignores estimates made after the resolution date", () => {
    // Only 0.6 counts, on 1, 2 and 3 October: (0.6 − 0)² = 0.36 each. The 0 made on 5 October would have scored 0.
    const estimates = [
      { estimatedOn: "2024-10-01", probability: 0.6 },
      { estimatedOn: "2024-10-05", probability: 0 },
    ];
    expect(scoreAnalystEstimates(estimates, "2024-10-03", 0)).toEqual({ brier: expect.closeTo(0.36, 12), daysScored: 3, estimateCount: 1 });
  });

  it("is null without an estimate on or before the resolution date", () => {
    expect(scoreAnalystEstimates([], "2024-10-03", 1)).toBeNull();
    expect(scoreAnalystEstimates([{ estimatedOn: "2024-10-04", probability: 0.9 }], "2024-10-03", 1)).toBeNull();
  });

  it("lets the last of several same-day estimates stand, in array order", () => {
    const first = { estimatedOn: "2024-10-01", probability: 0.2 };
    const second = { estimatedOn: "2024-10-01", probability: 0.8 };
    // 0.8 stands on 1 and 2 October: (0.8 − 1)² = 0.04. Both estimates were made before resolution, so both are counted.
    expect(scoreAnalystEstimates([first, second], "2024-10-02", 1)).toEqual({
      brier: expect.closeTo(0.04, 12),
      daysScored: 2,
      estimateCount: 2,
    });
    // The other way round 0.2 stands: (0.2 − 1)² = 0.64.
    expect(scoreAnalystEstimates([second, first], "2024-10-02", 1)?.brier).toBeCloseTo(0.64, 12);
  });

  it("counts calendar days across month ends and leap days", () => {
    // 28 February, 29 February, 1 March 2024: 3 days.
    expect(scoreAnalystEstimates([{ estimatedOn: "2024-02-28", probability: 0.5 }], "2024-03-01", 1)?.daysScored).toBe(3);
    // 2023 has no 29 February: 2 days.
    expect(scoreAnalystEstimates([{ estimatedOn: "2023-02-28", probability: 0.5 }], "2023-03-01", 1)?.daysScored).toBe(2);
    // 31 December to 1 January: 2 days.
    expect(scoreAnalystEstimates([{ estimatedOn: "2024-12-31", probability: 0.5 }], "2025-01-01", 1)?.daysScored).toBe(2);
  });

  it("refuses dates that do not exist or are not YYYY-MM-DD", () => {
    expect(() => scoreAnalystEstimates([{ estimatedOn: "2023-02-29", probability: 0.5 }], "2023-03-01", 1)).toThrowError(RangeError);
    expect(() => scoreAnalystEstimates([{ estimatedOn: "2023-02-01", probability: 0.5 }], "1 March 2023", 1)).toThrowError(RangeError);
  });
});

describe("scoreTeam", () => {
  // Resolved YES on 5 October. Ann: 0.6 from 1 October. Ben: 0.9 from 3 October.
  // Cat: 0.2 on 2 October, 0.4 on 4 October. Dan: only after resolution.
  const estimatesByAnalyst = new Map([
    ["ann", [{ estimatedOn: "2024-10-01", probability: 0.6 }]],
    ["ben", [{ estimatedOn: "2024-10-03", probability: 0.9 }]],
    [
      "cat",
      [
        { estimatedOn: "2024-10-02", probability: 0.2 },
        { estimatedOn: "2024-10-04", probability: 0.4 },
      ],
    ],
    ["dan", [{ estimatedOn: "2024-10-06", probability: 1 }]],
  ]);

  it("scores each analyst on their own days", () => {
    const { analysts } = scoreTeam(estimatesByAnalyst, "2024-10-05", 1);
    expect(analysts).toEqual([
      // 5 days × (0.6 − 1)² = 0.16.
      { analystId: "ann", score: { brier: expect.closeTo(0.16, 12), daysScored: 5, estimateCount: 1 } },
      // 3 days × (0.9 − 1)² = 0.01.
      { analystId: "ben", score: { brier: expect.closeTo(0.01, 12), daysScored: 3, estimateCount: 1 } },
      // 2 days × (0.2 − 1)² = 2 × 0.64 = 1.28, 2 days × (0.4 − 1)² = 2 × 0.36 = 0.72; 2.00 / 4 = 0.5.
      { analystId: "cat", score: { brier: expect.closeTo(0.5, 12), daysScored: 4, estimateCount: 2 } },
      { analystId: "dan", score: null },
    ]);
  });

  it("scores the daily median of the analysts who had estimated, and the mean of individual scores", () => {
    // 1 Oct: Ann 0.6                 → median 0.6, (0.6 − 1)² = 0.16
    // 2 Oct: Ann 0.6, Cat 0.2        → median (0.2 + 0.6) / 2 = 0.4, (0.4 − 1)² = 0.36
    // 3 Oct: Ann 0.6, Cat 0.2, Ben 0.9 → median 0.6, 0.16
    // 4 Oct: Ann 0.6, Cat 0.4, Ben 0.9 → median 0.6, 0.16
    // 5 Oct: unchanged               → 0.16
    // Team: (0.16 + 0.36 + 0.16 + 0.16 + 0.16) / 5 = 1.00 / 5 = 0.2.
    // Mean of individuals (Dan unscored): (0.16 + 0.01 + 0.5) / 3 = 0.67 / 3 ≈ 0.2233.
    const { team, meanAnalystBrier } = scoreTeam(estimatesByAnalyst, "2024-10-05", 1);
    expect(team).toEqual({ brier: expect.closeTo(0.2, 12), daysScored: 5 });
    expect(meanAnalystBrier).toBeCloseTo(0.67 / 3, 12);
  });

  it("has no team score when nobody estimated by the resolution date", () => {
    const late = new Map([["dan", [{ estimatedOn: "2024-10-06", probability: 1 }]]]);
    expect(scoreTeam(late, "2024-10-05", 0)).toEqual({ analysts: [{ analystId: "dan", score: null }], team: null, meanAnalystBrier: null });
    expect(scoreTeam(new Map(), "2024-10-05", 0)).toEqual({ analysts: [], team: null, meanAnalystBrier: null });
  });
});
