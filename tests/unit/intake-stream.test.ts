// Streaming intake: JSON Lines decoded and split as their bytes arrive, whatever
// the chunk boundaries (lib/intake/stream.ts).
import { describe, expect, it } from "vitest";
import { decodeUtf8, intakeItemsOf, jsonLinesItems, splitLines } from "@/lib/intake/stream";

async function* from<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

const bytes = (text: string) => new TextEncoder().encode(text);

/** The bytes of `text` cut at the given byte offsets. */
function cut(text: string, ...offsets: number[]): Uint8Array[] {
  const all = bytes(text);
  const edges = [0, ...offsets, all.length];
  return edges.slice(1).map((end, index) => all.subarray(edges[index], end));
}

describe("splitting lines", () => {
  it("joins a line split across chunks and keeps a last line without a newline", async () => {
    expect(await collect(splitLines(from(['{"a":', '1}\n{"b"', ":2}\n", '{"c":3}'])))).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });

  it("keeps blank lines (so line numbers stay right) and yields nothing after a final newline", async () => {
    expect(await collect(splitLines(from(["one\n\n", "three\n"])))).toEqual(["one", "", "three"]);
    expect(await collect(splitLines(from([])))).toEqual([]);
  });

  it("joins a line spread over many small chunks", async () => {
    const line = "x".repeat(10_000);
    const chunks = Array.from({ length: 100 }, (_, index) => line.slice(index * 100, (index + 1) * 100));
    expect(await collect(splitLines(from([...chunks, "\n", "y"])))).toEqual([line, "y"]);
  });
});

describe("decoding UTF-8", () => {
  it("decodes a Persian character whose bytes are split between chunks", async () => {
    const text = "تحریم";
    // Each Persian letter is two bytes: cut inside the first and the third.
    const decoded = await collect(decodeUtf8(from(cut(text, 1, 5))));
    expect(decoded.join("")).toBe(text);
    expect(decoded.join("")).not.toContain("\ufffd");
  });

  it("decodes a four-byte character split three ways", async () => {
    expect((await collect(decodeUtf8(from(cut("a😀b", 2, 3, 4))))).join("")).toBe("a😀b");
  });
});

describe("JSON Lines, streamed", () => {
  const line = (title: string) =>
    JSON.stringify({ title, publisher: "P", publishedOn: "2026-01-02", language: "fa", text: `متن ${title}` });

  it("reads CRLF lines, a BOM, a line split across chunks and a split character, numbering lines as an editor does", async () => {
    const content = `\uFEFF${line("یک")}\r\n\r\n${line("دو")}\r\nnot json\r\n`;
    // Cut everywhere: inside the BOM, inside Persian letters, between \r and \n.
    const chunks = cut(content, 1, 20, 21, 37, 38, bytes(content).length - 1);
    const file = { name: "windows.jsonl", size: bytes(content).length, chunks: () => from(chunks) };
    expect(await collect(intakeItemsOf(file))).toEqual([
      { where: "windows.jsonl, line 1", fields: expect.objectContaining({ title: "یک", text: "متن یک" }) },
      { where: "windows.jsonl, line 3", fields: expect.objectContaining({ title: "دو" }) },
      { where: "windows.jsonl, line 4", message: expect.stringMatching(/not valid JSON/) },
    ]);
  });

  it("gives the same items streamed as read whole", async () => {
    const content = [line("a"), "", "[1]", line("b"), "{"].join("\n");
    const whole = await collect(intakeItemsOf({ name: "f.jsonl", size: content.length, content }));
    const streamed = await collect(
      intakeItemsOf({
        name: "f.jsonl",
        size: content.length,
        chunks: () => from(Array.from(bytes(content)).map((byte) => Uint8Array.of(byte))),
      }),
    );
    expect(streamed).toEqual(whole);
    expect(whole.map((item) => item.where)).toEqual(["f.jsonl, line 1", "f.jsonl, line 3", "f.jsonl, line 4", "f.jsonl, line 5"]);
  });

  it("says an empty file is empty, and never reads a file over the limit", async () => {
    expect(await collect(jsonLinesItems("empty.jsonl", from(["\n", "  \n"])))).toEqual([{ where: "empty.jsonl", message: "is empty" }]);
    const unread = {
      name: "big.jsonl",
      size: 65 * 1024 * 1024,
      chunks: (): AsyncIterable<Uint8Array> => {
        throw new Error("read");
      },
    };
    expect(await collect(intakeItemsOf(unread))).toEqual([
      { where: "big.jsonl", message: expect.stringMatching(/over the limit of 64\.0 MB/) },
    ]);
  });
});
