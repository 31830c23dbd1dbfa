import { addEvidence } from "@/lib/data/evidence";
import { readJson, route } from "@/lib/http/route";
import { evidenceCreationSchema } from "@/lib/scenarios/schemas";

/** POST /api/evidence: a statement or event as a row of a set's evidence matrix. */
export const POST = route(async (request, _context, user) => addEvidence(user, await readJson(request, evidenceCreationSchema)));
