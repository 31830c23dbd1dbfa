import "server-only";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { Busboy } from "@fastify/busboy";
import type { z } from "zod";
import { BadRequestError, DomainError, ValidationError } from "../errors";

/** An uploaded file, spooled to disk: its bytes are read again, piece by piece, by whoever parses it. */
export type UploadedFile = { name: string; size: number; chunks: () => AsyncIterable<Uint8Array> };

/** Bytes read from disk at a time: a few lines of a JSON Lines file. */
const readChunkBytes = 64 * 1024;

/**
 * Receives a multipart upload, hands its files (spooled to a private temporary
 * directory) and its JSON `options` field, checked against a schema, to
 * `work`, and removes the files when `work` is done.
 *
 * The body is streamed to disk as it arrives (docs/decisions/0031), never held
 * in memory: an upload of 50 MB costs a few chunks of memory here, and the
 * parser reads each file back line by line. Spooling first, rather than
 * parsing straight off the wire, means the options are known whatever order the
 * client sent the parts in, every file's exact size is known before it is
 * parsed, and the import's transaction never waits on a slow client. The
 * declared size is checked before anything is read, so an oversized upload
 * costs nothing.
 */
export async function withUpload<Schema extends z.ZodType, Result>(
  request: Request,
  schema: Schema,
  limits: { uploadBytes: number; files: number },
  work: (upload: { files: UploadedFile[]; options: z.infer<Schema> }) => Promise<Result>,
): Promise<Result> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (!Number.isFinite(declared)) throw new BadRequestError("The upload must state its size (Content-Length).");
  // Multipart boundaries and headers add a little to the files' own size.
  if (declared > limits.uploadBytes + 1024 * 1024)
    throw new DomainError(
      422,
      `The upload is ${(declared / 1024 / 1024).toFixed(1)} MB, over the limit of ${limits.uploadBytes / 1024 / 1024} MB; split it.`,
    );
  const contentType = request.headers.get("content-type") ?? "";
  if (!request.body || !/^multipart\/form-data\s*;/i.test(contentType))
    throw new BadRequestError("The request must be a multipart form upload (files and options).");
  // mkdtemp makes the directory 0700: other local users cannot read the upload.
  const directory = await mkdtemp(path.join(tmpdir(), "stancewatch-upload-"));
  try {
    const { files, optionsText } = await spool(request.body, contentType, directory, {
      maximumBytes: limits.uploadBytes + 1024 * 1024,
      maximumFiles: limits.files,
    });
    let rawOptions: unknown = {};
    if (optionsText !== undefined && optionsText.trim()) {
      try {
        rawOptions = JSON.parse(optionsText);
      } catch {
        throw new BadRequestError("The options field must be JSON.");
      }
    }
    const parsed = schema.safeParse(rawOptions);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "options"] ??= issue.message;
      throw new ValidationError(fieldErrors);
    }
    return await work({
      files: files.map(({ name, size, filePath }) => ({
        name,
        size,
        chunks: () => createReadStream(filePath, { highWaterMark: readChunkBytes }),
      })),
      options: parsed.data,
    });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

type SpooledFile = { name: string; size: number; filePath: string };

/**
 * The refusal of an upload with more parts than the form sends: its files and one options field. Without a limit,
 * every tiny part of a 100 MB body would cost a file on disk, or a field in memory, before anything was checked.
 */
function tooManyParts(limit: "parts" | "files" | "fields", maximumFiles: number): DomainError {
  const files = maximumFiles.toLocaleString("en");
  if (limit === "files") return new DomainError(413, `The upload has more than ${files} files; send at most ${files} at a time.`);
  if (limit === "fields")
    return new BadRequestError("The upload has more than one form field; send the files and one options field, nothing else.");
  return new DomainError(
    413,
    `The upload has more than ${(maximumFiles + 1).toLocaleString("en")} parts; send the files (at most ${files}) and one options field, nothing else.`,
  );
}

/** Writes each file part of the body to its own file in `directory`, counting its bytes; keeps the options field. */
async function spool(
  body: ReadableStream<Uint8Array>,
  contentType: string,
  directory: string,
  { maximumBytes, maximumFiles }: { maximumBytes: number; maximumFiles: number },
): Promise<{ files: SpooledFile[]; optionsText: string | undefined }> {
  let parser: InstanceType<typeof Busboy>;
  try {
    parser = new Busboy({
      headers: { "content-type": contentType },
      limits: { fieldSize: 1024 * 1024, fields: 1, files: maximumFiles, parts: maximumFiles + 1 },
    });
  } catch {
    throw new BadRequestError("The request must be a multipart form upload (files and options).");
  }
  const files: SpooledFile[] = [];
  const writes: Promise<void>[] = [];
  let optionsText: string | undefined;
  // Past a limit busboy skips the parts that follow; the rest of the body is still read, and thrown away, so the
  // client, likely still sending, reads the refusal rather than a reset connection (lib/http/route.ts).
  let refusal: DomainError | undefined;
  parser.on("partsLimit", () => (refusal ??= tooManyParts("parts", maximumFiles)));
  parser.on("filesLimit", () => (refusal ??= tooManyParts("files", maximumFiles)));
  parser.on("fieldsLimit", () => (refusal ??= tooManyParts("fields", maximumFiles)));
  parser.on("field", (name, value) => {
    if (name === "options") optionsText = value;
  });
  parser.on("file", (fieldName, stream, fileName) => {
    if (fieldName !== "files" || refusal) {
      stream.resume();
      return;
    }
    const file: SpooledFile = { name: fileName, size: 0, filePath: path.join(directory, String(files.length)) };
    files.push(file);
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        file.size += chunk.byteLength;
        done(null, chunk);
      },
    });
    writes.push(pipeline(stream, counter, createWriteStream(file.filePath, { mode: 0o600 })));
  });
  let received = 0;
  // The HTTP server holds a body to its Content-Length; this guards a body sent without one being trusted.
  const sizeGuard = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.byteLength;
      if (received > maximumBytes) done(new DomainError(422, "The upload is larger than it said it was; send it again."));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as NodeReadableStream<Uint8Array>), sizeGuard, parser);
    await Promise.all(writes);
  } catch (error) {
    await Promise.allSettled(writes);
    if (error instanceof DomainError) throw error;
    throw new BadRequestError("The upload could not be read as a multipart form (was it cut off?); send it again.");
  }
  if (refusal) throw refusal;
  return { files, optionsText };
}
