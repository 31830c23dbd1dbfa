import { deleteEvidence, updateEvidence } from "@/lib/data/evidence";
import { readJson, route } from "@/lib/http/route";
import { evidenceUpdateSchema } from "@/lib/scenarios/schemas";
import { deletionSchema } from "@/lib/validation";

type Context = { params: Promise<{ id: string }> };

/** PATCH /api/evidence/:id: credibility, note, or "reviewed" after a re-coding. */
export const PATCH = route<Context>(async (request, { params }, user) => {
  const { id } = await params;
  await updateEvidence(user, id, await readJson(request, evidenceUpdateSchema));
  return { ok: true };
});

/** DELETE /api/evidence/:id (recoverable from History). */
export const DELETE = route<Context>(async (request, { params }, user) => {
  const { id } = await params;
  const { version } = await readJson(request, deletionSchema);
  await deleteEvidence(user, id, version);
  return { ok: true };
});
