import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  bandKeys,
  bandCount,
  estimatedOverlap,
  fingerprintOf,
  isNearDuplicate,
  minHashSignature,
  shingleHashes,
  signatureLength,
} from "@/lib/sources/near-duplicates";

const [wire] = readFileSync("tests/fixtures/intake/wire-sources.jsonl", "utf8")
  .split("\n")
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { text: string });
const republished = JSON.parse(readFileSync("tests/fixtures/intake/wire-copy-republished.jsonl", "utf8")) as { text: string };
const article = wire!.text;

function exactJaccard(first: string, second: string): number {
  const a = shingleHashes(first);
  const b = shingleHashes(second);
  const shared = [...a].filter((hash) => b.has(hash)).length;
  return shared / (a.size + b.size - shared);
}

describe("near-duplicate fingerprints", () => {
  it("are deterministic and of the stated shape", () => {
    expect(minHashSignature(article)).toEqual(minHashSignature(article));
    expect(minHashSignature(article)).toHaveLength(signatureLength);
    expect(bandKeys(minHashSignature(article))).toHaveLength(bandCount);
    for (const value of minHashSignature(article)) expect(Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31).toBe(true);
  });

  it("flag wire copy republished with a new dateline and two edited phrases", () => {
    expect(exactJaccard(article, republished.text)).toBeGreaterThan(0.9);
    expect(isNearDuplicate(fingerprintOf(article), fingerprintOf(republished.text))).toBe(true);
    // The copy shares at least one band, so the indexed lookup finds it.
    const shared = fingerprintOf(article).bands.filter((key) => fingerprintOf(republished.text).bands.includes(key));
    expect(shared.length).toBeGreaterThan(0);
  });

  it("ignore case, punctuation and spacing differences", () => {
    const reformatted = article.toUpperCase().replace(/[,.]/g, " ").replace(/\n+/g, "  ");
    expect(estimatedOverlap(minHashSignature(article), minHashSignature(reformatted))).toBe(1);
  });

  it("do not flag a heavily rewritten version or a different article", () => {
    const paragraphs = article.split("\n\n");
    const rewritten = [
      ...paragraphs.slice(0, 4),
      "An entirely new paragraph written by the second newspaper about its own reporting from the capital, with quotes from different officials who spoke on the record.",
      ...paragraphs.slice(6),
    ].join("\n\n");
    expect(exactJaccard(article, rewritten)).toBeLessThan(0.85);
    expect(isNearDuplicate(fingerprintOf(article), fingerprintOf(rewritten))).toBe(false);
    const other = readFileSync("tests/fixtures/intake/foreign-ministry-statement.txt", "utf8");
    expect(estimatedOverlap(minHashSignature(article), minHashSignature(other))).toBeLessThan(0.1);
  });

  it("estimate the overlap within a few points of the exact Jaccard index", () => {
    const halves = article.split("\n\n");
    const half = halves.slice(0, Math.ceil(halves.length / 2)).join("\n\n");
    expect(Math.abs(estimatedOverlap(minHashSignature(article), minHashSignature(half)) - exactJaccard(article, half))).toBeLessThan(0.12);
  });

  it("work on Persian text and on texts shorter than one shingle", () => {
    const persian = "وزیر امور خارجه روز چهارشنبه در گفت‌وگو با خبرنگاران گفت رسیدن به توافقی منصفانه و متوازن دست‌یافتنی است";
    expect(shingleHashes(persian).size).toBeGreaterThan(10);
    expect(isNearDuplicate(fingerprintOf(persian), fingerprintOf(`${persian}.`))).toBe(true);
    expect(shingleHashes("Two words").size).toBe(1);
    expect(shingleHashes("").size).toBe(0);
  });
});
