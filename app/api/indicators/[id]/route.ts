import { deleteIndicator } from "@/lib/data/indicators";
import { readJson, route } from "@/lib/http/route";
import { deletionSchema } from "@/lib/validation";

type Context = { params: Promise<{ id: string }> };

/** DELETE /api/indicators/:id (recoverable from History). */
export const DELETE = route<Context>(async (request, { params }, user) => {
  const { id } = await params;
  const { version } = await readJson(request, deletionSchema);
  await deleteIndicator(user, id, version);
  return { ok: true };
});
