import { describe, expect, it } from "vitest";
import { buildCalibration, scoreQuestion } from "@/lib/scenarios/accuracy";

// Brier on 0–2: 2(p − o)². Log score in bits: −log2(probability given to what happened).
describe("scoreQuestion", () => {
  // The late-entry case: Early holds 80 % from 1 September to the resolution on 5 October (35 days);
  // Late says 95 % on 4 October. It resolves yes.
  const estimates = new Map([
    ["early", [{ estimatedOn: "2024-09-01", probability: 0.8 }]],
    ["late", [{ estimatedOn: "2024-10-04", probability: 0.95 }]],
    ["never", [{ estimatedOn: "2024-10-06", probability: 1 }]],
  ]);

  it("fills the days before an analyst's first forecast with the day's median score, so entering late earns nothing by itself", () => {
    const [early, late, ...others] = scoreQuestion(estimates, "2024-10-05", 1);
    // "never" forecast only after the resolution: not scored.
    expect(others).toEqual([]);
    // Early: 35 days of 2(0.8 − 1)² = 0.08.
    expect(early).toMatchObject({ analystId: "early", brier: expect.closeTo(0.08, 12), daysWithForecast: 35, questionDays: 35 });
    // Late: 33 days filled with the median, which is Early's 0.08 alone; then 2 days of 2(0.95 − 1)² = 0.005.
    // (33 × 0.08 + 2 × 0.005) / 35 = 2.65 / 35 ≈ 0.0757, not the 0.005 of scoring only its own two days.
    expect(late).toMatchObject({ analystId: "late", brier: expect.closeTo(2.65 / 35, 12), daysWithForecast: 2, questionDays: 35 });
    // Log: 0.8 costs −log2 0.8 ≈ 0.3219 bits; 0.95 costs ≈ 0.0740. On 4 and 5 October the median is their mean.
    const eighty = -Math.log2(0.8);
    const ninetyFive = -Math.log2(0.95);
    expect(late!.logScore).toBeCloseTo((33 * eighty + 2 * ninetyFive) / 35, 12);
    expect(early!.logScore).toBeCloseTo(eighty, 12);
  });

  it("compares each analyst with the day's median score on the days they had a forecast", () => {
    const [early, late] = scoreQuestion(estimates, "2024-10-05", 1);
    // 4 and 5 October: median Brier (0.08 + 0.005) / 2 = 0.0425. Late: 0.005 − 0.0425 = −0.0375 on both of its days.
    expect(late!.relativeBrier).toBeCloseTo(-0.0375, 12);
    // Early: 33 days level with the median (it is the median), then 0.08 − 0.0425 = 0.0375 on two days: 0.075 / 35.
    expect(early!.relativeBrier).toBeCloseTo(0.075 / 35, 12);
    expect(early!.dailyProbabilities).toHaveLength(35);
  });

  it("is empty when nobody forecast by the resolution date", () => {
    expect(scoreQuestion(new Map([["x", [{ estimatedOn: "2024-10-06", probability: 1 }]]]), "2024-10-05", 0)).toEqual([]);
  });
});

describe("buildCalibration", () => {
  it("bins daily forecasts by probability, each question weighing 1 however many days it was forecast", () => {
    const bins = buildCalibration([
      // Four days at 70 % on a question that came about, one day at 70 % and one at 30 % on one that did not.
      { outcome: 1, dailyProbabilities: [0.7, 0.7, 0.7, 0.7] },
      { outcome: 0, dailyProbabilities: [0.7, 0.3] },
    ]);
    expect(bins).toHaveLength(10);
    // 70–80 %: weight 4 × 1/4 + 1 × 1/2 = 1.5; came about: 1 of 1.5.
    expect(bins[7]).toEqual({
      from: 0.7,
      to: 0.8,
      weight: 1.5,
      questionCount: 2,
      meanForecast: expect.closeTo(0.7, 12),
      observedFrequency: expect.closeTo(1 / 1.5, 12),
    });
    // 30–40 %: half a question, which did not come about.
    expect(bins[3]).toMatchObject({ weight: 0.5, questionCount: 1, observedFrequency: 0 });
    expect(bins[0]).toMatchObject({ weight: 0, meanForecast: null, observedFrequency: null });
    // A certain forecast lands in the last bin.
    expect(buildCalibration([{ outcome: 1, dailyProbabilities: [1] }])[9]).toMatchObject({ weight: 1, observedFrequency: 1 });
  });
});
