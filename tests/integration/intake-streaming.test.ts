// The import route's reading path on PostgreSQL: a multipart upload spooled to
// disk, JSON Lines parsed line by line and inserted in batches inside one
// transaction (docs/decisions/0031).
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { importSources } from "@/lib/data/intake";
import { DomainError } from "@/lib/errors";
import { withUpload } from "@/lib/http/read-upload";
import { intakeLimits, intakeOptionsSchema } from "@/lib/intake/schemas";
import { createUser } from "../support/factories";
import { testLane } from "../support/lane";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

/**
 * A multipart request as a browser sends it, the files before the options (the order the parts come in must not matter).
 * `extraOptions`: more options fields after the first, as no form of the app sends.
 */
async function uploadRequest(files: { name: string; content: string }[], options: object, extraOptions = 0): Promise<Request> {
  const form = new FormData();
  for (const file of files) form.append("files", new Blob([file.content], { type: "application/x-ndjson" }), file.name);
  for (let count = 0; count <= extraOptions; count++) form.append("options", JSON.stringify(options));
  const encoded = new Request("http://127.0.0.1/api/sources/import", { method: "POST", body: form });
  const body = new Uint8Array(await encoded.arrayBuffer());
  // Sent in small pieces, as a socket hands a body over: lines and characters are cut at chunk edges.
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let start = 0; start < body.length; start += 1000) controller.enqueue(body.subarray(start, start + 1000));
      controller.close();
    },
  });
  return new Request("http://127.0.0.1/api/sources/import", {
    method: "POST",
    body: stream,
    duplex: "half",
    headers: { "content-type": encoded.headers.get("content-type")!, "content-length": String(body.length) },
  } as RequestInit);
}

async function importUpload(user: Awaited<ReturnType<typeof createUser>>, request: Request) {
  return withUpload(request, intakeOptionsSchema, intakeLimits, ({ files, options }) => importSources(user, files, options));
}

/** A distinct text for each line, so no two lines are near duplicates. */
function articleLine(index: number, run: string): string {
  const words = Array.from({ length: 40 }, (_, word) => `w${run}x${index}x${(word * 7919 + index * 104729) % 100_003}`);
  return JSON.stringify({
    title: `Streamed ${index}`,
    publisher: "Stream Wire",
    publishedOn: "2026-02-03",
    language: index % 2 ? "fa" : "en",
    text: `${index % 2 ? "خبر" : "News"} ${words.join(" ")}.`,
  });
}

const spooledUploads = async () => (await readdir(tmpdir())).filter((name) => name.startsWith("stancewatch-upload-"));
const sourceCount = () => db.source.count();

describe("streamed intake", () => {
  it("imports nothing when a bad line comes late in a big file, after an earlier batch was written", async () => {
    const analyst = await createUser(db, "ANALYST");
    const run = String(Date.now());
    const lines = Array.from({ length: 600 }, (_, index) => articleLine(index + 1, run));
    lines[589] = '{"title": "cut off", "publisher":';
    const before = await sourceCount();
    const error = await importUpload(analyst, await uploadRequest([{ name: "big.jsonl", content: `${lines.join("\r\n")}\r\n` }], {})).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(422);
    expect((error as DomainError & { details: { errors: unknown } }).details.errors).toEqual([
      { where: "big.jsonl, line 590", message: expect.stringMatching(/not valid JSON/) },
    ]);
    expect(await sourceCount()).toBe(before);
    expect(await db.source.count({ where: { publisher: "Stream Wire", text: { contains: `w${run}x` } } })).toBe(0);
  });

  it("imports a CRLF file with Persian text cut at chunk edges, every line whole, and removes the spooled upload", async () => {
    const analyst = await createUser(db, "ANALYST");
    const run = `${Date.now()}p`;
    const lines = Array.from({ length: 12 }, (_, index) => articleLine(index + 1, run));
    const spooledBefore = await spooledUploads();
    const outcome = await importUpload(
      analyst,
      await uploadRequest([{ name: "windows.jsonl", content: `\uFEFF${lines.join("\r\n")}` }], { skipInvalid: false }),
    );
    expect(outcome.imported.map((item) => item.where)).toEqual(lines.map((_, index) => `windows.jsonl, line ${index + 1}`));
    const stored = await db.source.findMany({ where: { id: { in: outcome.imported.map((item) => item.id) } } });
    expect((await spooledUploads()).filter((name) => !spooledBefore.includes(name))).toEqual([]);
    expect(stored.map((source) => source.text).sort()).toEqual(lines.map((line) => (JSON.parse(line) as { text: string }).text).sort());
  });

  it("refuses an upload of more files than an import takes with 413, before the import starts, and leaves nothing spooled", async () => {
    const run = `${Date.now()}f`;
    const files = Array.from({ length: intakeLimits.files + 1 }, (_, index) => ({
      name: `many-${index + 1}.jsonl`,
      content: articleLine(index + 1, run),
    }));
    const spooledBefore = await spooledUploads();
    const before = await sourceCount();
    let workCalled = false;
    const error = await withUpload(await uploadRequest(files, {}), intakeOptionsSchema, intakeLimits, async () => {
      workCalled = true;
    }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(413);
    expect((error as DomainError).message).toBe("The upload has more than 1,000 files; send at most 1,000 at a time.");
    expect(workCalled).toBe(false);
    expect((await spooledUploads()).filter((name) => !spooledBefore.includes(name))).toEqual([]);
    expect(await sourceCount()).toBe(before);
  });

  it("refuses a second form field with 400, and parts beyond the files and the options with 413", async () => {
    const analyst = await createUser(db, "ANALYST");
    const before = await sourceCount();
    const file = { name: "one.jsonl", content: articleLine(1, `${Date.now()}o`) };
    await expect(importUpload(analyst, await uploadRequest([file], {}, 1))).rejects.toMatchObject({
      status: 400,
      message: "The upload has more than one form field; send the files and one options field, nothing else.",
    });
    // Parts that are neither files nor fields (no Content-Disposition) are skipped by the parser, but still counted.
    const nameless = "--x\r\nContent-Type: text/plain\r\n\r\nhi\r\n".repeat(intakeLimits.files + 2) + "--x--\r\n";
    const partsRequest = new Request("http://127.0.0.1/api/sources/import", {
      method: "POST",
      body: nameless,
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(Buffer.byteLength(nameless)) },
    });
    await expect(importUpload(analyst, partsRequest)).rejects.toMatchObject({
      status: 413,
      message: "The upload has more than 1,001 parts; send the files (at most 1,000) and one options field, nothing else.",
    });
    expect(await sourceCount()).toBe(before);
  });

  it("refuses a body that is not a multipart form, and one without a size", async () => {
    const analyst = await createUser(db, "ANALYST");
    const notMultipart = new Request("http://127.0.0.1/api/sources/import", {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json", "content-length": "2" },
    });
    await expect(importUpload(analyst, notMultipart)).rejects.toThrow(/multipart form upload/);
    const cutOff = new Request("http://127.0.0.1/api/sources/import", {
      method: "POST",
      body: '--x\r\nContent-Disposition: form-data; name="files"; filename="a.jsonl"\r\n\r\n{}',
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": "80" },
    });
    await expect(importUpload(analyst, cutOff)).rejects.toThrow(/could not be read as a multipart form/);
  });
});
