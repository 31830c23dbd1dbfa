import { withdrawAssignmentDraw } from "@/lib/data/assignments";
import { route } from "@/lib/http/route";

export const DELETE = route<{ params: Promise<{ id: string }> }>(
  async (_request, context, user) => {
    await withdrawAssignmentDraw(user, (await context.params).id);
  },
  { permission: "assign" },
);
