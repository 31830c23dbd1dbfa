import { describe, expect, it } from "vitest";
import { buildStanceCsv, formatCsvNumber } from "@/lib/dashboard/csv";
import { araghchi, europe, point, result, series, unitedStates, velayati } from "./dashboard-fixtures";

const header = "target,speaker,date,score,statement_count,min_score,max_score,statement_id,quote,source_title,coders,basis";

describe("buildStanceCsv", () => {
  it("writes a header only when there are no points", () => {
    expect(buildStanceCsv(result({}))).toBe(`${header}\n`);
  });

  it("writes one row per chart point, panels in target order, quoting only where RFC 4180 needs it", () => {
    const csv = buildStanceCsv(
      result({
        series: [
          series({
            speaker: araghchi,
            target: unitedStates,
            points: [
              point("2024-11-04", 1, {
                statement: { id: "s2", quote: "No.", sourceId: "x", sourceTitle: "T", coders: ["Amira"], basis: "adjudicated" },
              }),
            ],
          }),
          series({
            speaker: velayati,
            target: europe,
            points: [
              point("2024-10-28", -1.5, {
                statement: {
                  id: "s1",
                  quote: 'He said "no", then\nleft',
                  sourceId: "source-ft",
                  sourceTitle: "Iran ‘open’, says adviser",
                  coders: ["Amira", "Ben"],
                  basis: "mean",
                },
              }),
              point("2024-10-30", -2 / 3, { statementCount: 3, minimumScore: -2, maximumScore: 1, statement: null }),
            ],
          }),
        ],
      }),
    );
    expect(csv).toBe(
      `${header}\n` +
        'Europe,Ali Akbar Velayati,2024-10-28,-1.5,1,-1.5,-1.5,s1,"He said ""no"", then\nleft","Iran ‘open’, says adviser",Amira; Ben,mean\n' +
        "Europe,Ali Akbar Velayati,2024-10-30,-0.667,3,-2,1,,,,,\n" +
        "United States,Abbas Araghchi,2024-11-04,1,1,1,1,s2,No.,T,Amira,adjudicated\n",
    );
  });
});

describe("buildStanceCsv against formula injection", () => {
  it("puts a single quote before text cells a spreadsheet would run, and leaves negative numbers alone", () => {
    const csv = buildStanceCsv(
      result({
        series: [
          series({
            speaker: { ...araghchi, name: "=cmd|' /C calc'!A0" },
            target: unitedStates,
            points: [
              point("2024-11-04", -2, {
                statement: {
                  id: "s3",
                  quote: '=HYPERLINK("http://evil.example/";"click")',
                  sourceId: "x",
                  sourceTitle: "@SUM(A1)",
                  coders: ["-Amira", "+Ben"],
                  basis: "mean",
                },
              }),
            ],
          }),
        ],
      }),
    );
    expect(csv).toBe(
      `${header}\n` +
        `United States,'=cmd|' /C calc'!A0,2024-11-04,-2,1,-2,-2,s3,"'=HYPERLINK(""http://evil.example/"";""click"")",'@SUM(A1),'-Amira; +Ben,mean\n`,
    );
  });
});

describe("formatCsvNumber", () => {
  it("uses a plain hyphen-minus and at most three decimals", () => {
    expect(formatCsvNumber(-1 / 3)).toBe("-0.333");
    expect(formatCsvNumber(2)).toBe("2");
    expect(formatCsvNumber(-0.0001)).toBe("0");
  });
});
