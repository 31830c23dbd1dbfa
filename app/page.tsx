import type { Metadata } from "next";
import Link from "@/components/link";
import { Suspense } from "react";
import { speakerStyleIndexes } from "@/components/dashboard/chart-style";
import { DashboardEvents } from "@/components/dashboard/dashboard-events";
import { DashboardFilters } from "@/components/dashboard/dashboard-filters";
import { StanceMatrixTable } from "@/components/dashboard/stance-matrix";
import { StancePanel, StancePanelPlaceholder } from "@/components/dashboard/stance-panel";
import { StanceShifts } from "@/components/dashboard/stance-shifts";
import { requirePageUser } from "@/lib/auth/session";
import { describeViewFilters, formatWindow, panelsByTarget, summariseTargetPanel, windowWithinOneYear } from "@/lib/dashboard/summary";
import { hasPermission } from "@/lib/auth/permissions";
import { dashboardSearchParams, parseDashboardView } from "@/lib/dashboard/view";
import { openDashboard, type PanelSeries } from "@/lib/data/dashboard";
import type { ChartEventMarker, DateWindow, StanceMatrix, StanceShift } from "@/lib/dashboard/types";
import type { TimeUnit } from "@/lib/dashboard/view";
import styles from "./page.module.css";
import gridStyles from "./panel-grid.module.css";

export const metadata: Metadata = { title: "Overview" };

// Always read the database at request time: codings change all day.
export const dynamic = "force-dynamic";

// The widest a chart's plot area gets in the 1200px layout (less the axis labels): the server sends about one point per pixel of it.
const chartWidth = 1000;

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { view, problems } = parseDashboardView(await searchParams);
  const query = dashboardSearchParams(view).toString();
  // Signing in returns to the same view, so a shared link survives the sign-in page.
  const user = await requirePageUser(query ? `/?${query}` : "/");
  // Each chart streams in as soon as its own target's series are read; the matrix and the shifts (most of the page's time
  // at a million codings) after all of them.
  const { window, unit, targets, options, notices, panels, events, loadMatrix, loadShifts } = await openDashboard(user, view, {
    width: chartWidth,
  });

  // The chart's width goes along, so the CSV merges exactly the points the charts merge.
  const csvHref = `/api/stance/export?${query ? `${query}&` : ""}width=${chartWidth}`;
  const withYear = !windowWithinOneYear(window);
  const filters = describeViewFilters(view, options);
  // Under blind coding an analyst's charts leave out other coders' codings of statements they have not coded: say so, or the numbers mislead.
  const blind = user.role === "ANALYST" && !hasPermission(user, "adjudicate");

  return (
    <main className={`page ${styles.dashboard}`}>
      <div className="page__header">
        <div>
          <h1 className="page__title">Stance over time</h1>
          <p className="page__lede">
            Each point is a coded statement, from −3 (very hostile) to +3 (very conciliatory), the line the mean per {unit}; dashed lines
            mark events. {formatWindow(window)}.
          </p>
        </div>
        <a className="button" href={csvHref} download>
          Download CSV
        </a>
      </div>

      {(problems.length > 0 || notices.length > 0) && (
        <div className="notice" role="status">
          <ul className={styles.dashboardNotices}>
            {problems.map((problem) => (
              <li key={problem.parameter + problem.message}>Ignored {problem.message}.</li>
            ))}
            {notices.map((notice) => (
              <li key={notice}>{notice}</li>
            ))}
          </ul>
        </div>
      )}

      {blind && (
        <p className="notice" data-testid="blind-coding-notice">
          Blind coding: these charts count your own codings and other coders’ codings only of statements you have coded yourself (and of
          sources not coded blind). An adjudicator or administrator sees every coding.
        </p>
      )}

      <DashboardFilters view={view} options={options} chosenWindow={window} chosenUnit={unit} />

      <section aria-labelledby="charts-heading">
        <h2 className={styles.heading} id="charts-heading">
          Toward each target
        </h2>
        {targets.length === 0 ? (
          <div className="empty-state">No targets to chart: none is tracked yet, and the filters name none.</div>
        ) : (
          <>
            <div className={gridStyles.panelGrid}>
              {targets.map((target, index) => (
                <Suspense key={target.id} fallback={<StancePanelPlaceholder target={target} />}>
                  <DeferredStancePanel
                    panelsSoFar={panels.slice(0, index + 1)}
                    events={events}
                    window={window}
                    unit={unit}
                    csvHref={csvHref}
                    filters={filters}
                  />
                </Suspense>
              ))}
            </div>
            <Suspense fallback={null}>
              <DeferredChartNotes panels={panels} />
            </Suspense>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="matrix-heading">
        <h2 className="card__title" id="matrix-heading">
          Speakers × targets
        </h2>
        <p className="card__meta">Each speaker’s mean stance toward each target in the window, and the change from the window before.</p>
        <Suspense fallback={<SectionLoading what="the matrix" />}>
          <DeferredMatrix load={loadMatrix} />
        </Suspense>
      </section>

      <section className="card" aria-labelledby="shifts-heading">
        <h2 className="card__title" id="shifts-heading">
          Largest shifts
        </h2>
        <p className="card__meta">
          The largest changes in a speaker’s mean stance between consecutive {unit}s, with the statements behind them.
        </p>
        <Suspense fallback={<SectionLoading what="the largest shifts" />}>
          <DeferredShifts load={loadShifts} unit={unit} withYear={withYear} />
        </Suspense>
      </section>

      <section className="card" aria-labelledby="events-heading">
        <h2 className="card__title" id="events-heading">
          Events in this window
        </h2>
        <p className="card__meta">Dated occurrences that may explain a shift; each is a dashed line on the charts.</p>
        <Suspense fallback={<SectionLoading what="the events" />}>
          <DeferredEvents events={events} />
        </Suspense>
      </section>
    </main>
  );
}

function SectionLoading({ what }: { what: string }) {
  return (
    <p className="card__meta" role="status" aria-busy="true">
      Working out {what}…
    </p>
  );
}

/**
 * One target's chart, as soon as its series are in. A speaker keeps one colour and shape on every chart, given in
 * the order speakers first appear: the panels before this one settle theirs, so it waits for those too (all were
 * sent at once).
 */
async function DeferredStancePanel({
  panelsSoFar,
  events,
  window,
  unit,
  csvHref,
  filters,
}: {
  panelsSoFar: Promise<PanelSeries>[];
  events: Promise<ChartEventMarker[]>;
  window: DateWindow;
  unit: TimeUnit;
  csvHref: string;
  filters: string;
}) {
  const [loaded, eventMarkers] = await Promise.all([Promise.all(panelsSoFar), events]);
  const [panel] = panelsByTarget({ ...loaded.at(-1)!, events: eventMarkers });
  return (
    <StancePanel
      panel={panel!}
      summary={summariseTargetPanel(panel!, { window, unit, events: eventMarkers })}
      styleIndexes={speakerStyleIndexes(loaded.flatMap((one) => one.series))}
      window={window}
      unit={unit}
      events={eventMarkers}
      fileName={`stance-toward-${panel!.target.slug}-${window.from}-${window.to}.png`}
      csvHref={csvHref}
      filters={filters}
    />
  );
}

/** Under the charts, once all are in: that some points merge statements, or that no chart has any. */
async function DeferredChartNotes({ panels }: { panels: Promise<PanelSeries>[] }) {
  const loaded = await Promise.all(panels);
  if (!loaded.some((panel) => panel.series.length > 0))
    return (
      <div className="empty-state">
        <p>No coded statements match these filters.</p>
        <Link href="/">Reset the filters</Link>
      </div>
    );
  if (!loaded.some((panel) => panel.downsampled)) return null;
  return (
    <p className="notice">
      Some points merge several statements: the chart shows at most one point per pixel, and a hollow point stands for the statements that
      fall on it (hover it for their number and range). The CSV holds the same points; narrow the dates to see every statement.
    </p>
  );
}

async function DeferredEvents({ events }: { events: Promise<ChartEventMarker[]> }) {
  return <DashboardEvents events={await events} />;
}

// Rendered inside Suspense: the page's HTML up to the charts is sent while these wait for their queries.
async function DeferredMatrix({ load }: { load: () => Promise<StanceMatrix> }) {
  return <StanceMatrixTable matrix={await load()} />;
}

async function DeferredShifts({ load, unit, withYear }: { load: () => Promise<StanceShift[]>; unit: TimeUnit; withYear: boolean }) {
  return <StanceShifts shifts={await load()} unit={unit} withYear={withYear} />;
}
