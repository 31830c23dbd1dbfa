// The main text and metadata of an article page. Readability (Firefox's reader
// view) over linkedom, a light DOM, finds the article among navigation, ads
// and comments; title, date, publisher and language come from the page's
// metadata (Open Graph, article:published_time, JSON-LD, <html lang>) when present.
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { calendarDateOf, tidyText, type DraftFields } from "./drafts";

const blockElements = "p,h1,h2,h3,h4,h5,h6,li,blockquote,pre,tr,div,section,article,figcaption,br";

/** Text of an HTML fragment with paragraphs kept apart (a blank line between blocks). */
export function textOfHtmlFragment(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const element of document.querySelectorAll("script,style,noscript")) element.remove();
  for (const element of document.querySelectorAll(blockElements)) element.after(document.createTextNode("\n\n"));
  return tidyText(document.body?.textContent ?? "");
}

type JsonLdArticle = { headline?: unknown; datePublished?: unknown; publisher?: unknown; inLanguage?: unknown; url?: unknown };

function jsonLdArticle(document: Document): JsonLdArticle | undefined {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? "");
    } catch {
      continue;
    }
    const candidates: unknown[] = Array.isArray(data)
      ? data
      : typeof data === "object" && data !== null && Array.isArray((data as { "@graph"?: unknown })["@graph"])
        ? ((data as { "@graph": unknown[] })["@graph"] as unknown[])
        : [data];
    for (const candidate of candidates) {
      if (typeof candidate !== "object" || candidate === null) continue;
      const type = (candidate as { "@type"?: unknown })["@type"];
      const types = Array.isArray(type) ? type : [type];
      if (types.some((name) => typeof name === "string" && /Article|Posting|Report/.test(name))) return candidate as JsonLdArticle;
    }
  }
  return undefined;
}

function stringOf(value: unknown): string | undefined {
  if (typeof value === "string" && value.trim()) return value.trim();
  if (typeof value === "object" && value !== null && typeof (value as { name?: unknown }).name === "string")
    return ((value as { name: string }).name || undefined)?.trim();
  return undefined;
}

const adLabel = /(?:^|[\s_-])(?:ad|ads|advert|advertisement|sponsored|promo)(?:$|[\s_-])/i;

export type HtmlExtraction = { fields: DraftFields } | { problem: string };

/** Minimum length of a page's main text: anything shorter is a navigation page, a paywall or an error page. */
export const minimumArticleCharacters = 200;

/**
 * The deepest a page's elements may nest, and how many it may have. Parsing and Readability take time that grows
 * with the square of the depth: a 22 KB upload of 2,000 nested divs took 10 s of the server's one thread, 250,000
 * (2.7 MB) 46 s to parse alone. Article pages nest a few dozen deep and hold some thousands of elements.
 */
export const maximumNestingDepth = 256;
export const maximumElements = 60_000;

// Void elements have no end tag, and these may leave theirs out (the parser closes them): neither deepens a page.
const neverNesting = new Set(
  ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"].concat([
    "p",
    "li",
    "dt",
    "dd",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "tfoot",
    "option",
    "optgroup",
    "rt",
    "rp",
    "colgroup",
    "caption",
  ]),
);
// Their contents are text, whatever looks like a tag inside.
const rawText = new Set(["script", "style", "textarea", "title", "xmp", "noscript", "template"]);

/**
 * How deep the page's elements nest and how many there are, read from its tags before any parsing (the depth an
 * upper bound where end tags are missing), stopping once either is past its limit.
 */
export function measureElements(html: string): { depth: number; elements: number } {
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g;
  let depth = 0;
  let deepest = 0;
  let elements = 0;
  for (let match = tag.exec(html); match; match = tag.exec(html)) {
    const [, closing, rawName, selfClosing] = match;
    const name = rawName!.toLowerCase();
    if (!closing) elements += 1;
    if (elements > maximumElements) break;
    if (neverNesting.has(name)) continue;
    if (closing) {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (rawText.has(name)) {
      // Searched in place, case-insensitively: lower-casing the page for each script would cost its length each
      // time, and can move offsets (some letters lengthen when lower-cased).
      const endTag = new RegExp(`</${name}`, "gi");
      endTag.lastIndex = tag.lastIndex;
      const end = endTag.exec(html);
      tag.lastIndex = end ? end.index : html.length;
      continue;
    }
    if (selfClosing) continue;
    depth += 1;
    deepest = Math.max(deepest, depth);
    if (deepest > maximumNestingDepth) break;
  }
  return { depth: deepest, elements };
}

export function extractArticle(html: string, pageUrl?: string): HtmlExtraction {
  const measured = measureElements(html);
  if (measured.depth > maximumNestingDepth)
    return {
      problem: `its elements nest more than ${maximumNestingDepth} deep, which no article page does; save the article's text instead`,
    };
  if (measured.elements > maximumElements)
    return {
      problem: `it has more than ${maximumElements.toLocaleString("en")} elements, which no article page has; save the article's text instead`,
    };
  const { document } = parseHTML(html);
  const meta = (key: string) =>
    document.querySelector(`meta[property="${key}"]`)?.getAttribute("content")?.trim() ||
    document.querySelector(`meta[name="${key}"]`)?.getAttribute("content")?.trim() ||
    undefined;
  // Read the metadata first: Readability rearranges the document it parses.
  const jsonLd = jsonLdArticle(document as unknown as Document);
  const metadata = {
    title: meta("og:title") ?? stringOf(jsonLd?.headline) ?? document.querySelector("title")?.textContent?.trim(),
    publisher: meta("og:site_name") ?? stringOf(jsonLd?.publisher) ?? meta("publisher") ?? meta("application-name"),
    publishedOn: calendarDateOf(
      meta("article:published_time") ?? stringOf(jsonLd?.datePublished) ?? meta("date") ?? meta("dc.date") ?? meta("DC.date.issued"),
    ),
    language:
      document.documentElement?.getAttribute("lang")?.trim() || meta("og:locale")?.replace("_", "-") || stringOf(jsonLd?.inLanguage),
    url: pageUrl ?? meta("og:url") ?? document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? stringOf(jsonLd?.url),
  };
  // Readability keeps ad slots placed inside the article; remove the plainly labelled ones first.
  for (const element of document.querySelectorAll("[class],[id]"))
    if (adLabel.test(`${element.getAttribute("class") ?? ""} ${element.getAttribute("id") ?? ""}`)) element.remove();
  const article = new Readability(document as unknown as Document).parse();
  const text = article?.content ? textOfHtmlFragment(article.content) : "";
  if (text.length < minimumArticleCharacters)
    return {
      problem: `no article text found (${text.length} characters of main text; a page needs at least ${minimumArticleCharacters}). Is this an index, login or error page?`,
    };
  const fields: DraftFields = { text };
  const title = metadata.title ?? article?.title ?? undefined;
  if (title) fields.title = title;
  const publisher = metadata.publisher ?? article?.siteName ?? undefined;
  if (publisher) fields.publisher = publisher;
  const publishedOn = metadata.publishedOn ?? calendarDateOf(article?.publishedTime);
  if (publishedOn) fields.publishedOn = publishedOn;
  if (metadata.language) fields.language = metadata.language;
  // A page's own address for itself is whatever it says: kept only when it is one.
  if (metadata.url && /^https?:\/\//i.test(metadata.url) && URL.canParse(metadata.url)) {
    fields.url = metadata.url;
    // The site's host is a fair publisher when the page names none (www.example.org → example.org).
    fields.publisher ??= new URL(metadata.url).hostname.replace(/^www\./, "");
  }
  return { fields };
}
