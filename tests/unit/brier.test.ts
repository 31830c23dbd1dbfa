import { describe, expect, it } from "vitest";
import { brierScore, logScore, outcomeOf, scoreAnalystEstimates, scoreTeam } from "@/lib/scenarios/brier";

// Every Brier score here is on the 0–2 scale (Brier 1950, Good Judgment Open): the squared error summed over
// "yes" and "no", (p − o)² + ((1 − p) − (1 − o))² = 2(p − o)². Expectations written for the 0–1 form are
// doubled, with the arithmetic beside them.

describe("brierScore", () => {
  it("sums the squared distance over both outcomes", () => {
    expect(brierScore(0.7, 1)).toBeCloseTo(0.18, 12); // (0.7 − 1)² + (0.3 − 0)² = 0.09 + 0.09 = 0.18
    expect(brierScore(0.7, 0)).toBeCloseTo(0.98, 12); // (0.7 − 0)² + (0.3 − 1)² = 0.49 + 0.49 = 0.98
    expect(brierScore(0.5, 1)).toBe(0.5); // 0.25 + 0.25
    expect(brierScore(1, 1)).toBe(0);
    expect(brierScore(1, 0)).toBe(2); // 1 + 1
  });

  // The rain example of the Wikipedia article "Brier score" (after Brier, G. W. 1950, "Verification of forecasts
  // expressed in terms of probability", Monthly Weather Review 78(1): 1–3): a 70 % chance of rain, and it rains.
  // In the one-outcome form the article computes (0.70 − 1)² = 0.09; 30 % and rain, (0.30 − 1)² = 0.49; 50 %, 0.25.
  // Brier's original definition sums over both categories (rain, no rain), doubling each: 0.18, 0.98, 0.5.
  it("matches the published rain example on Brier's two-category scale", () => {
    expect(brierScore(0.7, 1)).toBeCloseTo(2 * 0.09, 12);
    expect(brierScore(0.3, 1)).toBeCloseTo(2 * 0.49, 12);
    expect(brierScore(0.5, 1)).toBeCloseTo(2 * 0.25, 12);
  });

  it("refuses probabilities outside 0..1", () => {
    expect(() => brierScore(1.2, 1)).toThrowError(RangeError);
    expect(() => brierScore(-0.1, 0)).toThrowError(RangeError);
    expect(() => brierScore(Number.NaN, 0)).toThrowError(RangeError);
  });
});

describe("logScore", () => {
  // The same rain example scored by the logarithmic rule (Good, I. J. 1952, "Rational decisions", Journal of the
  // Royal Statistical Society B 14(1): 107–114; as log loss in the Wikipedia article "Scoring rule"): the score is
  // −log of the probability given to what happened. In bits (base 2): 70 % and rain, −log2 0.7 ≈ 0.5146;
  // 30 % and rain, −log2 0.3 ≈ 1.737; 50 %, exactly 1.
  it("charges −log2 of the probability given to what happened", () => {
    expect(logScore(0.7, 1)).toBeCloseTo(0.514573, 6);
    expect(logScore(0.3, 1)).toBeCloseTo(1.736966, 6);
    expect(logScore(0.5, 0)).toBe(1);
    expect(logScore(0.7, 0)).toBeCloseTo(1.736966, 6); // 0.3 given to "no"
    expect(logScore(1, 1)).toBe(0);
  });

  it("scores certainty that proves wrong as 0.1 %, not infinity", () => {
    expect(logScore(1, 0)).toBeCloseTo(Math.log2(1000), 12); // ≈ 9.966
    expect(logScore(0, 1)).toBeCloseTo(Math.log2(1000), 12);
    expect(() => logScore(1.01, 1)).toThrowError(RangeError);
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
    // 0.7 stands on 28, 29 and 30 October: 3 days × 2(0.7 − 1)² = 0.18 each, mean 0.18.
    expect(scoreAnalystEstimates([{ estimatedOn: "2024-10-28", probability: 0.7 }], "2024-10-30", 1)).toEqual({
      brier: expect.closeTo(0.18, 12),
      daysScored: 3,
      estimateCount: 1,
    });
  });

  it("weights each estimate by the days it stood", () => {
    // 0.7 on 28 and 29 October: 2 × 0.18 = 0.36; 0.9 on 30 and 31 October: 2 × 2(0.9 − 1)² = 2 × 0.02 = 0.04.
    // (0.36 + 0.04) / 4 days = 0.1 (0.05 on the 0–1 scale, doubled).
    const estimates = [
      { estimatedOn: "2024-10-28", probability: 0.7 },
      { estimatedOn: "2024-10-30", probability: 0.9 },
    ];
    expect(scoreAnalystEstimates(estimates, "2024-10-31", 1)).toEqual({ brier: expect.closeTo(0.1, 12), daysScored: 4, estimateCount: 2 });
  });

  it("accepts estimates in any order", () => {
    // 0.5 on 1 and 2 October: 2 × 0.5 = 1; 0.9 on 3 and 4 October: 2 × 0.02 = 0.04. 1.04 / 4 = 0.26 (0.13 doubled).
    const estimates = [
      { estimatedOn: "2024-10-03", probability: 0.9 },
      { estimatedOn: "2024-10-01", probability: 0.5 },
    ];
    expect(scoreAnalystEstimates(estimates, "2024-10-04", 1)?.brier).toBeCloseTo(0.26, 12);
  });

  it("scores an estimate made on the resolution day for that one day", () => {
    // 2(0.2 − 0)² = 0.08 over 1 day.
    expect(scoreAnalystEstimates([{ estimatedOn: "2024-10-30", probability: 0.2 }], "2024-10-30", 0)).toEqual({
      brier: expect.closeTo(0.08, 12),
      daysScored: 1,
      estimateCount: 1,
    });
  });

  it("ignores estimates made after the resolution date", () => {
    // Only 0.6 counts, on 1, 2 and 3 October: 2(0.6 − 0)² = 0.72 each. The 0 made on 5 October would have scored 0.
    const estimates = [
      { estimatedOn: "2024-10-01", probability: 0.6 },
      { estimatedOn: "2024-10-05", probability: 0 },
    ];
    expect(scoreAnalystEstimates(estimates, "2024-10-03", 0)).toEqual({ brier: expect.closeTo(0.72, 12), daysScored: 3, estimateCount: 1 });
  });

  it("is null without an estimate on or before the resolution date", () => {
    expect(scoreAnalystEstimates([], "2024-10-03", 1)).toBeNull();
    expect(scoreAnalystEstimates([{ estimatedOn: "2024-10-04", probability: 0.9 }], "2024-10-03", 1)).toBeNull();
  });

  it("lets the last of several same-day estimates stand, in array order", () => {
    const first = { estimatedOn: "2024-10-01", probability: 0.2 };
    const second = { estimatedOn: "2024-10-01", probability: 0.8 };
    // 0.8 stands on 1 and 2 October: 2(0.8 − 1)² = 0.08. Both estimates were made before resolution, so both are counted.
    expect(scoreAnalystEstimates([first, second], "2024-10-02", 1)).toEqual({
      brier: expect.closeTo(0.08, 12),
      daysScored: 2,
      estimateCount: 2,
    });
    // The other way round 0.2 stands: 2(0.2 − 1)² = 1.28.
    expect(scoreAnalystEstimates([second, first], "2024-10-02", 1)?.brier).toBeCloseTo(1.28, 12);
  });

  it("counts calendar days across month ends and leap days", () => {
    // 28 February, 29 February, 1 March 2024: 3 days.
    expect(scoreAnalystEstimates([{ estimatedOn: "2024-02-28", probability: 0.5 }], "2024-03-01", 1)?.daysScored).toBe(3);
    // 2023 has no 29 February: 2 days.
    expect(scoreAnalystEstimates([{ estimatedOn: "2023-02-28", probability: 0.5 }], "2023-03-01", 1)?.daysScored).toBe(2);
    // 31 December to 1 January: 2 days.
    expect(scoreAnalystEstimates([{ estimatedOn: "2024-12-31", probability: 0.5 }], "2025-01-01", 1)?.daysScored).toBe(2);
    // The years 1 to 99 are themselves (Date.UTC would read them as 1901 to 1999), and a resolution in year 50
    // comes before estimates of 2024.
    expect(scoreAnalystEstimates([{ estimatedOn: "0050-02-28", probability: 0.5 }], "0050-03-01", 1)?.daysScored).toBe(2);
    expect(scoreAnalystEstimates([{ estimatedOn: "2024-02-28", probability: 0.5 }], "0050-03-01", 1)).toBeNull();
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
      // 5 days × 2(0.6 − 1)² = 0.32.
      { analystId: "ann", score: { brier: expect.closeTo(0.32, 12), daysScored: 5, estimateCount: 1 } },
      // 3 days × 2(0.9 − 1)² = 0.02.
      { analystId: "ben", score: { brier: expect.closeTo(0.02, 12), daysScored: 3, estimateCount: 1 } },
      // 2 days × 2(0.2 − 1)² = 2 × 1.28 = 2.56, 2 days × 2(0.4 − 1)² = 2 × 0.72 = 1.44; 4.00 / 4 = 1.
      { analystId: "cat", score: { brier: expect.closeTo(1, 12), daysScored: 4, estimateCount: 2 } },
      { analystId: "dan", score: null },
    ]);
  });

  it("scores the daily median of the analysts who had estimated, and the mean of individual scores", () => {
    // 1 Oct: Ann 0.6                 → median 0.6, (0.6 − 1)² = 0.16
    // 2 Oct: Ann 0.6, Cat 0.2        → median (0.2 + 0.6) / 2 = 0.4, (0.4 − 1)² = 0.36
    // 3 Oct: Ann 0.6, Cat 0.2, Ben 0.9 → median 0.6, 0.16
    // 4 Oct: Ann 0.6, Cat 0.4, Ben 0.9 → median 0.6, 0.16
    // 5 Oct: unchanged               → 0.16
    // Team: (0.16 + 0.36 + 0.16 + 0.16 + 0.16) / 5 = 1.00 / 5 = 0.2 on the 0–1 scale, 0.4 on 0–2.
    // Mean of individuals (Dan unscored): (0.32 + 0.02 + 1) / 3 = 1.34 / 3 ≈ 0.4467 (0.67 / 3 doubled).
    const { team, meanAnalystBrier } = scoreTeam(estimatesByAnalyst, "2024-10-05", 1);
    expect(team).toEqual({ brier: expect.closeTo(0.4, 12), daysScored: 5 });
    expect(meanAnalystBrier).toBeCloseTo(1.34 / 3, 12);
  });

  it("has no team score when nobody estimated by the resolution date", () => {
    const late = new Map([["dan", [{ estimatedOn: "2024-10-06", probability: 1 }]]]);
    expect(scoreTeam(late, "2024-10-05", 0)).toEqual({ analysts: [{ analystId: "dan", score: null }], team: null, meanAnalystBrier: null });
    expect(scoreTeam(new Map(), "2024-10-05", 0)).toEqual({ analysts: [], team: null, meanAnalystBrier: null });
  });
});
