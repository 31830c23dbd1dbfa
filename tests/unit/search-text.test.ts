import { describe, expect, it } from "vitest";
import { parseSearchParameters } from "@/lib/search/parameters";
import { excerpt, foldForSearch, highlight, highlightTerms, normaliseSearchQuery, queryAsksForExactWords } from "@/lib/search/text";

describe("search text", () => {
  it("folds as the database does: case, accents, Arabic marks and letter variants", () => {
    expect(foldForSearch("Café ZÜRICH")).toBe("cafe zurich");
    expect(foldForSearch("كَتَبَ")).toBe("کتب");
    expect(foldForSearch("أمريكا")).toBe("امریکا");
    expect(foldForSearch("ﻻ")).toBe("لا");
  });

  it("tidies queries: typographic quotes become a phrase, nothing searchable is null", () => {
    expect(normaliseSearchQuery("  “red   lines”\u0000 ")).toBe('"red lines"');
    expect(normaliseSearchQuery("«خط قرمز»")).toBe('"خط قرمز"');
    expect(normaliseSearchQuery("?! — ")).toBeNull();
    expect(queryAsksForExactWords('"red lines"')).toBe(true);
    expect(queryAsksForExactWords("iran -talks")).toBe(true);
    expect(queryAsksForExactWords("pre-war talks")).toBe(false);
  });

  it("marks every query word except exclusions and or", () => {
    expect(highlightTerms('"Red lines" or Zürich -talks')).toEqual(["red", "lines", "zurich"]);
  });

  it("marks matching words, stems and accented forms, and keeps everything else as text", () => {
    const pieces = highlight("Sanctioned: <b>Zürich</b> sanctions & talks", ["sanction", "zurich"]);
    expect(pieces).toEqual([
      { text: "Sanctioned", marked: true },
      { text: ": <b>", marked: false },
      { text: "Zürich", marked: true },
      { text: "</b> ", marked: false },
      { text: "sanctions", marked: true },
      { text: " & talks", marked: false },
    ]);
    expect(pieces.map((piece) => piece.text).join("")).toBe("Sanctioned: <b>Zürich</b> sanctions & talks");
    expect(highlight("abc", [])).toEqual([{ text: "abc", marked: false }]);
    // A short term only marks words it starts.
    expect(
      highlight("us bus", ["us"])
        .filter((piece) => piece.marked)
        .map((piece) => piece.text),
    ).toEqual(["us"]);
  });

  it("cuts an excerpt around the first match, at word boundaries", () => {
    const text = `${"filler ".repeat(100)}the zorbulat talks ${"after ".repeat(100)}`;
    const cut = excerpt(text, ["zorbulat"], 120);
    expect(cut).toContain("zorbulat");
    expect(cut.startsWith("… ")).toBe(true);
    expect(cut.endsWith(" …")).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(126);
    expect(excerpt("short text", ["x"])).toBe("short text");
    expect(excerpt(text, ["nomatch"], 50).startsWith("filler")).toBe(true);
  });

  it("reads search parameters and refuses bad ones with a sentence", () => {
    expect(parseSearchParameters(new URLSearchParams("q=iran&kind=actors&limit=5"))).toEqual({
      query: "iran",
      kinds: ["actors"],
      limit: 5,
      offset: 0,
    });
    expect(() => parseSearchParameters(new URLSearchParams("q=iran&kind=users"))).toThrowError(/not one of statements, sources, actors/);
    expect(() => parseSearchParameters(new URLSearchParams("q=iran&limit=0"))).toThrowError(/from 1 to 50/);
    expect(() => parseSearchParameters(new URLSearchParams("q=iran&limit=1e3"))).toThrowError(/from 1 to 50/);
    expect(() => parseSearchParameters(new URLSearchParams(`q=${"x".repeat(201)}`))).toThrowError(/at most 200/);
  });
});
