import type { Metadata } from "next";
import { EventList } from "@/components/events/event-list";
import { ListControls, ListPager } from "@/components/lists/list-controls";
import { hasPermission } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { listActorChoices } from "@/lib/data/actors";
import { listEventsPage } from "@/lib/data/events";
import { listSources } from "@/lib/data/sources";
import { eventListDefinition } from "@/lib/events/list";
import { eventKindLabels } from "@/lib/events/labels";
import { loadListPage, sortChoices } from "@/lib/lists/page";
import { parseListQuery } from "@/lib/lists/parameters";
import { sourceListDefinition } from "@/lib/sources/list";
import { ListProblem } from "@/components/lists/list-results";

export const metadata: Metadata = { title: "Events" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function EventsPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const user = await requirePageUser("/events");
  const canEdit = hasPermission(user, "edit");
  const [list, actors, sources] = await Promise.all([
    loadListPage(eventListDefinition, params, "/events", (query) => listEventsPage(user, query)),
    listActorChoices(user),
    // Only the most recent, offered before searching: the form's source field searches all of them on the server.
    canEdit ? listSources(user, parseListQuery(sourceListDefinition, new URLSearchParams({ size: "25" }))).then((page) => page.rows) : [],
  ]);
  const { page, query } = list;
  const sortLabel = eventListDefinition.sorts[list.sort.key]!.label.toLowerCase();

  return (
    <main className="page">
      <h1 className="page__title">Events</h1>
      <p className="page__lede">
        What happened, and when: each event is drawn on the stance charts and the probability histories, and can be named as what moved an
        estimate.
      </p>
      <ListControls
        id="events"
        action="/events"
        values={list.values}
        fields={[
          { kind: "text", parameter: "q", label: "Title or description contains" },
          {
            kind: "select",
            parameter: "kind",
            label: "Kind",
            options: Object.entries(eventKindLabels).map(([value, label]) => ({ value, label })),
          },
          {
            kind: "select",
            parameter: "actor",
            label: "Involves",
            options: actors.map((actor) => ({ value: actor.slug, label: actor.name })),
          },
          { kind: "fixed", parameter: "source", label: "Reported in", valueLabel: "One source" },
          { kind: "date", parameter: "from", label: "Happened from" },
          { kind: "date", parameter: "to", label: "Happened until" },
        ]}
        sortOptions={sortChoices(eventListDefinition)}
        sort={list.sort}
        pageSize={list.pageSize}
      />
      <ListProblem problem={list.problem} />
      {page && query && (
        <EventList
          events={page.rows}
          canEdit={canEdit}
          actors={canEdit ? actors.map((actor) => ({ value: actor.id, label: actor.name, detail: actor.office ?? undefined })) : []}
          sources={sources.map((source) => ({ value: source.id, label: source.title, detail: source.publishedOn }))}
          heading={`${list.filtered ? "Matching events" : "All events"}, by ${sortLabel}`}
          emptyText={
            query.cursor
              ? "No more events."
              : list.filtered
                ? "No events match these filters."
                : `No events yet.${canEdit ? " Add the first: what happened, and when." : ""}`
          }
        >
          {page.rows.length > 0 && (
            <ListPager
              shown={`${page.rows.length} event${page.rows.length === 1 ? "" : "s"} on this page`}
              firstHref={list.firstHref}
              nextHref={list.nextHref}
            />
          )}
        </EventList>
      )}
    </main>
  );
}
