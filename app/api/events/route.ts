import { createEvent, listEventsPage } from "@/lib/data/events";
import { eventListDefinition } from "@/lib/events/list";
import { eventCreationSchema } from "@/lib/events/schemas";
import { readJson, route } from "@/lib/http/route";
import { parseListQuery } from "@/lib/lists/parameters";

/** GET /api/events?q=&kind=&actor=&source=&from=&to=&sort=&order=&size=&after= : one page, and the next page's cursor. */
export const GET = route(async (request, _context, user) =>
  listEventsPage(user, parseListQuery(eventListDefinition, new URL(request.url).searchParams)),
);

export const POST = route(async (request, _context, user) => createEvent(user, await readJson(request, eventCreationSchema)));
