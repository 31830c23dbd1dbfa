import { createStatement, listStatements } from "@/lib/data/statements";
import { readJson, route } from "@/lib/http/route";
import { parseListQuery } from "@/lib/lists/parameters";
import { statementListDefinition } from "@/lib/statements/list";
import { statementCreationSchema } from "@/lib/statements/schemas";

/** GET /api/statements?speaker=&source=&from=&to=&form=&channel=&coded=&sort=&order=&size=&after= : one page, and the next page's cursor. */
export const GET = route(async (request, _context, user) =>
  listStatements(user, parseListQuery(statementListDefinition, new URL(request.url).searchParams)),
);

export const POST = route(async (request, _context, user) => createStatement(user, await readJson(request, statementCreationSchema)));
