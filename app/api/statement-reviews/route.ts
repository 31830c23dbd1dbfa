import { markNoStance } from "@/lib/data/codings";
import { readJson, route } from "@/lib/http/route";
import { statementReviewSchema } from "@/lib/statements/schemas";

/** POST /api/statement-reviews {statementId}: the coder found no stance toward the tracked targets. */
export const POST = route(async (request, _context, user) => {
  const { statementId } = await readJson(request, statementReviewSchema);
  const review = await markNoStance(user, statementId);
  // The id and version let the queue undo this review (DELETE /api/statement-reviews/:id).
  return { ok: true, ...review };
});
