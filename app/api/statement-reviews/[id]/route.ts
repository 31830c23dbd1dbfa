import { deleteStatementReview } from "@/lib/data/codings";
import { readJson, route } from "@/lib/http/route";
import { deletionSchema } from "@/lib/validation";

type Context = { params: Promise<{ id: string }> };

/** DELETE /api/statement-reviews/:id {version}: undoes the acting coder's "no stance"; the statement returns to their queue. */
export const DELETE = route<Context>(async (request, { params }, user) => {
  const { id } = await params;
  const { version } = await readJson(request, deletionSchema);
  await deleteStatementReview(user, id, version);
  return { ok: true };
});
