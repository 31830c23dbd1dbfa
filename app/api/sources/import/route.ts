import { requirePermission } from "@/lib/auth/permissions";
import { importSources } from "@/lib/data/intake";
import { readUpload } from "@/lib/http/read-upload";
import { route } from "@/lib/http/route";
import { intakeLimits, intakeOptionsSchema } from "@/lib/intake/schemas";

/** POST /api/sources/import: many sources at once from files (JSON Lines, JSON, HTML, RSS/Atom, text) and addresses to fetch. */
export const POST = route(async (request, _context, user) => {
  // Refuse viewers before reading a large body.
  requirePermission(user, "edit");
  const { files, options } = await readUpload(request, intakeOptionsSchema, intakeLimits);
  return importSources(user, files, options);
});
