import type { ChartEventMarker } from "@/lib/dashboard/types";
import { formatDay } from "../format";
import type { ProbabilityHistory } from "./probability-history";
import { formatProbability } from "./scenario-format";
import timelineStyles from "@/components/timeline.module.css";
import styles from "./probability-history-table.module.css";
import dataTableStyles from "@/components/data-table.module.css";

/**
 * The chart as a table, one row per date on which anyone estimated: the
 * chart's accessible equivalent. An analyst's cell holds the estimate
 * recorded that day (the last, if several), the median the team's standing one.
 */
export function ProbabilityHistoryTable({ history, events }: { history: ProbabilityHistory; events: ChartEventMarker[] }) {
  const recorded = history.analysts.map((analyst) => {
    const byDate = new Map<string, number>();
    for (const estimate of analyst.estimates) byDate.set(estimate.estimatedOn, estimate.probability);
    return { analyst, byDate };
  });
  return (
    <details className={dataTableStyles.dataTable}>
      <summary>Show the history as a table</summary>
      <div className="table-scroll" tabIndex={0}>
        <table className={styles.probabilityTable} data-cross-table>
          <caption className="visually-hidden">Estimates by date, with the team median standing on each date</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              {history.analysts.map((analyst) => (
                <th scope="col" key={analyst.analystId} className="number">
                  {analyst.analystName}
                </th>
              ))}
              <th scope="col" className="number">
                Team median
              </th>
            </tr>
          </thead>
          <tbody>
            {history.teamMedian.map((point) => (
              <tr key={point.on}>
                <td className="date">{formatDay(point.on)}</td>
                {recorded.map(({ analyst, byDate }) => {
                  const probability = byDate.get(point.on);
                  return (
                    <td key={analyst.analystId} className="number">
                      {probability === undefined ? <span className="muted">—</span> : formatProbability(probability)}
                    </td>
                  );
                })}
                <td className="number">
                  <strong>{formatProbability(point.median)}</strong>
                  <span className="cell-meta">
                    {point.analystCount} {point.analystCount === 1 ? "analyst" : "analysts"}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {events.length > 0 && (
        <>
          <h3 className={styles.scenarioSubheading}>Events marked on the chart</h3>
          <ul className={timelineStyles.timeline}>
            {events.map((event) => (
              <li key={event.id}>
                <time dateTime={event.occurredOn}>{formatDay(event.occurredOn)}</time>
                <div>
                  <strong>{event.title}</strong>
                  {event.description && <p>{event.description}</p>}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}
