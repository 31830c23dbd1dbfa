import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { alignByLength, alignTexts, splitParagraphs, splitSentences, textDirection, translationPassageFor } from "@/lib/sources/alignment";
import { locateQuote } from "@/lib/sources/offsets";

const persian = readFileSync("tests/fixtures/translation/araghchi-muscat.fa.txt", "utf8");
const english = readFileSync("tests/fixtures/translation/araghchi-muscat.en.txt", "utf8");

const slice = (text: string, span: { startOffset: number; endOffset: number } | null) =>
  span ? text.slice(span.startOffset, span.endOffset) : null;

/** The translation passage aligned with the first appearance of `quote` in the Persian original. */
function passageOf(quote: string, translation = english): string | null {
  const alignment = alignTexts({ text: persian, language: "fa" }, { text: translation, language: "en" });
  return slice(translation, translationPassageFor(alignment, locateQuote(persian, quote)));
}

describe("splitting", () => {
  it("finds the paragraphs between line breaks, trimmed", () => {
    expect(splitParagraphs(persian).map((span) => slice(persian, span)!.slice(0, 12))).toEqual([
      "عباس عراقچی،",
      "عراقچی در نش",
      "بدر البوسعید",
      "به گزارش خبر",
    ]);
    expect(splitParagraphs("\n\n  one  \r\n\r\ntwo\n")).toEqual([
      { startOffset: 4, endOffset: 7 },
      { startOffset: 13, endOffset: 16 },
    ]);
  });

  it("splits Persian sentences at the full stop and the Arabic question mark", () => {
    const last = splitParagraphs(persian)[3]!;
    expect(splitSentences(persian, last, "fa").map((span) => slice(persian, span))).toEqual([
      "به گزارش خبرگزاری رویترز (Reuters)، وزارت خارجه آمریکا تاکنون به این اظهارات واکنشی نشان نداده است.",
      "آیا واشنگتن به این پیشنهاد پاسخ خواهد داد؟",
      "ناظران در تهران می‌گویند پاسخ هنوز روشن نیست.",
    ]);
  });
});

describe("aligning an original with its translation", () => {
  it("pairs paragraphs by index when both texts have as many", () => {
    const alignment = alignTexts({ text: persian, language: "fa" }, { text: english, language: "en" });
    expect(alignment.paragraphs).toHaveLength(4);
    expect(slice(english, alignment.paragraphs[2]!.translation)).toMatch(/^Badr Albusaidi/);
  });

  it("maps a sentence to its translated sentence", () => {
    expect(passageOf("او افزود که این گفت‌وگوها باید بر پایه احترام متقابل باشد.")).toBe(
      "He added that the talks must be based on mutual respect.",
    );
    expect(passageOf("آیا واشنگتن به این پیشنهاد پاسخ خواهد داد؟")).toBe("Will Washington answer the offer?");
  });

  it("maps part of a sentence to the whole translated sentence", () => {
    expect(passageOf("زبان تهدید را نمی‌پذیریم")).toBe(
      'At a joint press conference with his Omani counterpart, Araghchi said: "We have never left the negotiating table, but we do not accept the language of threats."',
    );
  });

  it("maps either of two sentences the translator joined to the one sentence that renders both (a 2–1 bead)", () => {
    const joined =
      "Badr Albusaidi, Oman's foreign minister, said Muscat remained ready to host a new round of talks, adding that the two sides had exchanged messages through Oman in recent months.";
    expect(passageOf("دو طرف در ماه‌های گذشته پیام‌هایی را از طریق عمان رد و بدل کرده‌اند")).toBe(joined);
    expect(passageOf("مسقط همچنان آماده میزبانی دور تازه گفت‌وگوهاست")).toBe(joined);
  });

  it("maps a span across two sentences to both translated sentences", () => {
    expect(passageOf("وی تأکید کرد که تحریم‌ها باید پیش از هر توافقی برداشته شوند.\n\nبدر البوسعیدی")).toBe(
      english.slice(english.indexOf("He stressed"), english.indexOf("recent months.") + "recent months.".length),
    );
  });

  it("aligns paragraphs by length when the translation merged two of them", () => {
    const merged = english.replace("recent months.\n\nAccording", "recent months. According");
    expect(splitParagraphs(merged)).toHaveLength(3);
    expect(passageOf("آماده از سرگیری مذاکرات غیرمستقیم", merged)).toBe(
      "Abbas Araghchi, Iran's foreign minister, said in Tehran on Monday that the Islamic Republic was ready to resume indirect negotiations with the United States.",
    );
    expect(passageOf("آیا واشنگتن به این پیشنهاد پاسخ خواهد داد؟", merged)).toBe("Will Washington answer the offer?");
  });

  it("joins a sentence the translator left out to its neighbour's translation, and gives nothing outside the text", () => {
    const shortened = english.replace(" Observers in Tehran say the answer is still unclear.", "");
    const alignment = alignTexts({ text: persian, language: "fa" }, { text: shortened, language: "en" });
    const passage = slice(shortened, translationPassageFor(alignment, locateQuote(persian, "پاسخ هنوز روشن نیست")));
    expect(passage).toBe("Will Washington answer the offer?");
    expect(translationPassageFor(alignment, { startOffset: persian.length + 5, endOffset: persian.length + 9 })).toBeNull();
  });

  it("pairs equal lengths one to one and keeps every unit in order", () => {
    const units = (lengths: number[]) => {
      let at = 0;
      return lengths.map((size) => {
        const span = { startOffset: at, endOffset: at + size };
        at += size + 1;
        return span;
      });
    };
    const pairs = alignByLength(units([40, 80, 20, 60]), units([80, 160, 40, 120]), 2);
    expect(pairs.map((pair) => [pair.original?.startOffset, pair.translation?.startOffset])).toEqual([
      [0, 0],
      [41, 81],
      [122, 242],
      [143, 283],
    ]);
    expect(alignByLength([], [], 1)).toEqual([]);
    expect(alignByLength(units([30]), [], 1)).toEqual([{ original: { startOffset: 0, endOffset: 30 }, translation: null }]);
  });
});

describe("text direction", () => {
  it("is right to left for Persian, Arabic, Hebrew and Urdu, with or without a region", () => {
    expect(["fa", "fa-IR", "ar", "ar-EG", "he", "ur", "ckb"].map(textDirection)).toEqual(Array(7).fill("rtl"));
    expect(["en", "en-GB", "tr", "ku", "ru"].map(textDirection)).toEqual(Array(5).fill("ltr"));
  });
});
