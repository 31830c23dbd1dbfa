import { createScenarioSet } from "@/lib/data/scenarios";
import { readJson, route } from "@/lib/http/route";
import { scenarioSetSchema } from "@/lib/scenarios/schemas";

/** POST /api/scenario-sets: a new group of competing scenarios. */
export const POST = route(async (request, _context, user) => createScenarioSet(user, await readJson(request, scenarioSetSchema)));
