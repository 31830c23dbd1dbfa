import { withdrawEstimate } from "@/lib/data/scenarios";
import { readJson, route } from "@/lib/http/route";
import { deletionSchema } from "@/lib/validation";

type Context = { params: Promise<{ id: string }> };

/** DELETE /api/estimates/:id: withdraw one's own estimate (recoverable from History). */
export const DELETE = route<Context>(async (request, { params }, user) => {
  const { id } = await params;
  const { version } = await readJson(request, deletionSchema);
  await withdrawEstimate(user, id, version);
  return { ok: true };
});
