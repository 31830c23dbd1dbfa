import { reviewSource } from "@/lib/data/sources";
import { readJson, route } from "@/lib/http/route";
import { sourceReviewSchema } from "@/lib/sources/schemas";

type Context = { params: Promise<{ id: string }> };

export const PATCH = route<Context>(async (request, { params }, user) => {
  const { id } = await params;
  await reviewSource(user, id, await readJson(request, sourceReviewSchema));
  return { ok: true };
});
