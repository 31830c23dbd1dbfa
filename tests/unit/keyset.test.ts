import { describe, expect, it } from "vitest";
import { codingListDefinition } from "@/lib/codings/list";
import { eventListDefinition } from "@/lib/events/list";
import { BadRequestError } from "@/lib/errors";
import { decodeCursor, encodeCursor, keysetOrderBy, readAfterCursor, toPage, type SortOption } from "@/lib/lists/keyset";
import { listSearchParams, parseListQuery } from "@/lib/lists/parameters";

const said: SortOption = { field: "saidOn", type: "date", label: "Date said", defaultDirection: "desc" };
const score: SortOption = { field: "score", type: "number", label: "Score", defaultDirection: "desc" };

describe("keyset paging", () => {
  it("round-trips a cursor and refuses one of another sort order", () => {
    const cursor = { sort: "said", direction: "desc" as const, value: "2024-10-28T00:00:00.000Z", id: "c1" };
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text, { key: "said", direction: "desc" }, said)).toEqual(cursor);
    expect(() => decodeCursor(text, { key: "said", direction: "asc" }, said)).toThrowError(/another sort order/);
    expect(() => decodeCursor(text, { key: "score", direction: "desc" }, score)).toThrowError(BadRequestError);
  });

  it("refuses tampered cursors with a sentence, never a wrong page", () => {
    const sort = { key: "score", direction: "desc" as const };
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    for (const bad of [
      "not base64!",
      "",
      forged({ a: 1 }),
      forged(["score", "desc", "3; DROP TABLE x", "c1"]),
      forged(["score", "desc", 3, 42]),
      forged(["score", "desc", Number.MAX_VALUE * 10, "c1"]),
      forged(["score", "desc", 3, ""]),
      "x".repeat(2000),
    ]) {
      expect(() => decodeCursor(bad, sort, score), String(bad)).toThrowError(BadRequestError);
    }
    expect(() => decodeCursor(forged(["said", "desc", "yesterday-ish", "c1"]), { key: "said", direction: "desc" }, said)).toThrowError(
      BadRequestError,
    );
    // PostgreSQL's text holds no NUL: in a text sort's value or in any id, it failed there as a 500.
    const title: SortOption = { field: "title", type: "string", label: "Title", defaultDirection: "asc" };
    for (const cursor of [
      ["title", "asc", "a\u0000", "c1"],
      ["title", "asc", "a", "c\u00001"],
    ])
      expect(() => decodeCursor(forged(cursor), { key: "title", direction: "asc" }, title), JSON.stringify(cursor)).toThrowError(
        BadRequestError,
      );
  });

  // Each of these passed the old checks (a finite number; anything Date.parse reads) and failed in PostgreSQL: a 500.
  it("refuses cursor values the database cannot compare: fractions, integers past 32 bits, dates outside 0001 to 9999", () => {
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    for (const value of [0.5, 2147483648, -2147483649, 2 ** 53 + 2, 1e308])
      expect(
        () => decodeCursor(forged(["score", "desc", value, "c1"]), { key: "score", direction: "desc" }, score),
        String(value),
      ).toThrowError(/This page link is not valid/);
    expect(decodeCursor(forged(["score", "desc", -3, "c1"]), { key: "score", direction: "desc" }, score).value).toBe(-3);
    const saidCursor = (value: string) => forged(["said", "desc", value, "c1"]);
    for (const value of ["1", "0000-01-01T00:00:00.000Z", "-271821-04-20T00:00:00.000Z", "+275760-09-13T00:00:00.000Z"])
      expect(() => decodeCursor(saidCursor(value), { key: "said", direction: "desc" }, said), value).toThrowError(
        /This page link is not valid/,
      );
    for (const value of ["Tue, 1 Jan 2024 00:00:00 GMT", "2024-10-28", "2024-02-30T00:00:00.000Z"])
      expect(() => decodeCursor(saidCursor(value), { key: "said", direction: "desc" }, said), value).toThrowError(BadRequestError);
    expect(decodeCursor(saidCursor("0001-01-01T00:00:00.000Z"), { key: "said", direction: "desc" }, said).value).toBe(
      "0001-01-01T00:00:00.000Z",
    );
  });

  it("reads the rest of the cursor's run of equal values, then the values past it, as exact ranges", async () => {
    const calls: { where: Record<string, unknown>; take: number }[] = [];
    const fetch = async (where: Record<string, unknown>, take: number) => {
      calls.push({ where, take });
      return calls.length === 1 ? [{ id: "x" }] : [{ id: "y" }, { id: "z" }];
    };
    expect(await readAfterCursor(score, null, 3, fetch)).toEqual([{ id: "x" }]);
    expect(calls).toEqual([{ where: {}, take: 3 }]);
    calls.length = 0;
    const rows = await readAfterCursor(score, { sort: "score", direction: "desc", value: 2, id: "c9" }, 3, fetch);
    expect(rows.map((row) => row.id)).toEqual(["x", "y", "z"]);
    expect(calls).toEqual([
      { where: { score: 2, id: { lt: "c9" } }, take: 3 },
      { where: { score: { lt: 2 } }, take: 2 },
    ]);
    calls.length = 0;
    await readAfterCursor(said, { sort: "said", direction: "asc", value: "2024-01-01T00:00:00.000Z", id: "c1" }, 1, fetch);
    // The run of equal values filled the page: nothing past it is read.
    expect(calls).toEqual([{ where: { saidOn: new Date("2024-01-01T00:00:00.000Z"), id: { gt: "c1" } }, take: 1 }]);
    expect(keysetOrderBy(score, { key: "score", direction: "asc" })).toEqual([{ score: "asc" }, { id: "asc" }]);
  });

  it("keeps one page of the extra row fetched and makes the last row the next cursor", () => {
    const rows = [
      { id: "a", score: 3 },
      { id: "b", score: 2 },
      { id: "c", score: 2 },
    ];
    const sort = { key: "score", direction: "desc" as const };
    const page = toPage(rows, 2, sort, score, (row) => row.score);
    expect(page.rows.map((row) => row.id)).toEqual(["a", "b"]);
    expect(decodeCursor(page.nextCursor!, sort, score)).toMatchObject({ value: 2, id: "b" });
    expect(toPage(rows, 3, sort, score, (row) => row.score).nextCursor).toBeNull();
  });

  it("reads a list's URL, reports every bad parameter at once, and writes links without defaults", () => {
    const query = parseListQuery(
      codingListDefinition,
      new URLSearchParams("speaker=iran&min=-1&max=%2B2&adjudicated=no&sort=score&order=asc"),
    );
    expect(query.filters).toEqual({ speaker: "iran", minimumScore: -1, maximumScore: 2, adjudicated: false });
    expect(query.sort).toEqual({ key: "score", direction: "asc" });
    expect(query.pageSize).toBe(50);
    expect(() => parseListQuery(codingListDefinition, new URLSearchParams("min=9&from=2024-02-30&sort=rank&size=7&order=up"))).toThrowError(
      /from: use a real date written YYYY-MM-DD; min: use a score from −3 to \+3; sort: use one of said, score, coded; order: use asc or desc; size: use 25, 50, 100/,
    );
    // A sort named after one of Object's own properties found a function and failed later: a 500 on /events (the
    // hostile-input fuzzing found sort=valueOf).
    for (const sort of ["valueOf", "constructor", "__proto__", "toString", "hasOwnProperty"])
      expect(() => parseListQuery(eventListDefinition, new URLSearchParams({ sort })), sort).toThrowError(/sort: use one of/);
    // A text filter with a NUL character (the events list's q) reached PostgreSQL, which refused it: a 500.
    expect(() => parseListQuery(eventListDefinition, new URLSearchParams("q=a%00b"))).toThrowError(
      /q: must not contain the NUL character \(\\u0000\)/,
    );
    const raw = { speaker: "iran" };
    expect(listSearchParams(codingListDefinition, query, raw, { after: "abc" }).toString()).toBe(
      "speaker=iran&sort=score&order=asc&after=abc",
    );
    const defaults = parseListQuery(codingListDefinition, new URLSearchParams());
    expect(listSearchParams(codingListDefinition, defaults, {}).toString()).toBe("");
  });
});
