// RSS 2.0 and Atom feeds: one draft source per item. The item's full content
// (content:encoded, Atom content) is preferred over its summary; the feed's
// title is the publisher and its language the items' language.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { calendarDateOf, type ParsedFile, type SourceDraft } from "./drafts";
import { textOfHtmlFragment } from "./html";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  textNodeName: "#text",
  // Entities inside CDATA and text stay as written; the HTML extraction decodes them.
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => name === "item" || name === "entry" || name === "link",
});

function textOf(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number") return String(value);
  if (typeof value === "object" && value !== null && "#text" in value) return textOf((value as { "#text": unknown })["#text"]);
  return undefined;
}

function attribute(value: unknown, name: string): string | undefined {
  return typeof value === "object" && value !== null ? textOf((value as Record<string, unknown>)[`@${name}`]) : undefined;
}

export function parseFeed(fileName: string, xml: string): ParsedFile {
  const validation = XMLValidator.validate(xml);
  if (validation !== true)
    return {
      drafts: [],
      problems: [{ where: `${fileName}, line ${validation.err.line}`, message: `not a well-formed XML feed: ${validation.err.msg}` }],
    };
  let document: Record<string, unknown>;
  try {
    document = parser.parse(xml) as Record<string, unknown>;
  } catch (error) {
    // The parser's own limits (nesting, entity sizes and expansions, one DOCTYPE), past what the validator checks:
    // its messages name the limit in plain words.
    return { drafts: [], problems: [{ where: fileName, message: `is a feed this app will not read: ${(error as Error).message}` }] };
  }
  const rss = document.rss as { channel?: Record<string, unknown> } | undefined;
  const atom = document.feed as Record<string, unknown> | undefined;
  if (rss?.channel) return parseRss(fileName, rss.channel);
  if (atom) return parseAtom(fileName, atom);
  return {
    drafts: [],
    problems: [{ where: fileName, message: "is XML but neither an RSS 2.0 feed (<rss><channel>) nor an Atom feed (<feed>)" }],
  };
}

function parseRss(fileName: string, channel: Record<string, unknown>): ParsedFile {
  const publisher = textOf(channel.title);
  const language = textOf(channel.language);
  const items = (channel.item as Record<string, unknown>[] | undefined) ?? [];
  if (items.length === 0) return { drafts: [], problems: [{ where: fileName, message: "the feed has no items" }] };
  const drafts: SourceDraft[] = items.map((item, index) => {
    const html = textOf(item["content:encoded"]) ?? textOf(item.description) ?? "";
    const link = (item.link as unknown[] | undefined)?.map(textOf).find(Boolean);
    return {
      where: `${fileName}, item ${index + 1}`,
      fields: {
        title: textOf(item.title),
        publisher,
        url: link,
        publishedOn: calendarDateOf(textOf(item.pubDate) ?? textOf(item["dc:date"])),
        language,
        text: textOfHtmlFragment(html),
      },
    };
  });
  return { drafts, problems: [] };
}

function parseAtom(fileName: string, feed: Record<string, unknown>): ParsedFile {
  const publisher = textOf(feed.title);
  const language = attribute(feed, "xml:lang");
  const entries = (feed.entry as Record<string, unknown>[] | undefined) ?? [];
  if (entries.length === 0) return { drafts: [], problems: [{ where: fileName, message: "the feed has no entries" }] };
  const drafts: SourceDraft[] = entries.map((entry, index) => {
    const body = entry.content ?? entry.summary;
    const type = attribute(body, "type") ?? "text";
    const raw = textOf(body) ?? "";
    const links = (entry.link as unknown[] | undefined) ?? [];
    const alternate = links.find((link) => (attribute(link, "rel") ?? "alternate") === "alternate");
    return {
      where: `${fileName}, entry ${index + 1}`,
      fields: {
        title: textOf(entry.title),
        publisher,
        url: attribute(alternate, "href"),
        publishedOn: calendarDateOf(textOf(entry.published) ?? textOf(entry.updated)),
        language: attribute(entry, "xml:lang") ?? language,
        text: type === "html" || type === "xhtml" ? textOfHtmlFragment(raw) : raw,
      },
    };
  });
  return { drafts, problems: [] };
}
