import { codebookPublicationSchema } from "@/lib/codebook/schemas";
import { getCodebook, publishCodebookVersion } from "@/lib/data/codebook";
import { readJson, route } from "@/lib/http/route";

export const GET = route(async (_request, _context, user) => getCodebook(user));

export const POST = route(async (request, _context, user) =>
  publishCodebookVersion(user, await readJson(request, codebookPublicationSchema)),
);
