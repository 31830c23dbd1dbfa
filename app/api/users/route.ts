import { createUser } from "@/lib/data/users";
import { readJson, route } from "@/lib/http/route";
import { userCreationSchema } from "@/lib/users/schemas";

export const POST = route(async (request, _context, user) => createUser(user, await readJson(request, userCreationSchema)), {
  permission: "administer",
});
