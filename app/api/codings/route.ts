import { stanceCodingCreationSchema } from "@/lib/codings/schemas";
import { createStanceCoding } from "@/lib/data/codings";
import { readJson, route } from "@/lib/http/route";

export const POST = route(async (request, _context, user) => createStanceCoding(user, await readJson(request, stanceCodingCreationSchema)));
