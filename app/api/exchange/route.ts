import { exportExchangeFile, importExchangeFile } from "@/lib/data/exchange";
import { exchangeImportSchema } from "@/lib/exchange/import-request";
import { bodyLimits, readJson, route } from "@/lib/http/route";

const formats = {
  csv: { type: "text/csv; charset=utf-8", extension: "csv" },
  jsonl: { type: "application/x-ndjson; charset=utf-8", extension: "jsonl" },
} as const;

/** GET /api/exchange?format=csv|jsonl: every coding you may see, as a file. */
export const GET = route(async (request, _context, user) => {
  const format = new URL(request.url).searchParams.get("format") === "jsonl" ? "jsonl" : "csv";
  const body = await exportExchangeFile(user, format);
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": formats[format].type,
      "content-disposition": `attachment; filename="stancewatch-codings-${date}.${formats[format].extension}"`,
    },
  });
});

/** POST /api/exchange: import a CSV or JSON Lines file (administrators). */
export const POST = route(
  async (request, _context, user) => importExchangeFile(user, await readJson(request, exchangeImportSchema, bodyLimits.import)),
  { permission: "administer" },
);
