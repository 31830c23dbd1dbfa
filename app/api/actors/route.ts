import { actorCreationSchema } from "@/lib/actors/schemas";
import { createActor, listActors } from "@/lib/data/actors";
import { readJson, route } from "@/lib/http/route";

export const POST = route(async (request, _context, user) => createActor(user, await readJson(request, actorCreationSchema)), {
  permission: "administer",
});

/** Every live actor, tracked targets first: the coding panel's and the queue's target picker read it. */
export const GET = route(async (_request, _context, user) => listActors(user));
