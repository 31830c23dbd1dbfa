import { createStatement } from "@/lib/data/statements";
import { readJson, route } from "@/lib/http/route";
import { statementCreationSchema } from "@/lib/statements/schemas";

export const POST = route(async (request, _context, user) => createStatement(user, await readJson(request, statementCreationSchema)));
