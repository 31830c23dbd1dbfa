import { actorMergeSchema, mergeActors } from "@/lib/data/actor-merges";
import { readJson, route } from "@/lib/http/route";

export const POST = route(async (request, _context, user) => mergeActors(user, await readJson(request, actorMergeSchema)), {
  permission: "administer",
});
