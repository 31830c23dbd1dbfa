import type { TargetPanel } from "@/lib/charts/stance-series";
import { describeScore, formatScore } from "@/lib/codings/scale";
import { StanceChart, type ChartEvent } from "./stance-chart";

function formatDate(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

/** One target's chart with a text summary and the numbers behind it. */
export function StancePanel({ panel, window, events }: { panel: TargetPanel; window: { from: string; to: string }; events: ChartEvent[] }) {
  const statementCount = panel.series.reduce((sum, series) => sum + series.points.length, 0);
  const headingId = `stance-${panel.targetId}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 className="card__title" id={headingId}>
        Toward {panel.targetName}
      </h2>
      <p className="card__meta">
        {statementCount === 0
          ? "No coded statements yet."
          : `${statementCount} statement${statementCount === 1 ? "" : "s"} by ${panel.series.length} speaker${panel.series.length === 1 ? "" : "s"}, ${panel.codingCount} coding${panel.codingCount === 1 ? "" : "s"}. Each point is the adjudicated score where coders’ disagreement was settled, otherwise the mean of the coders’ scores.`}
      </p>
      {statementCount === 0 ? (
        <div className="empty-state">Nobody’s statements toward {panel.targetName} have been coded yet.</div>
      ) : (
        <>
          <StanceChart panel={panel} window={window} events={events} />
          <details className="data-table">
            <summary>Show the data as a table</summary>
            <table>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Speaker</th>
                  <th scope="col">Score</th>
                  <th scope="col">Quote</th>
                  <th scope="col">Basis</th>
                  <th scope="col">Coders</th>
                </tr>
              </thead>
              <tbody>
                {panel.series.flatMap((series) =>
                  series.points.map((point) => (
                    <tr key={`${series.speakerId}-${point.statementId}`}>
                      <td className="date">{formatDate(point.saidOn)}</td>
                      <td>{series.speakerName}</td>
                      <td className="number" title={describeScore(Math.round(point.score))}>
                        {formatScore(point.score, Number.isInteger(point.score) ? 0 : 1)}
                      </td>
                      <td className="quote">“{point.quote}”</td>
                      <td>{point.basis === "adjudicated" ? "Adjudicated" : `Mean of ${point.coders.length}`}</td>
                      <td>{point.coders.join(", ")}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}
