import { createIndicator } from "@/lib/data/indicators";
import { readJson, route } from "@/lib/http/route";
import { indicatorCreationSchema } from "@/lib/scenarios/schemas";

/** POST /api/indicators: a signpost for a scenario, a rule over the codings. */
export const POST = route(async (request, _context, user) => createIndicator(user, await readJson(request, indicatorCreationSchema)));
