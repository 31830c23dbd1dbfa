import { assessEvidence } from "@/lib/data/evidence";
import { readJson, route } from "@/lib/http/route";
import { evidenceAssessmentSchema } from "@/lib/scenarios/schemas";

type Context = { params: Promise<{ id: string }> };

/** POST /api/evidence/:id/assessments: rate one cell (CC, C, N, NA, I, II) against a scenario; returns the cell's rating and new version. */
export const POST = route<Context>(async (request, { params }, user) => {
  const { id } = await params;
  return assessEvidence(user, id, await readJson(request, evidenceAssessmentSchema));
});
