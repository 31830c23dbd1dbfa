import { createEvent, listEvents } from "@/lib/data/events";
import { eventCreationSchema } from "@/lib/events/schemas";
import { readJson, route } from "@/lib/http/route";

export const GET = route(async (_request, _context, user) => listEvents(user));

export const POST = route(async (request, _context, user) => createEvent(user, await readJson(request, eventCreationSchema)));
