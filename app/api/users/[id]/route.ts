import { updateUser } from "@/lib/data/users";
import { readJson, route } from "@/lib/http/route";
import { userUpdateSchema } from "@/lib/users/schemas";

type Context = { params: Promise<{ id: string }> };

export const PATCH = route<Context>(
  async (request, { params }, user) => {
    const { id } = await params;
    return updateUser(user, id, await readJson(request, userUpdateSchema));
  },
  { permission: "administer" },
);
