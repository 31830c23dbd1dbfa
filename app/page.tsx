import { StancePanel } from "@/components/stance-panel";
import { EventTimeline } from "@/components/event-timeline";
import { requirePageUser } from "@/lib/auth/session";
import { buildStancePanels, chooseTimeWindow, markersWithin } from "@/lib/charts/stance-series";
import { listEvents } from "@/lib/data/events";
import { listAdjudications } from "@/lib/data/reliability";
import { listStanceCodings, listTrackedTargets } from "@/lib/data/stance";

// Always read the database at request time: codings change all day.
export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const user = await requirePageUser("/");
  const targets = await listTrackedTargets(user);
  const targetIds = targets.map((target) => target.id);
  const [codings, adjudications, events] = await Promise.all([
    listStanceCodings(user, targetIds),
    listAdjudications(user, targetIds),
    listEvents(user),
  ]);
  const panels = buildStancePanels(codings, targets, adjudications);
  const window = chooseTimeWindow(codings.map((coding) => coding.saidOn));
  const chartEvents = window ? markersWithin(events, window) : [];

  return (
    <main className="page">
      <h1 className="page__title">Stance toward the tracked targets</h1>
      <p className="page__lede">
        Each point is a coded statement, from −3 (very hostile) to +3 (very conciliatory); dashed lines mark the events that may explain a
        shift.
      </p>
      {targets.length === 0 || !window ? (
        <div className="empty-state">
          No coded statements yet. Once analysts code statements toward a tracked target, they are charted here.
        </div>
      ) : (
        <div className="panel-grid">
          {panels.map((panel) => (
            <StancePanel key={panel.targetId} panel={panel} window={window} events={chartEvents} />
          ))}
        </div>
      )}
      <section className="card" style={{ marginTop: "1.25rem" }} aria-labelledby="events-heading">
        <h2 className="card__title" id="events-heading">
          Events
        </h2>
        <p className="card__meta">Dated occurrences that explain shifts; those inside the charts’ window are drawn on them.</p>
        <EventTimeline events={events} />
      </section>
    </main>
  );
}
