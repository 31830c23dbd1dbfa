import { updateScenarioStatus } from "@/lib/data/scenarios";
import { readJson, route } from "@/lib/http/route";
import { scenarioStatusUpdateSchema } from "@/lib/scenarios/schemas";

type Context = { params: Promise<{ id: string }> };

/** PATCH /api/scenarios/:id: resolve, withdraw or reopen. */
export const PATCH = route<Context>(async (request, { params }, user) => {
  const { id } = await params;
  await updateScenarioStatus(user, id, await readJson(request, scenarioStatusUpdateSchema));
  return { ok: true };
});
