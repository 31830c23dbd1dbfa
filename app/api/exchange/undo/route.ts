import { codingImportUndoSchema, undoCodingImport } from "@/lib/data/exchange";
import { readJson, route } from "@/lib/http/route";

export const POST = route(
  async (request, _context, user) => {
    const { auditEntryId } = await readJson(request, codingImportUndoSchema);
    return { ok: true, ...(await undoCodingImport(user, auditEntryId)) };
  },
  { permission: "administer" },
);
