import { changeOwnPassword } from "@/lib/data/users";
import { readJson, route } from "@/lib/http/route";
import { passwordChangeSchema } from "@/lib/users/schemas";

export const POST = route(async (request, _context, user) => {
  await changeOwnPassword(user, await readJson(request, passwordChangeSchema));
  return { ok: true };
});
