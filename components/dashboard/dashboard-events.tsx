import { formatDate } from "@/lib/dashboard/summary";
import type { ChartEventMarker } from "@/lib/dashboard/types";
import styles from "@/components/timeline.module.css";

/** The events drawn on the charts, with their descriptions: the dashed lines' legend. */
export function DashboardEvents({ events }: { events: ChartEventMarker[] }) {
  if (events.length === 0) return <div className="empty-state">No recorded events in this window.</div>;
  return (
    <ol className={styles.timeline} data-testid="event-timeline">
      {events.map((event) => (
        <li key={event.id}>
          <time dateTime={event.occurredOn}>{formatDate(event.occurredOn)}</time>
          <div>
            <strong>{event.title}</strong>
            {event.description && <p>{event.description}</p>}
          </div>
        </li>
      ))}
    </ol>
  );
}
