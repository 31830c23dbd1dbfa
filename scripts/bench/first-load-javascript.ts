// The JavaScript a browser downloads to show a page: every <script src> in
// the server-rendered HTML, fetched and gzipped. Inline scripts (Next's
// bootstrap and the React Server Components payload, which is data) are
// counted apart, for information.
import { gzipSync } from "node:zlib";
import type { HttpSession } from "../../tests/support/http-session";

// zlib's default level, what a server compressing on the fly typically uses.
export const gzipLevel = 6;

export type PageJavaScript = {
  path: string;
  status: number;
  /** How long the server took to render the page's HTML, for information. */
  htmlMilliseconds: number;
  scripts: { url: string; bytes: number; gzippedBytes: number }[];
  bytes: number;
  gzippedBytes: number;
  inlineScriptCount: number;
  inlineGzippedBytes: number;
};

const scriptTag = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
const sourceAttribute = /\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

function decodeAttribute(value: string): string {
  return value.replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">");
}

const gzippedSize = (content: Buffer | string) => gzipSync(content, { level: gzipLevel }).length;

export async function measurePageJavaScript(
  session: HttpSession,
  appUrl: string,
  path: string,
  expectedStatus: number,
): Promise<PageJavaScript> {
  const started = performance.now();
  const response = await session.request(path);
  const html = await response.text();
  const htmlMilliseconds = performance.now() - started;
  if (response.status !== expectedStatus)
    throw new Error(`GET ${path} answered ${response.status}, not ${expectedStatus} (signed in?): ${html.slice(0, 200)}`);
  const sources = new Set<string>();
  let inlineScriptCount = 0;
  let inlineGzippedBytes = 0;
  for (const [, attributes, body] of html.matchAll(scriptTag)) {
    const source = sourceAttribute.exec(attributes ?? "");
    if (source) sources.add(new URL(decodeAttribute(source[1] ?? source[2] ?? source[3]!), appUrl).toString());
    else if (body?.trim()) {
      inlineScriptCount += 1;
      inlineGzippedBytes += gzippedSize(body);
    }
  }
  const scripts = await Promise.all(
    [...sources].map(async (url) => {
      const script = await fetch(url);
      if (!script.ok) throw new Error(`${url} (a script of ${path}) answered ${script.status}`);
      const content = Buffer.from(await script.arrayBuffer());
      return { url, bytes: content.length, gzippedBytes: gzippedSize(content) };
    }),
  );
  return {
    path,
    status: response.status,
    htmlMilliseconds,
    scripts,
    bytes: scripts.reduce((sum, script) => sum + script.bytes, 0),
    gzippedBytes: scripts.reduce((sum, script) => sum + script.gzippedBytes, 0),
    inlineScriptCount,
    inlineGzippedBytes,
  };
}
