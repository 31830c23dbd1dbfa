import { recordEstimate } from "@/lib/data/scenarios";
import { readJson, route } from "@/lib/http/route";
import { estimateCreationSchema } from "@/lib/scenarios/schemas";

type Context = { params: Promise<{ id: string }> };

/** POST /api/scenarios/:id/estimates: the acting analyst's probability, with rationale and what moved it. */
export const POST = route<Context>(async (request, { params }, user) => {
  const { id } = await params;
  return recordEstimate(user, id, await readJson(request, estimateCreationSchema));
});
