import { describe, expect, it } from "vitest";
import { slugify } from "@/lib/sources/spans";

describe("an actor's slug", () => {
  it("is the name's words in lower-case Latin letters, joined by hyphens", () => {
    expect(slugify("Seyed Abbas Araghchi")).toBe("seyed-abbas-araghchi");
    expect(slugify("Mohammad-Javad Zarif (FM)")).toBe("mohammad-javad-zarif-fm");
    expect(slugify("Ali Akbar Velāyati")).toBe("ali-akbar-velayati");
    // Nothing Latin to keep.
    expect(slugify("علی اکبر ولایتی")).toBe("actor");
  });

  it("stays within 120 characters however far compatibility characters grow, without a hyphen at either end", () => {
    // Each "㎒" is "MHz" under NFKD: 200 of them would be 600 letters.
    const slug = slugify("㎒".repeat(200));
    expect(slug).toBe("mhz".repeat(40));
    expect(slugify(`${"a".repeat(119)} b`)).toBe("a".repeat(119));
  });
});
