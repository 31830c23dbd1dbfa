import type { EventSummary } from "@/lib/data/events";

function formatEventDate(event: Pick<EventSummary, "occurredOn" | "datePrecision">): string {
  const date = new Date(`${event.occurredOn}T00:00:00Z`);
  return event.datePrecision === "MONTH"
    ? date.toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" })
    : date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

export function EventTimeline({ events }: { events: EventSummary[] }) {
  if (events.length === 0) return <div className="empty-state">No events recorded yet.</div>;
  return (
    <ol className="timeline">
      {events.map((event) => (
        <li key={event.id}>
          <time dateTime={event.occurredOn}>{formatEventDate(event)}</time>
          <div>
            <strong>{event.title}</strong>
            <p>{event.description}</p>
          </div>
        </li>
      ))}
    </ol>
  );
}
