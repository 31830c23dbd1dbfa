// Runs one intake upload in a process of its own, as the app server would
// receive it: the multipart body streamed from a file into a Request (as the
// server's socket hands it over, never whole in memory), then withUpload and
// importSources, the import route's code. Prints its timing and peak resident
// memory as JSON, so the memory of generating the upload is not counted.
// Usage: tsx --conditions=react-server scripts/bench/intake-worker.ts <body file> <content type> <user id>
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";

const [bodyPath, contentType, userId] = process.argv.slice(2);
if (!bodyPath || !contentType || !userId) throw new Error("usage: intake-worker.ts <body file> <content type> <user id>");
const { importSources } = await import("../../lib/data/intake");
const { withUpload } = await import("../../lib/http/read-upload");
const { intakeLimits, intakeOptionsSchema } = await import("../../lib/intake/schemas");
const started = performance.now();
const { size } = await stat(bodyPath);
const request = new Request("http://127.0.0.1/api/sources/import", {
  method: "POST",
  body: Readable.toWeb(createReadStream(bodyPath)) as ReadableStream<Uint8Array>,
  duplex: "half",
  headers: { "content-type": contentType, "content-length": String(size) },
} as RequestInit);
const outcome = await withUpload(request, intakeOptionsSchema, intakeLimits, ({ files, options }) =>
  importSources({ id: userId, role: "ADMIN" }, files, options),
);
const seconds = (performance.now() - started) / 1000;
// maxRSS is in kibibytes.
process.stdout.write(
  `${JSON.stringify({ imported: outcome.imported.length, seconds, peakResidentMebibytes: process.resourceUsage().maxRSS / 1024 })}\n`,
);
process.exit(0);
