import { renderStanceSeries } from "@/lib/data/dashboard";
import { parseDashboardRequest } from "@/lib/dashboard/view";
import { BadRequestError } from "@/lib/errors";
import { route } from "@/lib/http/route";

/**
 * GET /api/stance?speaker=…&for=…&target=…&from=…&to=…&unit=…&quotes=direct&confidence=…&adjudicated=only&width=…
 * The dashboard's stance series for a view (the page's own query string), at most about one point per pixel of `width`.
 * The body is the JSON text the data layer renders, sent as it is (docs/decisions/0043).
 */
export const GET = route(async (request, _context, user) => {
  const { view, width, problems } = parseDashboardRequest(new URL(request.url).searchParams);
  if (problems.length) throw new BadRequestError(`The query is not understood: ${problems.join("; ")}.`);
  return new Response(await renderStanceSeries(user, view, { width }), { headers: { "content-type": "application/json" } });
});
