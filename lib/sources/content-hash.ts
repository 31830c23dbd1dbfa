import { createHash } from "node:crypto";

/** Identifies a document by its text, so the same article is never stored twice. */
export function hashSourceText(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
