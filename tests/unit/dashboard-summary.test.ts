import { describe, expect, it } from "vitest";
import {
  bucketName,
  bucketPhrase,
  describeShift,
  formatDate,
  formatWindow,
  meanOfPoints,
  panelsByTarget,
  summariseTargetPanel,
  windowWithinOneYear,
} from "@/lib/dashboard/summary";
import type { StanceShift } from "@/lib/dashboard/types";
import { araghchi, europe, point, result, series, unitedStates, velayati } from "./dashboard-fixtures";

describe("dates", () => {
  it("formats calendar dates without a time zone shift", () => {
    expect(formatDate("2024-10-01")).toBe("1 Oct 2024");
    expect(formatDate("2024-12-31", false)).toBe("31 Dec");
    expect(formatWindow({ from: "2024-10-01", to: "2024-11-30" })).toBe("1 Oct 2024 to 30 Nov 2024");
  });

  it("names buckets by unit", () => {
    expect(bucketName("2024-10-21", "week", false)).toBe("the week of 21 Oct");
    expect(bucketName("2024-10-21", "day", true)).toBe("21 Oct 2024");
    expect(bucketName("2024-10-01", "month", true)).toBe("October 2024");
    expect(bucketPhrase("2024-10-21", "day", false)).toBe("on 21 Oct");
    expect(bucketPhrase("2024-10-01", "month", false)).toBe("in October");
  });

  it("leaves the year out only within one calendar year", () => {
    expect(windowWithinOneYear({ from: "2024-01-01", to: "2024-12-31" })).toBe(true);
    expect(windowWithinOneYear({ from: "2023-12-01", to: "2024-01-31" })).toBe(false);
  });
});

describe("meanOfPoints", () => {
  it("weighs a merged point by the statements it stands for", () => {
    expect(meanOfPoints([point("2024-10-01", 1), point("2024-10-02", -2, { statementCount: 3, statement: null })])).toBeCloseTo(-1.25);
    expect(meanOfPoints([])).toBeNull();
  });
});

describe("panelsByTarget", () => {
  it("groups the flat series by target, in the targets' order, with the omitted speakers' count", () => {
    const panels = panelsByTarget(
      result({
        series: [
          series({ speaker: velayati, target: unitedStates }),
          series({ speaker: velayati, target: europe }),
          series({ speaker: araghchi, target: unitedStates }),
        ],
        omittedSpeakers: [{ targetId: unitedStates.id, count: 4 }],
      }),
    );
    expect(panels.map((panel) => [panel.target.name, panel.series.map((one) => one.speaker.name), panel.omittedSpeakerCount])).toEqual([
      ["Europe", ["Ali Akbar Velayati"], 0],
      ["United States", ["Ali Akbar Velayati", "Abbas Araghchi"], 4],
    ]);
  });
});

describe("summariseTargetPanel", () => {
  const window = { from: "2024-10-01", to: "2024-11-30" };

  it("states the counts, each speaker's mean and the first and last bucket means", () => {
    const [panel] = panelsByTarget(
      result({
        series: [
          series({
            points: [
              point("2024-10-21", 0),
              point("2024-10-23", -1),
              point("2024-10-28", -2),
              point("2024-10-29", -2),
              point("2024-10-30", -1),
            ],
            means: [
              { start: "2024-10-21", score: -0.5, statementCount: 2 },
              { start: "2024-10-28", score: -5 / 3, statementCount: 3 },
            ],
          }),
          series({ speaker: araghchi, points: [point("2024-11-04", 1)], means: [{ start: "2024-11-04", score: 1, statementCount: 1 }] }),
        ],
        omittedSpeakers: [{ targetId: europe.id, count: 2 }],
      }),
    );
    const events = [
      { id: "e1", slug: "strikes", title: "Israeli strikes on Iran", occurredOn: "2024-10-26", kind: "MILITARY", description: "" },
    ];
    expect(summariseTargetPanel(panel!, { window, unit: "week", events })).toBe(
      "2 speakers, 6 statements toward Europe from 1 Oct 2024 to 30 Nov 2024. " +
        "Ali Akbar Velayati: mean −1.2 (5 statements), from −0.5 in the week of 21 Oct to −1.7 in the week of 28 Oct. " +
        "Abbas Araghchi: mean +1.0 (1 statement), all in the week of 4 Nov. " +
        "2 more speakers not charted. " +
        "Event marked: Israeli strikes on Iran (26 Oct).",
    );
  });

  it("says when nothing matches", () => {
    const [panel] = panelsByTarget(result({}));
    expect(summariseTargetPanel(panel!, { window, unit: "week", events: [] })).toBe(
      "No statements toward Europe from 1 Oct 2024 to 30 Nov 2024 match the filters.",
    );
  });

  it("keeps the year in bucket names when the window spans years", () => {
    const [panel] = panelsByTarget(
      result({
        series: [series({ points: [point("2024-01-02", 1)], means: [{ start: "2024-01-01", score: 1, statementCount: 1 }] })],
      }),
    );
    expect(summariseTargetPanel(panel!, { window: { from: "2023-12-01", to: "2024-01-31" }, unit: "month", events: [] })).toContain(
      "all in January 2024.",
    );
  });
});

describe("describeShift", () => {
  it("gives the change with true minus signs and the two buckets", () => {
    const shift: StanceShift = {
      speaker: velayati,
      target: europe,
      before: { start: "2024-10-21", score: 1, statementCount: 2 },
      after: { start: "2024-10-28", score: -1, statementCount: 3 },
      change: -2,
      interval: null,
      ranked: false,
      minimumStatements: 3,
      statements: [],
      events: [],
    };
    expect(describeShift(shift, "week", false)).toEqual({
      headline: "Ali Akbar Velayati toward Europe: +1.0 → −1.0 (−2.0)",
      period: "between the week of 21 Oct and the week of 28 Oct",
    });
  });
});

describe("export caption", () => {
  it("says the window, n, filters in names, the source and the export date", async () => {
    const { describeViewFilters, exportCaption } = await import("@/lib/dashboard/summary");
    const actors = [
      { id: "1", slug: "ali-khamenei", name: "Ali Khamenei" },
      { id: "2", slug: "iran", name: "Iran" },
    ];
    const filters = describeViewFilters(
      {
        speakers: ["ali-khamenei", "dropped-unknown"],
        speaksFor: ["iran"],
        targets: [],
        directQuotesOnly: true,
        minimumConfidence: "HIGH",
        adjudicatedOnly: false,
      },
      { speakers: actors, represented: actors, targets: [] },
    );
    expect(filters).toBe("Filters: speakers Ali Khamenei; everyone speaking for Iran; direct quotes only; high confidence only.");
    expect(
      describeViewFilters(
        { speakers: [], speaksFor: [], targets: [], directQuotesOnly: false, minimumConfidence: "LOW", adjudicatedOnly: false },
        { speakers: [], represented: [], targets: [] },
      ),
    ).toMatch(/^Filters: none/);
    expect(
      exportCaption({
        window: { from: "2024-10-01", to: "2024-11-30" },
        unit: "week",
        statementCount: 1,
        filters,
        exportedOn: "2026-11-30",
      }),
    ).toEqual([
      "1 Oct 2024 to 30 Nov 2024 · mean per week · n = 1 statement",
      filters,
      "Source: Stancewatch codings of public statements, −3 (very hostile) to +3 (very conciliatory). Exported 30 Nov 2026.",
    ]);
  });
});
