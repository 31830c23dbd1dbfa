import { buildStanceCsv } from "@/lib/dashboard/csv";
import { parseDashboardRequest } from "@/lib/dashboard/view";
import { listStanceSeries } from "@/lib/data/dashboard";
import { BadRequestError } from "@/lib/errors";
import { route } from "@/lib/http/route";

/**
 * GET /api/stance/export?<the dashboard's query string>: the chart's data as
 * CSV, the same points the chart shows (so merged points stay merged).
 */
export const GET = route(async (request, _context, user) => {
  const { view, width, problems } = parseDashboardRequest(new URL(request.url).searchParams);
  if (problems.length) throw new BadRequestError(`The query is not understood: ${problems.join("; ")}.`);
  const result = await listStanceSeries(user, view, { width });
  return new Response(buildStanceCsv(result), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="stancewatch-stance-${result.window.from}-to-${result.window.to}.csv"`,
    },
  });
});
