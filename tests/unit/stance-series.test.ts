import { describe, expect, it } from "vitest";
import {
  buildStancePanels,
  chooseTimeUnit,
  chooseTimeWindow,
  markersWithin,
  meanPerDay,
  type StanceCodingRow,
} from "@/lib/charts/stance-series";

function row(overrides: Partial<StanceCodingRow>): StanceCodingRow {
  return {
    statementId: "s1",
    speakerId: "velayati",
    speakerName: "Ali Akbar Velayati",
    targetId: "us",
    saidOn: "2024-10-27",
    score: 0,
    quote: "a quote",
    coderName: "Amira",
    ...overrides,
  };
}

const targets = [
  { id: "us", name: "United States" },
  { id: "eu", name: "Europe" },
];

describe("buildStancePanels", () => {
  it("averages the coders of one statement into one point", () => {
    const [us] = buildStancePanels([row({ score: -1, coderName: "Jonas" }), row({ score: -2, coderName: "Amira" })], targets);
    expect(us!.codingCount).toBe(2);
    expect(us!.series).toHaveLength(1);
    expect(us!.series[0]!.points).toEqual([
      { statementId: "s1", saidOn: "2024-10-27", score: -1.5, basis: "mean", coders: ["Amira", "Jonas"], quote: "a quote" },
    ]);
  });

  it("uses the adjudicated score where disagreeing coders were settled, for that target only", () => {
    const rows = [row({ score: -2, coderName: "Jonas" }), row({ score: 1, coderName: "Amira" }), row({ targetId: "eu", score: 2 })];
    const [us, eu] = buildStancePanels(rows, targets, [{ statementId: "s1", targetId: "us", score: -1 }]);
    expect(us!.series[0]!.points[0]).toMatchObject({ score: -1, basis: "adjudicated", coders: ["Amira", "Jonas"] });
    expect(eu!.series[0]!.points[0]).toMatchObject({ score: 2, basis: "mean" });
  });

  it("keeps targets apart, in the order given, including empty ones", () => {
    const panels = buildStancePanels(
      [row({ targetId: "us", score: 2 }), row({ targetId: "eu", score: -3, statementId: "s2" })],
      [...targets, { id: "il", name: "Israel" }],
    );
    expect(panels.map((panel) => [panel.targetName, panel.codingCount])).toEqual([
      ["United States", 1],
      ["Europe", 1],
      ["Israel", 0],
    ]);
    expect(panels[1]!.series[0]!.points[0]!.score).toBe(-3);
    expect(panels[2]!.series).toEqual([]);
  });

  it("orders speakers by name and their points by date", () => {
    const [us] = buildStancePanels(
      [
        row({ statementId: "late", saidOn: "2024-10-28", speakerId: "b", speakerName: "Baghaei" }),
        row({ statementId: "early", saidOn: "2024-07-31", speakerId: "b", speakerName: "Baghaei" }),
        row({ statementId: "x", speakerId: "a", speakerName: "Arab governments" }),
      ],
      targets,
    );
    expect(us!.series.map((series) => series.speakerName)).toEqual(["Arab governments", "Baghaei"]);
    expect(us!.series[1]!.points.map((point) => point.statementId)).toEqual(["early", "late"]);
  });

  it("draws one line vertex per day through the statements' means", () => {
    const [us] = buildStancePanels(
      [
        row({ statementId: "a", score: 2 }),
        row({ statementId: "b", score: -1 }),
        row({ statementId: "c", saidOn: "2024-10-28", score: 1 }),
      ],
      targets,
    );
    expect(us!.series[0]!.dailyMeans).toEqual([
      { saidOn: "2024-10-27", score: 0.5, statementCount: 2 },
      { saidOn: "2024-10-28", score: 1, statementCount: 1 },
    ]);
  });
});

describe("meanPerDay", () => {
  it("is empty for no points", () => {
    expect(meanPerDay([])).toEqual([]);
  });
});

describe("time window", () => {
  it("pads the statements' dates so the events before them show", () => {
    expect(chooseTimeWindow(["2024-10-28", "2024-10-27"])).toEqual({ from: "2024-09-12", to: "2024-11-11" });
    expect(chooseTimeWindow([])).toBeNull();
  });

  it("crosses month and year boundaries correctly", () => {
    expect(chooseTimeWindow(["2024-01-10"], { before: 15, after: 25 })).toEqual({ from: "2023-12-26", to: "2024-02-04" });
  });

  it("chooses ticks that fit the window", () => {
    expect(chooseTimeUnit({ from: "2024-10-20", to: "2024-10-30" })).toBe("day");
    expect(chooseTimeUnit({ from: "2024-09-12", to: "2024-11-11" })).toBe("week");
    expect(chooseTimeUnit({ from: "2024-06-01", to: "2024-11-11" })).toBe("month");
  });

  it("keeps the markers inside the window, edges included", () => {
    const markers = [
      { occurredOn: "2024-09-11" },
      { occurredOn: "2024-09-12" },
      { occurredOn: "2024-11-11" },
      { occurredOn: "2024-11-12" },
    ];
    expect(markersWithin(markers, { from: "2024-09-12", to: "2024-11-11" })).toEqual([
      { occurredOn: "2024-09-12" },
      { occurredOn: "2024-11-11" },
    ]);
  });
});
