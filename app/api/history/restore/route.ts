import { restoreFromAuditEntry, restoreSchema } from "@/lib/data/history";
import { readJson, route } from "@/lib/http/route";

export const POST = route(
  async (request, _context, user) => {
    const { auditEntryId } = await readJson(request, restoreSchema);
    return { ok: true, ...(await restoreFromAuditEntry(user, auditEntryId)) };
  },
  { permission: "administer" },
);
