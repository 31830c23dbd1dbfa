import { stanceCodingUpdateSchema } from "@/lib/codings/schemas";
import { deleteStanceCoding, updateStanceCoding } from "@/lib/data/codings";
import { readJson, route } from "@/lib/http/route";
import { deletionSchema } from "@/lib/validation";

type Context = { params: Promise<{ id: string }> };

export const PATCH = route<Context>(async (request, { params }, user) => {
  const { id } = await params;
  return updateStanceCoding(user, id, await readJson(request, stanceCodingUpdateSchema));
});

export const DELETE = route<Context>(async (request, { params }, user) => {
  const { id } = await params;
  const { version } = await readJson(request, deletionSchema);
  await deleteStanceCoding(user, id, version);
  return { ok: true };
});
