import { createStatement, listStatements } from "@/lib/data/statements";
import { readJson, readQuery, route } from "@/lib/http/route";
import { statementCreationSchema, statementListQuerySchema } from "@/lib/statements/schemas";

export const GET = route(async (request, _context, user) => listStatements(user, readQuery(request, statementListQuerySchema)));

export const POST = route(async (request, _context, user) => createStatement(user, await readJson(request, statementCreationSchema)));
