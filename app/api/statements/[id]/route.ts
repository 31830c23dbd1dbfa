import { deleteStatement, getStatement, updateStatement } from "@/lib/data/statements";
import { readJson, route } from "@/lib/http/route";
import { statementUpdateSchema } from "@/lib/statements/schemas";
import { deletionSchema } from "@/lib/validation";

type Context = { params: Promise<{ id: string }> };

export const GET = route<Context>(async (_request, { params }, user) => getStatement(user, (await params).id));

export const PATCH = route<Context>(async (request, { params }, user) => {
  const { id } = await params;
  return updateStatement(user, id, await readJson(request, statementUpdateSchema));
});

export const DELETE = route<Context>(async (request, { params }, user) => {
  const { id } = await params;
  const { version } = await readJson(request, deletionSchema);
  await deleteStatement(user, id, version);
  return { ok: true };
});
