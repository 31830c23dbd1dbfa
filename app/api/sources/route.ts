import { createSource } from "@/lib/data/sources";
import { bodyLimits, readJson, route } from "@/lib/http/route";
import { sourceCreationSchema } from "@/lib/sources/schemas";

export const POST = route(async (request, _context, user) =>
  createSource(user, await readJson(request, sourceCreationSchema, bodyLimits.source)),
);
