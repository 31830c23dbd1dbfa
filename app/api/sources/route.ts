import { createSource, listSources } from "@/lib/data/sources";
import { bodyLimits, readJson, route } from "@/lib/http/route";
import { parseListQuery } from "@/lib/lists/parameters";
import { sourceListDefinition } from "@/lib/sources/list";
import { sourceCreationSchema } from "@/lib/sources/schemas";

/** GET /api/sources?language=&from=&to=&coverage=&sort=&order=&size=&after= : one page, and the next page's cursor. */
export const GET = route(async (request, _context, user) =>
  listSources(user, parseListQuery(sourceListDefinition, new URL(request.url).searchParams)),
);

export const POST = route(async (request, _context, user) =>
  createSource(user, await readJson(request, sourceCreationSchema, bodyLimits.source)),
);
