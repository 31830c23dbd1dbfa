import { describe, expect, it } from "vitest";
import { chartSeriesOf } from "@/lib/dashboard/chart-series";
import { point, series } from "./dashboard-fixtures";

describe("chartSeriesOf", () => {
  it("keeps what the chart and its table show, and leaves the counts, the target and the speaker's slug on the server", () => {
    const day = {
      ...point("2024-10-21", 1.5),
      statement: { ...point("2024-10-21", 1.5).statement!, saidOn: "2024-10-21", datePrecision: "DAY" as const },
    };
    const merged = point("2024-10-25", -0.5, { statementCount: 3, minimumScore: -2, maximumScore: 1, statement: null });
    const means = [{ start: "2024-10-21", score: 0.8, statementCount: 4 }];
    const sent = chartSeriesOf(series({ statementCount: 4, codingCount: 7, points: [day, merged], means }));
    expect(sent).toEqual({
      speaker: { id: "actor-velayati", name: "Ali Akbar Velayati" },
      points: [
        {
          at: "2024-10-21",
          score: 1.5,
          statementCount: 1,
          minimumScore: 1.5,
          maximumScore: 1.5,
          statement: {
            id: "statement-2024-10-21-1.5",
            quote: "We are open to closer ties.",
            sourceId: "source-ft",
            sourceTitle: "Iran ‘open’ to closer western ties",
            coders: ["Amira", "Ben"],
            basis: "mean",
          },
        },
        merged,
      ],
      means,
    });
  });

  it("keeps a month-precision statement's stored date and precision, which its label needs", () => {
    const base = point("2024-07-16", -2);
    const month = { ...base, statement: { ...base.statement!, saidOn: "2024-07-01", datePrecision: "MONTH" as const } };
    const [sent] = chartSeriesOf(series({ points: [month] })).points;
    expect(sent!.statement).toMatchObject({ saidOn: "2024-07-01", datePrecision: "MONTH" });
  });
});
