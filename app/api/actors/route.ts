import { actorCreationSchema } from "@/lib/actors/schemas";
import { createActor } from "@/lib/data/actors";
import { readJson, route } from "@/lib/http/route";

export const POST = route(async (request, _context, user) => createActor(user, await readJson(request, actorCreationSchema)), {
  permission: "administer",
});
