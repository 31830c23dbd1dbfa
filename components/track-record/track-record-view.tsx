import Link from "@/components/link";
import type { TrackRecordView } from "@/lib/scenarios/types";
import { formatDay } from "../format";
import { brierScaleLabel, formatBrier, formatLogScore, formatProbability, formatRelativeBrier } from "../scenarios/scenario-format";
import { CalibrationChart } from "./calibration-chart";
import styles from "./track-record.module.css";
import brierScoresStyles from "@/components/scenarios/brier-scores.module.css";
import { ScrollingTable, numberColumn } from "../scrolling-table";

function relativeClass(difference: number): string | undefined {
  if (difference < -0.0005) return styles.better;
  if (difference > 0.0005) return styles.worse;
  return undefined;
}

/** Headline means, each question counting once. */
export function TrackRecordSummary({ record }: { record: TrackRecordView }) {
  if (!record.summary)
    return (
      <div className="empty-state">
        <p>{record.analyst.name} has no forecasts on a resolved scenario yet, so there is nothing to score.</p>
      </div>
    );
  const { summary } = record;
  return (
    <dl className={styles.summary} data-testid="track-record-summary">
      <div>
        <dt>Resolved questions</dt>
        <dd>{summary.questionCount}</dd>
      </div>
      <div>
        <dt>Mean {brierScaleLabel}</dt>
        <dd>{formatBrier(summary.meanBrier)}</dd>
      </div>
      <div>
        <dt>Mean log score (bits)</dt>
        <dd>{formatLogScore(summary.meanLogScore)}</dd>
      </div>
      <div>
        <dt>Brier vs team median</dt>
        <dd className={relativeClass(summary.meanRelativeBrier)}>{formatRelativeBrier(summary.meanRelativeBrier)}</dd>
      </div>
    </dl>
  );
}

export function TrackRecordQuestions({ record }: { record: TrackRecordView }) {
  if (record.questions.length === 0) return null;
  return (
    <ScrollingTable
      columns={[
        "Scenario",
        "Resolved",
        numberColumn("Last forecast"),
        numberColumn(<>{brierScaleLabel}</>),
        numberColumn("Log score (bits)"),
        numberColumn("vs team median"),
        numberColumn("Days with a forecast"),
      ]}
      className={brierScoresStyles.brierTable}
      caption={"Scores on each resolved scenario"}
      stackOnPhone
    >
      {record.questions.map((question) => (
        <tr key={question.scenarioId}>
          <th scope="row">
            <Link href={`/scenarios/${encodeURIComponent(question.slug)}`}>{question.title}</Link>
          </th>
          <td className="date" data-label="Resolved">
            {question.outcome === 1 ? "Yes" : "No"}, <time dateTime={question.resolvedOn}>{formatDay(question.resolvedOn)}</time>
          </td>
          <td className="number" data-label="Last forecast">
            {formatProbability(question.finalProbability)}
          </td>
          <td className="number" data-label={brierScaleLabel}>
            {formatBrier(question.brier)}
          </td>
          <td className="number" data-label="Log score (bits)">
            {formatLogScore(question.logScore)}
          </td>
          <td className={`number ${relativeClass(question.relativeBrier) ?? ""}`} data-label="vs team median">
            {formatRelativeBrier(question.relativeBrier)}
          </td>
          <td className="number" data-label="Days with a forecast">
            {question.daysWithForecast} of {question.questionDays}
          </td>
        </tr>
      ))}
    </ScrollingTable>
  );
}

export function TrackRecordCalibration({ record }: { record: TrackRecordView }) {
  if (!record.summary) return null;
  const filled = record.calibration.filter((bin) => bin.weight > 0);
  const questionCount = record.summary.questionCount;
  const summary = `Calibration of ${record.analyst.name} over ${questionCount} resolved ${questionCount === 1 ? "question" : "questions"}: ${filled
    .map(
      (bin) => `forecasts of ${formatProbability(bin.meanForecast!)} came about ${formatProbability(bin.observedFrequency!)} of the time`,
    )
    .join("; ")}.`;
  return (
    <div className={styles.calibrationLayout}>
      <CalibrationChart bins={record.calibration} summary={summary} />
      <div>
        <p data-testid="calibration-question-count">
          Based on <strong>{questionCount}</strong> resolved {questionCount === 1 ? "question" : "questions"}.{" "}
          {questionCount < 10 && "Too few for the diagram to say much about calibration: read it as a record, not a verdict."}
        </p>
        <ScrollingTable
          columns={["Forecasts", numberColumn("Mean forecast"), numberColumn("Came about"), numberColumn("Questions")]}
          caption={"Calibration bins"}
          stackOnPhone
        >
          {filled.map((bin) => (
            <tr key={bin.from}>
              <th scope="row">
                {Math.round(bin.from * 100)}–{Math.round(bin.to * 100)}&nbsp;%
              </th>
              <td className="number" data-label="Mean forecast">
                {formatProbability(bin.meanForecast!)}
              </td>
              <td className="number" data-label="Came about">
                {formatProbability(bin.observedFrequency!)}
              </td>
              <td className="number" data-label="Questions">
                {bin.questionCount} <span className="muted">({bin.weight.toFixed(1)} weight)</span>
              </td>
            </tr>
          ))}
        </ScrollingTable>
      </div>
    </div>
  );
}
