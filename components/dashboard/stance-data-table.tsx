"use client";

import Link from "@/components/link";
import { useDeferredValue, useState } from "react";
import { formatScore } from "@/lib/codings/scale";
import { formatMonth } from "@/lib/dashboard/date-precision";
import { formatDate } from "@/lib/dashboard/summary";
import type { ChartSeries } from "@/lib/dashboard/types";
import { statementHref } from "./links";
import styles from "./stance-data-table.module.css";
import dataTableStyles from "../data-table.module.css";
import { ScrollingTable, numberColumn } from "../scrolling-table";

// Thousands of rows would make the table slow to open on a phone; the CSV holds them all.
const rowLimit = 1000;

function formatPointScore(score: number): string {
  return formatScore(score, Number.isInteger(score) ? 0 : 1);
}

function tableRows(series: ChartSeries[]) {
  return series
    .flatMap((one) => one.points.map((point, index) => ({ key: `${one.speaker.id}-${index}`, speaker: one.speaker.name, point })))
    .sort((first, second) => first.point.at.localeCompare(second.point.at) || first.speaker.localeCompare(second.speaker, "en"));
}

/**
 * Every point of one chart as a table: the chart's accessible equivalent, and
 * a way to each statement by keyboard. Its rows are made from the series the
 * chart already holds, and only once the table is opened: rendered on the
 * server they were most of the page's HTML at a million codings, sent twice
 * (as HTML and in the payload), for a table few open (docs/benchmarks.md).
 */
export function StanceDataTable({ series, csvHref }: { series: ChartSeries[]; csvHref: string }) {
  const [open, setOpen] = useState(false);
  // A thousand rows take a moment on a phone: the summary answers at once, and the rows follow.
  const rowsShown = useDeferredValue(open);
  const rows = rowsShown ? tableRows(series) : [];
  const shown = rows.slice(0, rowLimit);
  return (
    <details className={dataTableStyles.dataTable} data-testid="stance-data-table" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Show the data as a table</summary>
      {/* Announced: that the rows are coming, then how many there are. */}
      <p className="cell-meta" role="status">
        {!open ? null : !rowsShown ? (
          "Preparing the table…"
        ) : rows.length > shown.length ? (
          <>
            The first {shown.length} of {rows.length} points, by date; <a href={csvHref}>download the CSV</a> for all of them.
          </>
        ) : (
          `${rows.length} ${rows.length === 1 ? "point" : "points"}, by date.`
        )}
      </p>
      {open && rowsShown && (
        <ScrollingTable
          columns={["Date", "Speaker", numberColumn("Score"), numberColumn("Statements"), "Quote", "Source", "Coders", "Basis"]}
          className={styles.dashboardDataTable}
          stackOnPhone
        >
          {shown.map(({ key, speaker, point }) => (
            <tr key={key}>
              <td className="date" data-label="Date">
                {point.statement?.datePrecision === "MONTH" ? formatMonth(point.statement.saidOn ?? point.at) : formatDate(point.at)}
              </td>
              <td data-label="Speaker">{speaker}</td>
              <td className="number" data-label="Score">
                {formatPointScore(point.score)}
                {point.statementCount > 1 && (
                  <span className="cell-meta">
                    {formatScore(point.minimumScore)} to {formatScore(point.maximumScore)}
                  </span>
                )}
              </td>
              <td className="number" data-label="Statements">
                {point.statementCount}
              </td>
              {point.statement ? (
                <>
                  <td className={`quote ${styles.quote}`}>
                    <Link href={statementHref(point.statement.sourceId, point.statement.id)}>“{point.statement.quote}”</Link>
                  </td>
                  <td data-label="Source">{point.statement.sourceTitle}</td>
                  <td data-label="Coders">{point.statement.coders.join(", ")}</td>
                  <td data-label="Basis">
                    {point.statement.basis === "adjudicated" ? "Adjudicated" : `Mean of ${point.statement.coders.length}`}
                  </td>
                </>
              ) : (
                <td colSpan={4} className="muted">
                  {point.statementCount} statements merged into one point: their mean date and score
                </td>
              )}
            </tr>
          ))}
        </ScrollingTable>
      )}
    </details>
  );
}
