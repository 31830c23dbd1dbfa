import { requirePermission } from "@/lib/auth/permissions";
import { importSources } from "@/lib/data/intake";
import { withUpload } from "@/lib/http/read-upload";
import { route } from "@/lib/http/route";
import { intakeLimits, intakeOptionsSchema } from "@/lib/intake/schemas";

/** POST /api/sources/import: many sources at once from files (JSON Lines, JSON, HTML, RSS/Atom, text) and addresses to fetch. */
export const POST = route(async (request, _context, user) => {
  // Refuse viewers before reading a large body.
  requirePermission(user, "edit");
  return withUpload(request, intakeOptionsSchema, intakeLimits, ({ files, options }) => importSources(user, files, options));
});
