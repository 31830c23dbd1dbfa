import { adjudicationSchema } from "@/lib/codings/schemas";
import { adjudicate } from "@/lib/data/reliability";
import { readJson, route } from "@/lib/http/route";

export const POST = route(
  async (request, _context, user) => {
    await adjudicate(user, await readJson(request, adjudicationSchema));
    return { ok: true };
  },
  { permission: "adjudicate" },
);
