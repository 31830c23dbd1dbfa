import type { Metadata } from "next";
import { EventList } from "@/components/events/event-list";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { listActors } from "@/lib/data/actors";
import { listEvents } from "@/lib/data/events";
import { listSources } from "@/lib/data/sources";
import { parseListQuery } from "@/lib/lists/parameters";
import { sourceListDefinition } from "@/lib/sources/list";

export const metadata: Metadata = { title: "Events" };
export const dynamic = "force-dynamic";

export default async function EventsPage() {
  const user = await requirePageUser("/events");
  const canEdit = hasPermission(user, "edit");
  const [events, actors, sources] = await Promise.all([
    listEvents(user),
    canEdit ? listActors(user) : [],
    // Only the most recent, offered before searching: the form's source field searches all of them on the server.
    canEdit ? listSources(user, parseListQuery(sourceListDefinition, new URLSearchParams({ size: "25" }))).then((page) => page.rows) : [],
  ]);

  return (
    <main className="page">
      <h1 className="page__title">Events</h1>
      <p className="page__lede">
        What happened, and when: each event is drawn on the stance charts and the probability histories, and can be named as what moved an
        estimate.
      </p>
      <EventList
        events={events}
        canEdit={canEdit}
        actors={actors.map((actor) => ({ value: actor.id, label: actor.name, detail: actor.office ?? undefined }))}
        sources={sources.map((source) => ({ value: source.id, label: source.title, detail: source.publishedOn }))}
      />
    </main>
  );
}
