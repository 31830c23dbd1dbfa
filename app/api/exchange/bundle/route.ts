import { exportBundle, importBundle } from "@/lib/data/bundle";
import { bundleImportQuerySchema } from "@/lib/exchange/bundle-request";
import { bodyLimits, readBodyText, readQuery, route } from "@/lib/http/route";

/** GET /api/exchange/bundle: the whole corpus you may read, as one JSON Lines file (docs/decisions/0028). */
export const GET = route(async (_request, _context, user) => {
  const body = await exportBundle(user);
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="stancewatch-bundle-${date}.jsonl"`,
    },
  });
});

/** POST /api/exchange/bundle?skipConflicts=true|false: the bundle file as the body (administrators). */
export const POST = route(
  async (request, _context, user) => {
    const { skipConflicts } = readQuery(request, bundleImportQuerySchema);
    const text = await readBodyText(request, bodyLimits.import);
    return importBundle(user, text, { skipConflicts: skipConflicts === "true" });
  },
  { permission: "administer" },
);
