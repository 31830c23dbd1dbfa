import { parseSearchParameters } from "@/lib/search/parameters";
import { search } from "@/lib/data/search";
import { route } from "@/lib/http/route";

/** GET /api/search?q=…[&kind=statements|sources|actors][&limit=1–50]: ranked matches, grouped by kind. */
export const GET = route(async (request, _context, user) => {
  const { query, kinds, limit } = parseSearchParameters(new URL(request.url).searchParams);
  return search(user, query, { kinds, limit });
});
