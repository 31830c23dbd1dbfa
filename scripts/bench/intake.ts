// The intake benchmark (issue 14): 10,000 sources of about 5 KB in one JSON
// Lines upload, through the same code as POST /api/sources/import (the
// multipart reader, then importSources: parsing, validation, content hashes,
// MinHash fingerprints, the near-duplicate lookup and the batched insert),
// into a scratch database that already holds 20,000 sources, as the issue's
// corpus does. Each upload runs in a fresh process (intake-worker.ts) that reads
// the multipart body from a file, so its peak resident memory is the import's
// and not the generator's. Reports sources per second and that peak.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { format, resolveConfig } from "prettier";
import { createPrismaClient } from "../../lib/database/prisma";
import { applyMigrations } from "../database/schema-engine";
import { onCleanup } from "./cleanup";
import { checkServerIsReachable, databaseNameOf, recreateScratchDatabase } from "./scratch-database";
import { describeLoad } from "./statistics";

export const intakeShape = { uploadSources: 10_000, existingSources: 20_000, targetBytes: 5_000 } as const;
const cappedHeapMebibytes = 448;
const goals = { sourcesPerSecond: 200, peakResidentMebibytes: 512 } as const;

/** A deterministic pseudo-random generator (mulberry32), so every run imports the same texts. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const words = (
  "minister said talks sanctions agreement nuclear inspectors region security dialogue tehran washington muscat doha riyadh " +
  "delegation officials government statement negotiations enrichment relief oil markets pressure diplomacy council europe " +
  "parliament president spokesman warned welcomed rejected proposal framework week monday tuesday wednesday thursday friday " +
  "military strike navy shipping gulf strait border ceasefire humanitarian economy inflation currency exports imports bank"
).split(" ");

/** One line of the upload: an article of about 5 KB whose words differ enough from every other's that none is a near duplicate. */
function articleLine(index: number, next: () => number): string {
  const paragraphs: string[] = [];
  let length = 0;
  while (length < intakeShape.targetBytes) {
    const sentences: string[] = [];
    for (let sentence = 0; sentence < 4; sentence += 1) {
      const count = 12 + Math.floor(next() * 12);
      const chosen = Array.from({ length: count }, () => words[Math.floor(next() * words.length)]!);
      chosen[0] = chosen[0]!.charAt(0).toUpperCase() + chosen[0]!.slice(1);
      sentences.push(`${chosen.join(" ")}.`);
    }
    const paragraph = sentences.join(" ");
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  const day = String(1 + (index % 28)).padStart(2, "0");
  return JSON.stringify({
    title: `Bench article ${index}`,
    publisher: `Bench Wire ${index % 40}`,
    url: `https://bench.example/articles/${index}`,
    publishedOn: `2026-${String(1 + (index % 12)).padStart(2, "0")}-${day}`,
    language: index % 10 === 0 ? "fa" : "en",
    text: `Article ${index}. ${paragraphs.join("\n\n")}`,
  });
}

export function jsonLines(from: number, count: number, seed: number): string {
  const next = random(seed);
  const lines: string[] = [];
  for (let index = from; index < from + count; index += 1) lines.push(articleLine(index, next));
  return `${lines.join("\n")}\n`;
}

export type IntakeFigures = {
  measuredAt: Date;
  command: string;
  uploadBytes: number;
  existingSources: number;
  seconds: number;
  sourcesPerSecond: number;
  peakResidentMebibytes: number;
  /** CPU seconds of the importing process (user, system) and of the database's server processes (null: not on this machine). */
  cpuSeconds: { user: number; system: number; database: number | null };
  /** One-minute load average just before and just after the timed upload. */
  loadAverage: { before: number; after: number };
  /** A second upload of as many sources, with V8's heap capped at cappedHeapMebibytes. */
  capped: { sourcesPerSecond: number; peakResidentMebibytes: number } | null;
  loadAverageAtStart: number;
  processors: number;
  postgresVersion: string;
};

export async function runIntakeBench(databaseUrl: string, command: string, log: (message: string) => void): Promise<IntakeFigures> {
  const intakeUrl = new URL(databaseUrl);
  intakeUrl.pathname = `/${databaseNameOf(databaseUrl)}_intake`;
  const url = intakeUrl.toString();
  databaseNameOf(url);
  const { serverVersion } = await checkServerIsReachable(url);
  const loadAverageAtStart = os.loadavg()[0]!;
  log(`scratch database ${url.replace(/:[^:@/]*@/, ":***@")} (dropped and rebuilt)`);
  await recreateScratchDatabase(url);
  await applyMigrations(url);
  const database = createPrismaClient(url, { maxConnections: 2 });
  const admin = await database.user.create({
    data: { email: "intake-bench@stancewatch.local", name: "Intake bench", role: "ADMIN", passwordHash: null },
  });
  const directory = await mkdtemp(path.join(os.tmpdir(), "stancewatch-intake-bench-"));
  onCleanup("remove the intake bench's upload files", () => rm(directory, { recursive: true, force: true }));

  /** Writes the multipart body of an upload of one JSON Lines file, as a browser would send it. */
  async function writeUpload(name: string, content: string): Promise<{ file: string; contentType: string; bytes: number }> {
    const form = new FormData();
    form.append("files", new Blob([content], { type: "application/x-ndjson" }), "bench.jsonl");
    form.append("options", JSON.stringify({ skipInvalid: false }));
    const request = new Request("http://127.0.0.1/api/sources/import", { method: "POST", body: form });
    const body = Buffer.from(await request.arrayBuffer());
    const file = path.join(directory, name);
    await writeFile(file, body);
    return { file, contentType: request.headers.get("content-type")!, bytes: body.byteLength };
  }

  /** Imports one upload in a fresh process (scripts/bench/intake-worker.ts), as the server would. */
  async function importInWorker(upload: { file: string; contentType: string }, heapMebibytes?: number) {
    const worker = spawn(
      process.execPath,
      [
        ...(heapMebibytes ? [`--max-old-space-size=${heapMebibytes}`] : []),
        // INTAKE_BENCH_CPU_PROFILE=<directory>: a V8 CPU profile of each import (node --cpu-prof), for finding where the time goes.
        ...(process.env.INTAKE_BENCH_CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.INTAKE_BENCH_CPU_PROFILE}`] : []),
        "--conditions=react-server",
        "--import",
        "tsx",
        path.resolve("scripts/bench/intake-worker.ts"),
        upload.file,
        upload.contentType,
        admin.id,
      ],
      { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, DATABASE_URL: url } },
    );
    let output = "";
    worker.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(worker, "exit")) as [number | null];
    if (code !== 0) throw new Error(`the intake worker exited with ${code}`);
    return JSON.parse(output.trim().split("\n").at(-1)!) as {
      imported: number;
      seconds: number;
      peakResidentMebibytes: number;
      cpuSeconds: { user: number; system: number; database: number | null };
    };
  }

  log(`existing corpus: ${intakeShape.existingSources.toLocaleString("en")} sources in two uploads (not timed)`);
  for (let start = 0; start < intakeShape.existingSources; start += 10_000)
    await importInWorker(await writeUpload(`existing-${start}.multipart`, jsonLines(start, 10_000, 17 + start)));

  const upload = await writeUpload("timed.multipart", jsonLines(intakeShape.existingSources, intakeShape.uploadSources, 4242));
  const uploadBytes = upload.bytes;
  log(`upload: ${intakeShape.uploadSources.toLocaleString("en")} sources, ${(uploadBytes / 2 ** 20).toFixed(1)} MiB multipart body`);
  const loadBefore = os.loadavg()[0]!;
  const { imported, seconds, peakResidentMebibytes, cpuSeconds } = await importInWorker(upload);
  const loadAverage = { before: loadBefore, after: os.loadavg()[0]! };
  if (imported !== intakeShape.uploadSources) throw new Error(`expected ${intakeShape.uploadSources} imported sources, got ${imported}`);
  // The same again with V8's heap capped: how much of the peak is garbage not yet collected rather than live data.
  const cappedUpload = await writeUpload(
    "capped.multipart",
    jsonLines(intakeShape.existingSources + intakeShape.uploadSources, intakeShape.uploadSources, 4343),
  );
  // A capped run that runs out of heap is a finding, not a failure of the benchmark.
  const capped = await importInWorker(cappedUpload, cappedHeapMebibytes).catch(() => null);
  log(
    capped
      ? `with --max-old-space-size=${cappedHeapMebibytes}: ${(intakeShape.uploadSources / capped.seconds).toFixed(0)} sources/s, peak RSS ${capped.peakResidentMebibytes.toFixed(0)} MiB`
      : `with --max-old-space-size=${cappedHeapMebibytes}: ran out of heap`,
  );
  const stored = await database.source.count();
  const fingerprints = await database.sourceFingerprint.count();
  await database.$disconnect();
  const expected = intakeShape.existingSources + (capped ? 2 : 1) * intakeShape.uploadSources;
  if (stored !== expected || fingerprints !== stored)
    throw new Error(`expected ${expected} sources with fingerprints, found ${stored} and ${fingerprints}`);
  const figures: IntakeFigures = {
    measuredAt: new Date(),
    command,
    uploadBytes,
    existingSources: intakeShape.existingSources,
    seconds,
    sourcesPerSecond: intakeShape.uploadSources / seconds,
    peakResidentMebibytes,
    cpuSeconds,
    loadAverage,
    capped: capped && { sourcesPerSecond: intakeShape.uploadSources / capped.seconds, peakResidentMebibytes: capped.peakResidentMebibytes },
    loadAverageAtStart,
    processors: os.availableParallelism(),
    postgresVersion: serverVersion,
  };
  log(
    `imported in ${seconds.toFixed(1)} s: ${figures.sourcesPerSecond.toFixed(0)} sources/s (goal ≥ ${goals.sourcesPerSecond}); peak RSS ${peakResidentMebibytes.toFixed(0)} MiB (goal < ${goals.peakResidentMebibytes}); load average ${loadAverage.before.toFixed(2)} before, ${loadAverage.after.toFixed(2)} after`,
  );
  log(`CPU time: ${describeCpu(cpuSeconds)}`);
  return figures;
}

/** "importing process 12.3 s (user 11.0, system 1.3), database 9.8 s". */
function describeCpu(cpu: IntakeFigures["cpuSeconds"]): string {
  return `importing process ${(cpu.user + cpu.system).toFixed(1)} s (user ${cpu.user.toFixed(1)}, system ${cpu.system.toFixed(1)}), database ${cpu.database === null ? "not measured (PostgreSQL is not on this machine)" : `${cpu.database.toFixed(1)} s`}`;
}

const start = "<!-- bench:intake:start (written by `npm run bench -- intake`) -->";
const end = "<!-- bench:intake:end -->";

export function renderIntakeFigures(figures: IntakeFigures): string {
  const verdict = (pass: boolean) => (pass ? "PASS" : "**MISS**");
  return [
    "## Intake (issue 14)",
    "",
    `Measured ${figures.measuredAt.toISOString().slice(0, 16).replace("T", " ")} UTC with \`${figures.command}\`: one JSON Lines upload of ${intakeShape.uploadSources.toLocaleString("en")} sources of about 5 KB (${(figures.uploadBytes / 2 ** 20).toFixed(1)} MiB) through the import route's code in a process of its own (multipart reader, \`importSources\`: parsing, validation, content hashes, MinHash fingerprints, near-duplicate lookup against ${figures.existingSources.toLocaleString("en")} stored sources, batched insert with audit entries), on ${figures.processors} processors, PostgreSQL ${figures.postgresVersion.split(" ")[0]}. Load average when the run started: ${figures.loadAverageAtStart.toFixed(2)}; just before and after the timed upload: ${figures.loadAverage.before.toFixed(2)} and ${figures.loadAverage.after.toFixed(2)}.${describeLoad([figures.loadAverageAtStart, figures.loadAverage.before, figures.loadAverage.after], figures.processors)} The CPU times below move far less with the load than the wall-clock figures.`,
    "",
    "| Goal | Measured | Verdict |",
    "| --- | --- | --- |",
    `| ≥ ${goals.sourcesPerSecond} sources/s | ${figures.sourcesPerSecond.toFixed(0)} sources/s (${figures.seconds.toFixed(1)} s) | ${verdict(figures.sourcesPerSecond >= goals.sourcesPerSecond)} |`,
    `| Peak resident memory < ${goals.peakResidentMebibytes} MiB | ${figures.peakResidentMebibytes.toFixed(0)} MiB (the importing process: it streams the multipart body from a file, as the server receives it) | ${verdict(figures.peakResidentMebibytes < goals.peakResidentMebibytes)} |`,
    "",
    `CPU time of the timed upload: ${describeCpu(figures.cpuSeconds)}. Their sum over the processor count bounds the wall-clock time on an idle machine from below (the process and the database overlap: a batch is written while the next is read).`,
    "",
    figures.capped
      ? `With V8's heap capped (\`node --max-old-space-size=${cappedHeapMebibytes}\`), a second upload of ${intakeShape.uploadSources.toLocaleString("en")} sources into the then ${(figures.existingSources + intakeShape.uploadSources).toLocaleString("en")}: ${figures.capped.sourcesPerSecond.toFixed(0)} sources/s, peak resident memory ${figures.capped.peakResidentMebibytes.toFixed(0)} MiB. The difference from the uncapped peak is garbage V8 had not yet collected.`
      : `With V8's heap capped (\`node --max-old-space-size=${cappedHeapMebibytes}\`), a second upload of ${intakeShape.uploadSources.toLocaleString("en")} sources ran out of heap: the import's live data exceeds that, so the uncapped peak is not only uncollected garbage.`,
  ].join("\n");
}

/** Replaces the intake section of docs/benchmarks.md, or adds it before the notes. */
export async function writeIntakeFigures(figures: IntakeFigures): Promise<string> {
  const documentPath = path.resolve("docs/benchmarks.md");
  const existing = await readFile(documentPath, "utf8");
  const section = `${start}\n\n${renderIntakeFigures(figures)}\n\n${end}`;
  const from = existing.indexOf(start);
  const to = existing.indexOf(end);
  let document: string;
  if (from !== -1 && to > from) document = existing.slice(0, from) + section + existing.slice(to + end.length);
  else {
    const notes = existing.search(/^## Notes\b/m);
    document = notes === -1 ? `${existing.trimEnd()}\n\n${section}\n` : `${existing.slice(0, notes)}${section}\n\n${existing.slice(notes)}`;
  }
  await writeFile(documentPath, await format(document, { ...(await resolveConfig(documentPath)), filepath: documentPath }));
  return documentPath;
}
