/** Where a quote sits in a source's text, in JavaScript string indices (UTF-16 code units). */
export type TextSpan = { startOffset: number; endOffset: number };

export class QuoteNotFoundError extends Error {
  constructor(
    readonly quote: string,
    readonly occurrence: number,
    readonly found: number,
  ) {
    const shown = quote.length > 80 ? `${quote.slice(0, 77)}…` : quote;
    super(
      found === 0
        ? `the quote "${shown}" does not appear verbatim in the source text`
        : `the quote "${shown}" appears ${found} time(s) in the source text, not ${occurrence}`,
    );
    this.name = "QuoteNotFoundError";
  }
}

/** Finds the `occurrence`-th (1-based) verbatim appearance of `quote` in `text`. */
export function locateQuote(text: string, quote: string, occurrence = 1): TextSpan {
  if (quote.length === 0) throw new QuoteNotFoundError(quote, occurrence, 0);
  let found = 0;
  let from = 0;
  for (;;) {
    const index = text.indexOf(quote, from);
    if (index === -1) throw new QuoteNotFoundError(quote, occurrence, found);
    found += 1;
    if (found === occurrence) return { startOffset: index, endOffset: index + quote.length };
    from = index + 1;
  }
}

export function quoteAt(text: string, span: TextSpan): string {
  return text.slice(span.startOffset, span.endOffset);
}
