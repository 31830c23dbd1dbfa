import { actorUpdateSchema } from "@/lib/actors/schemas";
import { updateActor } from "@/lib/data/actors";
import { readJson, route } from "@/lib/http/route";

type Context = { params: Promise<{ id: string }> };

export const PATCH = route<Context>(
  async (request, { params }, user) => {
    const { id } = await params;
    return updateActor(user, id, await readJson(request, actorUpdateSchema));
  },
  { permission: "administer" },
);
