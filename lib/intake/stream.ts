// Reading an intake file one item at a time, so an upload of 10,000 articles
// is never held whole in memory (docs/decisions/0031): JSON Lines are decoded
// and split as their bytes arrive; the other formats are one source a file or a
// feed, bounded by the file limits, and are read whole. No I/O of its own: the
// bytes come from whoever hands the file over (an upload spooled to disk).
import type { IntakeProblem, SourceDraft } from "./drafts";
import { jsonLineItem } from "./json-sources";
import { fileProblem, intakeFormatOf, parseIntakeFile, type IntakeFile } from "./parse";

/**
 * UTF-8 bytes as text, chunk by chunk. A character whose bytes are split
 * between two chunks is decoded whole (the decoder keeps the first bytes until
 * the rest arrive); invalid bytes become U+FFFD, as `Blob.text()` does.
 */
export async function* decodeUtf8(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * Text split into lines at "\n", whatever the chunk boundaries: a line split
 * between chunks is joined, a last line without a newline is kept. The line
 * keeps a trailing "\r" (CRLF files): the line parser drops it. The pieces of
 * an unfinished line are joined once, when it ends, so a long line costs its
 * length, not its length times its chunks.
 */
export async function* splitLines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let pieces: string[] = [];
  for await (const chunk of chunks) {
    let start = 0;
    for (let newline = chunk.indexOf("\n"); newline !== -1; newline = chunk.indexOf("\n", start)) {
      pieces.push(chunk.slice(start, newline));
      yield pieces.length === 1 ? pieces[0]! : pieces.join("");
      pieces = [];
      start = newline + 1;
    }
    if (start < chunk.length) pieces.push(chunk.slice(start));
  }
  if (pieces.length > 0) yield pieces.join("");
}

async function* only(text: string): AsyncGenerator<string> {
  yield text;
}

/** Drafts and problems of a JSON Lines file, line by line, numbered as an editor numbers them. */
export async function* jsonLinesItems(fileName: string, text: AsyncIterable<string>): AsyncGenerator<SourceDraft | IntakeProblem> {
  let lineNumber = 0;
  let anything = false;
  for await (const rawLine of splitLines(text)) {
    lineNumber += 1;
    const item = jsonLineItem(fileName, lineNumber, lineNumber === 1 ? rawLine.replace(/^\uFEFF/, "") : rawLine);
    if (item === null) continue;
    anything = true;
    yield item;
  }
  if (!anything) yield { where: fileName, message: "is empty" };
}

async function readWhole(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: string[] = [];
  for await (const text of decodeUtf8(chunks)) parts.push(text);
  return parts.join("");
}

/**
 * Every draft and problem of a file, in the file's order. A file in a format
 * Stancewatch does not read, or over its size limit, is one problem and is
 * never read.
 */
export async function* intakeItemsOf(file: IntakeFile): AsyncGenerator<SourceDraft | IntakeProblem> {
  const problem = fileProblem(file);
  if (problem) {
    yield problem;
    return;
  }
  if (intakeFormatOf(file.name) === "jsonl") {
    yield* jsonLinesItems(file.name, "content" in file ? only(file.content) : decodeUtf8(file.chunks()));
    return;
  }
  const content = "content" in file ? file.content : await readWhole(file.chunks());
  const parsed = parseIntakeFile({ name: file.name, size: file.size, content });
  yield* parsed.drafts;
  yield* parsed.problems;
}
