import { assignmentDrawSchema } from "@/lib/assignments/schemas";
import { createAssignmentDraw, getAssignmentProgress } from "@/lib/data/assignments";
import { readJson, route } from "@/lib/http/route";

export const GET = route(async (_request, _context, user) => getAssignmentProgress(user));

export const POST = route(async (request, _context, user) => createAssignmentDraw(user, await readJson(request, assignmentDrawSchema)), {
  permission: "assign",
});
