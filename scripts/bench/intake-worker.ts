// Runs one intake upload in a process of its own, as the app server would
// receive it: the multipart body streamed from a file into a Request (as the
// server's socket hands it over, never whole in memory), then withUpload and
// importSources, the import route's code. Prints its timing, peak resident
// memory and CPU time as JSON, so the memory of generating the upload is not
// counted. The CPU time of the database's side (its server processes for this
// database, read from /proc) is added when PostgreSQL runs on this machine.
// Usage: tsx --conditions=react-server scripts/bench/intake-worker.ts <body file> <content type> <user id>
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import pg from "pg";

const [bodyPath, contentType, userId] = process.argv.slice(2);
if (!bodyPath || !contentType || !userId) throw new Error("usage: intake-worker.ts <body file> <content type> <user id>");
const { importSources } = await import("../../lib/data/intake");
const { withUpload } = await import("../../lib/http/read-upload");
const { intakeLimits, intakeOptionsSchema } = await import("../../lib/intake/schemas");

/** Seconds of CPU (user + system) the server processes of this database have used so far; null when they cannot be read. */
async function databaseCpuSeconds(client: pg.Client): Promise<number | null> {
  const { rows } = await client.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
  );
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      // Fields 14 and 15 (after the parenthesised command name) are user and system time in clock ticks (100 a second).
      const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).replace(/^.*\) /, "").split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      return null;
    }
  }
  return ticks / 100;
}

const started = performance.now();
// The CPU spent so far (loading and compiling modules) is not the import's.
const atStart = process.resourceUsage();
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
const usage = process.resourceUsage();
// Read at once: the pool closes an idle connection after 10 s, and its process's time with it.
const observer = new pg.Client({ connectionString: process.env.DATABASE_URL });
await observer.connect();
const databaseSeconds = await databaseCpuSeconds(observer).catch(() => null);
await observer.end();
// maxRSS is in kibibytes; CPU times in microseconds, of the import alone (a loaded machine stretches the
// wall-clock time, much less these).
process.stdout.write(
  `${JSON.stringify({
    imported: outcome.imported.length,
    seconds,
    peakResidentMebibytes: usage.maxRSS / 1024,
    cpuSeconds: {
      user: (usage.userCPUTime - atStart.userCPUTime) / 1e6,
      system: (usage.systemCPUTime - atStart.systemCPUTime) / 1e6,
      database: databaseSeconds,
    },
  })}\n`,
);
process.exit(0);
