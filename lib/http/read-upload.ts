import "server-only";
import type { z } from "zod";
import { BadRequestError, DomainError, ValidationError } from "../errors";

export type UploadedFile = { name: string; size: number; content: string };

/**
 * A multipart upload: its files (as UTF-8 text) and a JSON `options` field
 * checked against a schema. The declared size is checked before anything is
 * read, so an oversized upload costs no memory.
 */
export async function readUpload<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  limits: { uploadBytes: number; fileBytes: number },
): Promise<{ files: UploadedFile[]; options: z.infer<Schema> }> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (!Number.isFinite(declared)) throw new BadRequestError("The upload must state its size (Content-Length).");
  // Multipart boundaries and headers add a little to the files' own size.
  if (declared > limits.uploadBytes + 1024 * 1024)
    throw new DomainError(
      422,
      `The upload is ${(declared / 1024 / 1024).toFixed(1)} MB, over the limit of ${limits.uploadBytes / 1024 / 1024} MB; split it.`,
    );
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new BadRequestError("The request must be a multipart form upload (files and options).");
  }
  let rawOptions: unknown = {};
  const optionsField = form.get("options");
  if (typeof optionsField === "string" && optionsField.trim()) {
    try {
      rawOptions = JSON.parse(optionsField);
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
  const files: UploadedFile[] = [];
  for (const entry of form.getAll("files")) {
    if (typeof entry === "string") continue;
    // An oversized file is reported by name with the others' problems; its bytes are never decoded.
    files.push({ name: entry.name, size: entry.size, content: entry.size > limits.fileBytes ? "" : await entry.text() });
  }
  return { files, options: parsed.data };
}
