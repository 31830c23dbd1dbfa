import { deleteEvent, getEvent, updateEvent } from "@/lib/data/events";
import { eventUpdateSchema } from "@/lib/events/schemas";
import { readJson, route } from "@/lib/http/route";
import { deletionSchema } from "@/lib/validation";

type Context = { params: Promise<{ id: string }> };

export const GET = route<Context>(async (_request, { params }, user) => getEvent(user, (await params).id));

export const PATCH = route<Context>(async (request, { params }, user) => {
  const { id } = await params;
  return updateEvent(user, id, await readJson(request, eventUpdateSchema));
});

export const DELETE = route<Context>(async (request, { params }, user) => {
  const { id } = await params;
  const { version } = await readJson(request, deletionSchema);
  await deleteEvent(user, id, version);
  return { ok: true };
});
