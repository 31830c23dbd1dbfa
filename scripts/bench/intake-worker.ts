// Runs one intake upload in a process of its own, as the app server would
// receive it: the multipart body read from a file into a Request, then
// readUpload and importSources. Prints its timing and peak resident memory as
// JSON, so the memory of generating the upload is not counted.
// Usage: tsx --conditions=react-server scripts/bench/intake-worker.ts <body file> <content type> <user id>
import { readFile } from "node:fs/promises";

const [bodyPath, contentType, userId] = process.argv.slice(2);
if (!bodyPath || !contentType || !userId) throw new Error("usage: intake-worker.ts <body file> <content type> <user id>");
const { importSources } = await import("../../lib/data/intake");
const { readUpload } = await import("../../lib/http/read-upload");
const { intakeLimits, intakeOptionsSchema } = await import("../../lib/intake/schemas");
const started = performance.now();
const body = await readFile(bodyPath);
const request = new Request("http://127.0.0.1/api/sources/import", {
  method: "POST",
  body,
  headers: { "content-type": contentType, "content-length": String(body.byteLength) },
});
const { files, options } = await readUpload(request, intakeOptionsSchema, intakeLimits);
const outcome = await importSources({ id: userId, role: "ADMIN" }, files, options);
const seconds = (performance.now() - started) / 1000;
// maxRSS is in kibibytes.
process.stdout.write(
  `${JSON.stringify({ imported: outcome.imported.length, seconds, peakResidentMebibytes: process.resourceUsage().maxRSS / 1024 })}\n`,
);
process.exit(0);
