import { parseSearchParameters } from "@/lib/search/parameters";
import { search } from "@/lib/data/search";
import { route } from "@/lib/http/route";

/**
 * GET /api/search?q=…[&kind=statements|sources|actors][&limit=1–50][&from=0–499 with one kind]: ranked matches, grouped by
 * kind; `from` pages one kind by position in the ranked order (offset in the answer, more says whether a next page exists).
 */
export const GET = route(async (request, _context, user) => {
  const { query, kinds, limit, offset } = parseSearchParameters(new URL(request.url).searchParams);
  return search(user, query, { kinds, limit, offset });
});
