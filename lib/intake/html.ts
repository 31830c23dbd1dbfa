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

export function extractArticle(html: string, pageUrl?: string): HtmlExtraction {
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
  if (metadata.url && /^https?:\/\//i.test(metadata.url)) {
    fields.url = metadata.url;
    // The site's host is a fair publisher when the page names none (www.example.org → example.org).
    fields.publisher ??= new URL(metadata.url).hostname.replace(/^www\./, "");
  }
  return { fields };
}
