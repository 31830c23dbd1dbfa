import { createUser, listUsersPage } from "@/lib/data/users";
import { readJson, route } from "@/lib/http/route";
import { parseListQuery } from "@/lib/lists/parameters";
import { userListDefinition } from "@/lib/users/list";
import { userCreationSchema } from "@/lib/users/schemas";

/** GET /api/users?role=&status=&sort=&order=&size=&after= : one page of accounts (administrators only), and the next page's cursor. */
export const GET = route(
  async (request, _context, user) => listUsersPage(user, parseListQuery(userListDefinition, new URL(request.url).searchParams)),
  { permission: "administer" },
);

export const POST = route(async (request, _context, user) => createUser(user, await readJson(request, userCreationSchema)), {
  permission: "administer",
});
