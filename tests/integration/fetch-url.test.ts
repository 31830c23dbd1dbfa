// The SSRF rules of fetching by URL, against an HTTP server started here on
// 127.0.0.1. No traffic leaves the machine: every host name is resolved by a
// stand-in resolver or is localhost.
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importSources } from "@/lib/data/intake";
import { createPrismaClient } from "@/lib/database/prisma";
import { DomainError } from "@/lib/errors";
import { fetchPage, fetchSettingsFrom, FetchRefusedError, type FetchSettings } from "@/lib/intake/fetch-url";
import { intakeOptionsSchema } from "@/lib/intake/schemas";
import { createUser } from "../support/factories";
import { testLane } from "../support/lane";

// A marker of its own: other test files of the run import the same fixture, and a stored text is refused.
const article = readFileSync("tests/fixtures/intake/muscat-talks-article.html", "utf8").replace(
  "</article>",
  `<p>Served by the fetch test ${Date.now()}.</p></article>`,
);
let server: http.Server;
let base: string;
let port: number;
const requests: string[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    requests.push(request.url ?? "");
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    switch (url.pathname) {
      case "/article":
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(article);
        return;
      case "/redirect-to-article":
        response.writeHead(302, { location: "/article" }).end();
        return;
      case "/redirect-to-private":
        response.writeHead(301, { location: "http://169.254.169.254/latest/meta-data/" }).end();
        return;
      case "/redirect-to-mapped":
        response.writeHead(302, { location: `http://[::ffff:127.0.0.1]:${port}/article` }).end();
        return;
      case "/redirect-to-file":
        response.writeHead(302, { location: "file:///etc/passwd" }).end();
        return;
      case "/redirect-loop":
        response.writeHead(302, { location: "/redirect-loop" }).end();
        return;
      case "/pdf":
        response.writeHead(200, { "content-type": "application/pdf" }).end("%PDF-1.7");
        return;
      case "/declared-huge":
        response.writeHead(200, { "content-type": "text/html", "content-length": String(50 * 1024 * 1024) });
        response.write("<html>");
        return; // never finishes: the client must give up on the declared size alone
      case "/streamed-huge": {
        response.writeHead(200, { "content-type": "text/html" });
        const chunk = "<p>" + "x".repeat(64 * 1024) + "</p>";
        let sent = 0;
        const pump = () => {
          while (sent < 200 && response.write(chunk)) sent += 1;
          if (sent < 200) response.once("drain", pump);
          else response.end();
        };
        pump();
        return;
      }
      case "/slow":
        response.writeHead(200, { "content-type": "text/html" });
        response.write("<html><body>");
        return; // and then nothing
      case "/not-found":
        response.writeHead(404, { "content-type": "text/html" }).end("gone");
        return;
      default:
        response.writeHead(500).end();
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
});

function settings(overrides: Partial<FetchSettings> = {}): FetchSettings {
  return {
    ...fetchSettingsFrom({ FETCH_ALLOWED_HOSTS: "127.0.0.1" }),
    // Any other name resolves to a public documentation-free address nobody listens on… except these stand-ins.
    resolve: async (hostname) => {
      if (hostname === "news.example") return [{ address: "127.0.0.1", family: 4 }];
      if (hostname === "rebinding.example")
        return [
          { address: "93.184.215.14", family: 4 },
          { address: "10.0.0.7", family: 4 },
        ];
      throw new Error(`unexpected lookup of ${hostname}`);
    },
    ...overrides,
  };
}

async function refusal(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FetchRefusedError);
  return (error as Error).message;
}

describe("fetching a page by URL", () => {
  it("fetches an allowed local page and follows a redirect", async () => {
    const page = await fetchPage(`${base}/redirect-to-article`, settings());
    expect(page.url).toBe(`${base}/article`);
    expect(page.html).toContain("Oman hosts new round");
  });

  it("refuses loopback without the allow-list, for an address and for a name resolving to it", async () => {
    const closed = settings({ allowedHosts: [] });
    expect(await refusal(fetchPage(`${base}/article`, closed))).toMatch(/127\.0\.0\.1 is a private, loopback/);
    expect(await refusal(fetchPage(`http://news.example:${port}/article`, closed))).toMatch(
      /news\.example resolves to 127\.0\.0\.1, which is a private/,
    );
    // The real resolver: localhost is loopback however the machine spells it.
    expect(await refusal(fetchPage(`http://localhost:${port}/article`, fetchSettingsFrom({})))).toMatch(/localhost resolves to .*private/);
    expect(await refusal(fetchPage(`http://[::1]:${port}/article`, closed))).toMatch(/::1 is a private/);
    expect(await refusal(fetchPage(`http://[::ffff:127.0.0.1]:${port}/article`, closed))).toMatch(/private/);
  });

  it("refuses a host with any private address among its answers", async () => {
    expect(await refusal(fetchPage("http://rebinding.example/", settings()))).toMatch(/rebinding\.example resolves to 10\.0\.0\.7/);
  });

  it("re-checks every redirect: to the metadata address, to IPv4-mapped loopback, to file:, and in a loop", async () => {
    const before = requests.length;
    expect(await refusal(fetchPage(`${base}/redirect-to-private`, settings()))).toMatch(/169\.254\.169\.254 is a private/);
    // Only 127.0.0.1 itself is allowed: the mapped spelling of it is not on the list.
    expect(await refusal(fetchPage(`${base}/redirect-to-mapped`, settings()))).toMatch(
      /::ffff:7f00:1 is a private|::ffff:127\.0\.0\.1 is a private/,
    );
    expect(await refusal(fetchPage(`${base}/redirect-to-file`, settings()))).toMatch(/only http and https/);
    expect(await refusal(fetchPage(`${base}/redirect-loop`, settings()))).toMatch(/more than 3 redirects/);
    // The loop stopped after the first request and three redirects.
    expect(requests.slice(before).filter((path) => path === "/redirect-loop")).toHaveLength(4);
  });

  it("connects to the address it checked, never resolving the name a second time", async () => {
    let lookups = 0;
    // A rebinding name: public-looking on the first answer (allowed here), internal on any later one.
    const flipping = settings({
      resolve: async () => (lookups++ === 0 ? [{ address: "127.0.0.1", family: 4 }] : [{ address: "10.0.0.1", family: 4 }]),
    });
    // flip.example exists nowhere: had the socket resolved it again, the fetch would fail.
    const page = await fetchPage(`http://flip.example:${port}/article`, flipping);
    expect(page.html).toContain("Oman hosts new round");
    expect(lookups).toBe(1);
  });

  it("refuses other schemes, wrong content types and error statuses", async () => {
    expect(await refusal(fetchPage("ftp://127.0.0.1/file", settings()))).toMatch(/only http and https/);
    expect(await refusal(fetchPage(`${base}/pdf`, settings()))).toMatch(/serves application\/pdf, not a web page/);
    expect(await refusal(fetchPage(`${base}/not-found`, settings()))).toMatch(/answered 404/);
  });

  it("stops at the size limit, declared or streamed", async () => {
    expect(await refusal(fetchPage(`${base}/declared-huge`, settings()))).toMatch(/larger than 5 MB/);
    expect(await refusal(fetchPage(`${base}/streamed-huge`, settings({ maximumBytes: 1024 * 1024 })))).toMatch(/larger than 1 MB/);
  });

  it("gives up on a server that stops answering", async () => {
    const started = Date.now();
    expect(await refusal(fetchPage(`${base}/slow`, settings({ timeoutMilliseconds: 500 })))).toMatch(/within 0\.5 seconds/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe("importing by URL", () => {
  const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
  afterAll(() => db.$disconnect());

  it("imports a fetched article and reports refused addresses by address, importing nothing until they are skipped", async () => {
    const analyst = await createUser(db, "ANALYST");
    const previous = process.env.FETCH_ALLOWED_HOSTS;
    process.env.FETCH_ALLOWED_HOSTS = "127.0.0.1";
    try {
      const urls = [`${base}/article`, "http://169.254.169.254/latest/meta-data/", `${base}/pdf`];
      // Near duplicates kept: the intake test of the same run stores the same article without this test's marker.
      const error = await importSources(analyst, [], intakeOptionsSchema.parse({ urls, nearDuplicates: "keep" })).catch(
        (caught: unknown) => caught as DomainError,
      );
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError & { details: { errors: unknown } }).details.errors).toEqual([
        {
          where: "http://169.254.169.254/latest/meta-data/",
          message: expect.stringMatching(/cannot be fetched: 169\.254\.169\.254 is a private/),
        },
        { where: `${base}/pdf`, message: expect.stringMatching(/cannot be fetched: the address serves application\/pdf/) },
      ]);
      const outcome = await importSources(analyst, [], intakeOptionsSchema.parse({ urls, skipInvalid: true, nearDuplicates: "keep" }));
      expect(outcome.imported).toHaveLength(1);
      const source = await db.source.findUniqueOrThrow({ where: { id: outcome.imported[0]!.id } });
      expect(source).toMatchObject({
        url: `${base}/article`,
        publisher: "The Gulf Ledger",
        title: "Oman hosts new round of indirect talks as both sides signal flexibility",
      });
    } finally {
      if (previous === undefined) delete process.env.FETCH_ALLOWED_HOSTS;
      else process.env.FETCH_ALLOWED_HOSTS = previous;
    }
  });
});
