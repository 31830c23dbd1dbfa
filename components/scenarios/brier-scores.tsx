import type { BrierReport, ScenarioStatusValue } from "@/lib/scenarios/types";
import { formatDay } from "../format";
import { formatBrier } from "./scenario-format";

const explanation =
  "Each day’s standing estimate is scored (probability − outcome)², from the analyst’s first estimate to the resolution date, and the days averaged. Lower is better; 0.25 is what always saying 50\u00a0% scores.";

/** Each analyst's Brier score and the team median's, once the scenario has resolved; otherwise when they will appear. */
export function BrierScores({ status, brier }: { status: ScenarioStatusValue; brier: BrierReport | null }) {
  if (status === "OPEN") return <p className="muted">Brier scores appear here once the scenario resolves.</p>;
  if (status === "WITHDRAWN") return <p className="muted">A withdrawn scenario never resolves, so its estimates are not scored.</p>;
  if (brier === null || brier.analysts.length === 0)
    return <p className="muted">Nobody estimated on or before the resolution date, so there is nothing to score.</p>;
  return (
    <>
      <p>
        Resolved <strong>{brier.outcome === 1 ? "yes" : "no"}</strong> on{" "}
        <time dateTime={brier.resolvedOn}>{formatDay(brier.resolvedOn)}</time>. {explanation}
      </p>
      <div className="table-scroll">
        <table className="brier-table">
          <thead>
            <tr>
              <th scope="col">Forecaster</th>
              <th scope="col" className="number">
                Brier score
              </th>
              <th scope="col" className="number">
                Days scored
              </th>
              <th scope="col" className="number">
                Estimates
              </th>
            </tr>
          </thead>
          <tbody>
            {brier.analysts.map((analyst) => (
              <tr key={analyst.analystId}>
                <th scope="row">{analyst.analystName}</th>
                <td className="number">{formatBrier(analyst.brier)}</td>
                <td className="number">{analyst.daysScored}</td>
                <td className="number">{analyst.estimateCount}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            {brier.team && (
              <tr>
                <th scope="row">Team median</th>
                <td className="number">
                  <strong>{formatBrier(brier.team.brier)}</strong>
                </td>
                <td className="number">{brier.team.daysScored}</td>
                <td className="number">—</td>
              </tr>
            )}
            {brier.meanAnalystBrier !== null && (
              <tr>
                <th scope="row">Mean of the analysts’ scores</th>
                <td className="number">{formatBrier(brier.meanAnalystBrier)}</td>
                <td className="number">—</td>
                <td className="number">—</td>
              </tr>
            )}
          </tfoot>
        </table>
      </div>
    </>
  );
}
