// The dashboard's chart data as CSV: one row per chart point, so the file
// holds exactly what the charts show (merged points stay merged). Pure: the
// export route queries, this only writes. Quoting is the exchange format's
// (RFC 4180: a field is quoted only when it must be, inner quotes doubled).
// Text cells are neutralised against formula injection as the exchange's are
// (a single quote in front of =, +, -, @, tab or carriage return); the numeric
// columns (score, statement_count, min_score, max_score) never are, so a
// negative mean such as -1.5 stays a number.
import { csvField, csvTextField } from "../exchange/csv";
import type { StanceSeriesResult } from "./types";

export const stanceCsvColumns = [
  "target",
  "speaker",
  "date",
  "score",
  "statement_count",
  "min_score",
  "max_score",
  "statement_id",
  "quote",
  "source_title",
  "coders",
  "basis",
] as const;

/**
 * Plain ASCII digits with a hyphen-minus, at most three decimals: spreadsheets
 * read these as numbers, where the display's "−1.2" with a true minus would be text.
 */
export function formatCsvNumber(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** The chart points of every panel, panels in the view's target order and speakers as charted; "\n" line ends and a trailing newline. */
export function buildStanceCsv(result: StanceSeriesResult): string {
  const lines = [stanceCsvColumns.join(",")];
  const targetOrder = new Map(result.targets.map((target, index) => [target.id, index]));
  // A stable sort keeps the speakers' charted order within each target.
  const series = result.series.toSorted(
    (first, second) => (targetOrder.get(first.target.id) ?? Infinity) - (targetOrder.get(second.target.id) ?? Infinity),
  );
  for (const { target, speaker, points } of series) {
    for (const point of points) {
      const statement = point.statement;
      const cells = [
        csvTextField(target.name),
        csvTextField(speaker.name),
        // A statement dated only to the month is written as the month (ISO 8601 "2024-07"), never as a day.
        csvTextField(statement?.datePrecision === "MONTH" && statement.saidOn ? statement.saidOn.slice(0, 7) : point.at),
        csvField(formatCsvNumber(point.score)),
        csvField(String(point.statementCount)),
        csvField(formatCsvNumber(point.minimumScore)),
        csvField(formatCsvNumber(point.maximumScore)),
        csvTextField(statement?.id ?? ""),
        csvTextField(statement?.quote ?? ""),
        csvTextField(statement?.sourceTitle ?? ""),
        csvTextField(statement?.coders.join("; ") ?? ""),
        csvTextField(statement?.basis ?? ""),
      ];
      lines.push(cells.join(","));
    }
  }
  return `${lines.join("\n")}\n`;
}
