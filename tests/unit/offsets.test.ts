import { describe, expect, it } from "vitest";
import { locateQuote, QuoteNotFoundError, quoteAt } from "@/lib/sources/offsets";

const text = "Velayati said “open” twice: “open” to the west, he said.";

describe("locateQuote", () => {
  it("returns the offsets of the first verbatim occurrence", () => {
    const span = locateQuote(text, "“open” twice");
    expect(span).toEqual({ startOffset: 14, endOffset: 26 });
    expect(quoteAt(text, span)).toBe("“open” twice");
  });

  it("finds the n-th occurrence when asked", () => {
    const second = locateQuote(text, "“open”", 2);
    expect(second.startOffset).toBe(text.lastIndexOf("“open”"));
    expect(quoteAt(text, second)).toBe("“open”");
  });

  it("refuses a quote that is not verbatim in the text, naming it", () => {
    expect(() => locateQuote(text, '"open" twice')).toThrowError(/"\"open\" twice" does not appear verbatim/);
  });

  it("refuses an occurrence beyond those present", () => {
    const attempt = () => locateQuote(text, "“open”", 3);
    expect(attempt).toThrowError(QuoteNotFoundError);
    expect(attempt).toThrowError(/appears 2 time\(s\)/);
  });

  it("refuses an empty quote", () => {
    expect(() => locateQuote(text, "")).toThrowError(QuoteNotFoundError);
  });

  it("counts characters outside the basic plane as JavaScript does", () => {
    const withEmoji = "🇮🇷 Tehran said: talks resume";
    const span = locateQuote(withEmoji, "talks resume");
    expect(withEmoji.slice(span.startOffset, span.endOffset)).toBe("talks resume");
    // The flag is two regional-indicator code points, four UTF-16 units.
    expect(span.startOffset).toBe(4 + " Tehran said: ".length);
  });
});
