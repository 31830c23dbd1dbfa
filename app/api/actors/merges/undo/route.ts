import { actorMergeUndoSchema, undoActorMerge } from "@/lib/data/actor-merges";
import { readJson, route } from "@/lib/http/route";

export const POST = route(
  async (request, _context, user) => {
    const { auditEntryId } = await readJson(request, actorMergeUndoSchema);
    return { ok: true, ...(await undoActorMerge(user, auditEntryId)) };
  },
  { permission: "administer" },
);
