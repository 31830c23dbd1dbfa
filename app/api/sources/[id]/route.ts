import { deleteSource, reviewSource } from "@/lib/data/sources";
import { readJson, route } from "@/lib/http/route";
import { sourceReviewSchema } from "@/lib/sources/schemas";
import { deletionSchema } from "@/lib/validation";

type Context = { params: Promise<{ id: string }> };

export const PATCH = route<Context>(async (request, { params }, user) => {
  const { id } = await params;
  await reviewSource(user, id, await readJson(request, sourceReviewSchema));
  return { ok: true };
});

export const DELETE = route<Context>(async (request, { params }, user) => {
  const { id } = await params;
  const { version } = await readJson(request, deletionSchema);
  await deleteSource(user, id, version);
  return { ok: true };
});
