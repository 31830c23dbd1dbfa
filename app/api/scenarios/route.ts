import { createScenario } from "@/lib/data/scenarios";
import { readJson, route } from "@/lib/http/route";
import { scenarioCreationSchema } from "@/lib/scenarios/schemas";

/** POST /api/scenarios: a new scenario in a set. */
export const POST = route(async (request, _context, user) => createScenario(user, await readJson(request, scenarioCreationSchema)));
