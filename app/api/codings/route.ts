import { codingListDefinition } from "@/lib/codings/list";
import { stanceCodingCreationSchema } from "@/lib/codings/schemas";
import { createStanceCoding, listStanceCodingsForReview } from "@/lib/data/codings";
import { readJson, route } from "@/lib/http/route";
import { parseListQuery } from "@/lib/lists/parameters";

/** GET /api/codings?speaker=&target=&coder=&source=&from=&to=&min=&max=&adjudicated=&sort=&order=&size=&after= : one page, and the next page's cursor. */
export const GET = route(async (request, _context, user) =>
  listStanceCodingsForReview(user, parseListQuery(codingListDefinition, new URL(request.url).searchParams)),
);

export const POST = route(async (request, _context, user) => createStanceCoding(user, await readJson(request, stanceCodingCreationSchema)));
