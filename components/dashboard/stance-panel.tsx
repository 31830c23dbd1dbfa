import { chartSeriesOf } from "@/lib/dashboard/chart-series";
import type { TargetPanel } from "@/lib/dashboard/summary";
import { pluralise } from "@/lib/dashboard/summary";
import type { ActorOption, ChartEventMarker, DateWindow } from "@/lib/dashboard/types";
import type { TimeUnit } from "@/lib/dashboard/view";
import { StanceDataTable } from "./stance-data-table";
import { LazyStanceOverTimeChart, StanceChartPlaceholder } from "./lazy-stance-chart";
import styles from "./stance-panel.module.css";

/** One target's chart, its text summary and the numbers behind it. */
export function StancePanel({
  panel,
  summary,
  styleIndexes,
  window,
  unit,
  events,
  fileName,
  csvHref,
  filters,
}: {
  panel: TargetPanel;
  summary: string;
  styleIndexes: Record<string, number>;
  window: DateWindow;
  unit: TimeUnit;
  events: ChartEventMarker[];
  fileName: string;
  csvHref: string;
  /** The view's filters in words, for the downloaded PNG's caption. */
  filters: string;
}) {
  const headingId = `stance-toward-${panel.target.slug}`;
  // One array for both: the payload then carries the series once, the table referring to the chart's copy.
  const chartSeries = panel.series.map(chartSeriesOf);
  return (
    <section className={`card ${styles.stancePanel}`} aria-labelledby={headingId}>
      <h3 className="card__title" id={headingId}>
        Toward {panel.target.name}
      </h3>
      <p className={`card__meta ${styles.summary}`}>{summary}</p>
      {panel.omittedSpeakerCount > 0 && (
        <p className="notice">
          {pluralise(panel.omittedSpeakerCount, "more speaker")} {panel.omittedSpeakerCount === 1 ? "is" : "are"} not charted; narrow the
          speakers filter. The matrix below lists everyone.
        </p>
      )}
      {panel.series.length === 0 ? (
        <div className="empty-state">No statements toward {panel.target.name} match these filters.</div>
      ) : (
        <>
          <LazyStanceOverTimeChart
            targetId={panel.target.id}
            series={chartSeries}
            styleIndexes={styleIndexes}
            window={window}
            unit={unit}
            events={events}
            summary={summary}
            title={`Stance toward ${panel.target.name}`}
            fileName={fileName}
            filters={filters}
          />
          <StanceDataTable series={chartSeries} csvHref={csvHref} />
        </>
      )}
    </section>
  );
}

/** Where a panel will be while its series are read: the same card and chart height, so nothing moves when it arrives. */
export function StancePanelPlaceholder({ target }: { target: ActorOption }) {
  return (
    <section className={`card ${styles.stancePanel}`} aria-busy="true">
      <h3 className="card__title">Toward {target.name}</h3>
      <p className="card__meta" role="status">
        Working out the chart toward {target.name}…
      </p>
      <StanceChartPlaceholder />
    </section>
  );
}
