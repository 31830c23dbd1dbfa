import { describe, expect, it } from "vitest";
import { buildTeamMedianSeries, groupEstimatesByAnalyst, median } from "@/lib/scenarios/estimate-history";

describe("median", () => {
  it("takes the middle value, or the mean of the middle two", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5); // sorted 1 2 3 4: (2 + 3) / 2
    expect(median([0.7])).toBe(0.7);
  });

  it("leaves its input alone", () => {
    const values = [0.9, 0.1, 0.5];
    median(values);
    expect(values).toEqual([0.9, 0.1, 0.5]);
  });

  it("is undefined for no values", () => {
    expect(() => median([])).toThrowError(RangeError);
  });
});

const ann = { analystId: "a", analystName: "Ann Shah" };
const ben = { analystId: "b", analystName: "Ben Ode" };
const cat = { analystId: "c", analystName: "Cat Moss" };
const dan = { analystId: "d", analystName: "Dan Ito" };

describe("buildTeamMedianSeries", () => {
  it("gives the median of each analyst's latest estimate on each date anyone estimated", () => {
    const estimates = [
      { ...ann, estimatedOn: "2024-10-05", probability: 0.5 },
      { ...ben, estimatedOn: "2024-10-03", probability: 0.6 },
      { ...dan, estimatedOn: "2024-10-04", probability: 0.1 },
      { ...ann, estimatedOn: "2024-10-01", probability: 0.2 },
      { ...cat, estimatedOn: "2024-10-03", probability: 0.9 },
      { ...ben, estimatedOn: "2024-10-05", probability: 0.7 },
    ];
    expect(buildTeamMedianSeries(estimates)).toEqual([
      // Only Ann so far.
      { on: "2024-10-01", median: 0.2, analystCount: 1 },
      // Ann 0.2, Ben 0.6, Cat 0.9.
      { on: "2024-10-03", median: 0.6, analystCount: 3 },
      // Dan joins: 0.1 0.2 0.6 0.9 → (0.2 + 0.6) / 2 = 0.4.
      { on: "2024-10-04", median: expect.closeTo(0.4, 12), analystCount: 4 },
      // Ann → 0.5, Ben → 0.7: 0.1 0.5 0.7 0.9 → (0.5 + 0.7) / 2 = 0.6.
      { on: "2024-10-05", median: expect.closeTo(0.6, 12), analystCount: 4 },
    ]);
  });

  it("has one point per date, with an analyst's last estimate of the day standing", () => {
    const estimates = [
      { ...ann, estimatedOn: "2024-10-01", probability: 0.2 },
      { ...ben, estimatedOn: "2024-10-01", probability: 0.8 },
      { ...ann, estimatedOn: "2024-10-01", probability: 0.4 },
    ];
    // Ann's 0.4 replaces her 0.2: (0.4 + 0.8) / 2 = 0.6.
    expect(buildTeamMedianSeries(estimates)).toEqual([{ on: "2024-10-01", median: expect.closeTo(0.6, 12), analystCount: 2 }]);
  });

  it("is empty without estimates", () => {
    expect(buildTeamMedianSeries([])).toEqual([]);
  });
});

describe("groupEstimatesByAnalyst", () => {
  it("gives each analyst's estimates oldest first, analysts by name", () => {
    const estimates = [
      { ...cat, estimatedOn: "2024-10-09", probability: 0.3 },
      { ...ann, estimatedOn: "2024-10-07", probability: 0.5 },
      { ...cat, estimatedOn: "2024-10-02", probability: 0.9 },
      { ...ben, estimatedOn: "2024-10-04", probability: 0.1 },
      { ...ann, estimatedOn: "2024-10-01", probability: 0.25 },
    ];
    expect(groupEstimatesByAnalyst(estimates)).toEqual([
      {
        ...ann,
        estimates: [
          { estimatedOn: "2024-10-01", probability: 0.25 },
          { estimatedOn: "2024-10-07", probability: 0.5 },
        ],
      },
      { ...ben, estimates: [{ estimatedOn: "2024-10-04", probability: 0.1 }] },
      {
        ...cat,
        estimates: [
          { estimatedOn: "2024-10-02", probability: 0.9 },
          { estimatedOn: "2024-10-09", probability: 0.3 },
        ],
      },
    ]);
  });

  it("keeps same-day estimates in their recorded order", () => {
    const estimates = [
      { ...ann, estimatedOn: "2024-10-02", probability: 0.6 },
      { ...ann, estimatedOn: "2024-10-01", probability: 0.2 },
      { ...ann, estimatedOn: "2024-10-02", probability: 0.7 },
    ];
    expect(groupEstimatesByAnalyst(estimates)[0]?.estimates.map((estimate) => estimate.probability)).toEqual([0.2, 0.6, 0.7]);
  });
});
