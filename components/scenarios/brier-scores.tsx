import Link from "@/components/link";
import type { BrierReport, ScenarioStatusValue } from "@/lib/scenarios/types";
import { formatDay } from "../format";
import { analystHref } from "../track-record/links";
import { brierScaleLabel, formatBrier, formatLogScore, formatRelativeBrier } from "./scenario-format";
import styles from "./brier-scores.module.css";
import { ScrollingTable, numberColumn } from "../scrolling-table";

const explanation =
  "Each day’s standing estimate is scored as Good Judgment Open scores it, the squared error summed over yes and no (0 perfect, 2 certain and wrong, 0.5 for always saying 50\u00a0%), and the days averaged from the team’s first estimate to the resolution date; a day before an analyst’s first estimate takes the team’s median score that day. The log score (bits: 0 perfect, 1 for 50\u00a0%) is averaged the same way. “vs team median” compares each analyst with the median score on the days they had an estimate: below zero is better. Lower is better throughout.";

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
      <ScrollingTable
        columns={[
          "Forecaster",
          numberColumn(<>{brierScaleLabel}</>),
          numberColumn("Log score (bits)"),
          numberColumn("vs team median"),
          numberColumn("Days with an estimate"),
          numberColumn("Estimates"),
        ]}
        className={styles.brierTable}
        stackOnPhone
        footer={
          <>
            {brier.team && (
              <tr>
                <th scope="row">Team median</th>
                <td className="number" data-label={brierScaleLabel}>
                  <strong>{formatBrier(brier.team.brier)}</strong>
                </td>

                <td className="number no-value" />
                <td className="number no-value" />
                <td className="number" data-label="Days with an estimate">
                  {brier.team.daysScored}
                </td>
                <td className="number no-value" />
              </tr>
            )}
            {brier.meanAnalystBrier !== null && (
              <tr>
                <th scope="row">Mean of the analysts’ scores (own days)</th>
                <td className="number" data-label={brierScaleLabel}>
                  {formatBrier(brier.meanAnalystBrier)}
                </td>
                <td className="number no-value" />
                <td className="number no-value" />
                <td className="number no-value" />
                <td className="number no-value" />
              </tr>
            )}
          </>
        }
      >
        {brier.analysts.map((analyst) => (
          <tr key={analyst.analystId}>
            <th scope="row">
              <Link href={analystHref(analyst.analystId)}>{analyst.analystName}</Link>
            </th>
            <td className="number" data-label={brierScaleLabel}>
              {formatBrier(analyst.questionBrier)}
            </td>
            <td className="number" data-label="Log score (bits)">
              {formatLogScore(analyst.logScore)}
            </td>
            <td className="number" data-label="vs team median">
              {formatRelativeBrier(analyst.relativeBrier)}
            </td>
            <td className="number" data-label="Days with an estimate">
              {analyst.daysScored} of {analyst.questionDays}
            </td>
            <td className="number" data-label="Estimates">
              {analyst.estimateCount}
            </td>
          </tr>
        ))}
      </ScrollingTable>
    </>
  );
}
