// Hostile input against the built app: every JSON route handler (discovered
// from app/), as every role, with generated hostile bodies, path parameters
// and query strings (fast-check), and the known cases one by one. None may
// answer 5xx, and no answer may carry a stack, SQL or Prisma text.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { bodyLimits, refusedBodyDiscardBytes } from "@/lib/http/route";
import { anonymousSession, signInOverHttp, type HttpSession } from "../support/http-session";
import { discoverRouteHandlers, type RouteHandler } from "../support/route-handlers";
import { testPasswords } from "../support/test-passwords";
import { createActor, createSource, createStanceCoding, createStatement } from "../support/factories";
import { testLane } from "../support/lane";
import { streamedBody } from "../support/streamed-body";

const appUrl = testLane().appUrl;
const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

type Role = "anonymous" | "VIEWER" | "ANALYST" | "ADMIN";
const roles: Role[] = ["anonymous", "VIEWER", "ANALYST", "ADMIN"];
const accounts = {
  VIEWER: { email: "viewer@stancewatch.local", password: testPasswords.SEED_PASSWORD_VIEWER },
  ANALYST: { email: "analyst@stancewatch.local", password: testPasswords.SEED_PASSWORD_LEAD_ANALYST },
  ADMIN: { email: "admin@stancewatch.local", password: testPasswords.SEED_PASSWORD_ADMIN },
} as const;
const sessions = {} as Record<Role, HttpSession>;

// next-auth's own endpoints are not the app's JSON API; their sign-in path has its own tests (tests/e2e/sign-in-*).
const excluded = new Set(["/api/auth/[...nextauth]"]);

/** Words that would reveal internals: a stack frame, SQL, Prisma or PostgreSQL's own wording. */
const leak =
  /prisma|\bSELECT\b|\bINSERT\b|UPDATE "|\bstack\b|\bat \S+ \([^)]*:\d+:\d+\)|\bat \/\S+:\d+:\d+|\bSQLSTATE\b|duplicate key|violates|invalid input syntax|invalid byte sequence|out of range for type|index row size|\bpg_|node_modules/i;

async function expectSafeAnswer(response: Response, what: string) {
  const text = await response.text();
  expect(response.status, `${what} → ${response.status}: ${text.slice(0, 300)}`).toBeLessThan(500);
  expect(text, what).not.toMatch(leak);
}

// Every field name a request body of this app uses, so that generated bodies reach the schemas' rules, not only "unknown object".
const fieldNames = [
  "version",
  "score",
  "isConditional",
  "confidence",
  "rationale",
  "statementId",
  "targetId",
  "slug",
  "name",
  "kind",
  "office",
  "speaksForId",
  "wikidataId",
  "isTrackedTarget",
  "title",
  "publisher",
  "url",
  "publishedOn",
  "language",
  "text",
  "sourceId",
  "startOffset",
  "endOffset",
  "speakerId",
  "newSpeaker",
  "saidOn",
  "saidOnPrecision",
  "form",
  "channel",
  "email",
  "role",
  "disabled",
  "isAdjudicator",
  "currentPassword",
  "newPassword",
  "auditEntryId",
  "format",
  "content",
  "skipInvalid",
  "setId",
  "description",
  "resolutionCriteria",
  "horizonOn",
  "status",
  "resolvedOn",
  "probability",
  "estimatedOn",
  "movedByStatementIds",
  "movedByEventIds",
  "scenarioId",
  "effect",
  "rule",
  "eventId",
  "credibility",
  "note",
  "markReviewed",
  "rating",
  "nothingToCode",
  "blindCoding",
];

const hostileStrings = [
  "\u0000",
  "a\u0000b",
  "x".repeat(3000),
  "%00",
  "%E0%A4%A",
  '\'; DROP TABLE "User"; --',
  '=HYPERLINK("http://evil.example/")',
  "\uD800",
  "../../etc/passwd",
  "2147483648",
  "",
  " ",
  "csv",
  "jsonl",
  "2024-02-30",
  "9999-12-31",
  "0000-01-01",
  "0001-01-01",
  "<script>alert(1)</script>",
];
const hostileNumbers = [2147483648, -2147483649, 2 ** 53 + 2, -1, 0, 1e308, -1e308, 0.5, 1.5, Number.MAX_SAFE_INTEGER];

const hostileString = fc.oneof(
  fc.constantFrom(...hostileStrings),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 20 }),
);
const hostileLeaf = fc.oneof(hostileString, fc.constantFrom(...hostileNumbers), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, hostileLeaf, fc.array(tie("value"), { maxLength: 4 }), tie("object")),
  object: fc.dictionary(fc.oneof(fc.constantFrom(...fieldNames), hostileString), tie("value"), { maxKeys: 6 }),
})).value;
// Mostly objects with the app's field names, so that the schemas' own rules are reached.
const hostileBody = fc.oneof(
  { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...fieldNames), hostileValue, { minKeys: 1, maxKeys: 12 }) },
  { weight: 1, arbitrary: hostileValue },
);
const rawBody = fc.oneof(
  hostileBody.map((body) => JSON.stringify(body) ?? "null"),
  fc.constantFrom("{", "[1,", "nul", '{"version":1', "\u0000", ""),
);
const pathParameter = fc.oneof(
  fc.constantFrom("%00", "a%00b", "%E0%A4%A", "%", "%zz", "x".repeat(3000), "..%2F..", "%2e%2e", "2147483648", "%25", "%2F"),
  fc.string({ maxLength: 30 }).map(encode),
  fc.string({ unit: "binary", maxLength: 10 }).map(encode),
);
const queryKeys = ["speaker", "for", "target", "from", "to", "unit", "quotes", "confidence", "adjudicated", "width", "format"];
// A date parameter with a day at or past the calendar's ends, often enough that a route or page reached by a
// dozen requests meets one: a random key and a random value rarely made that pair, and it was what failed.
const edgeDays = ["0000-01-01", "0001-01-01", "0001-01-02", "0099-12-31", "9999-12-01", "9999-12-31", "10000-01-01"];
const edgeDate = fc.tuple(fc.constantFrom("from", "to", "asOf"), fc.constantFrom(...edgeDays));
const queryString = fc
  .array(
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc.tuple(
          fc.oneof(fc.constantFrom(...queryKeys), hostileString),
          fc.oneof(hostileString, fc.constantFrom(...hostileNumbers).map(String)),
        ),
      },
      { weight: 1, arbitrary: edgeDate },
    ),
    { maxLength: 6 },
  )
  .map((pairs) => pairs.map(([key, value]) => `${encode(key)}=${encode(value)}`).join("&"));

/** encodeURIComponent, with lone surrogates (which it refuses) replaced as a browser would. */
function encode(text: string): string {
  return encodeURIComponent(text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"));
}

function pathFor(pattern: string, parameter: string): string {
  return pattern.replace(/\[[^\]]+\]/g, parameter);
}

let handlers: RouteHandler[] = [];

beforeAll(async () => {
  handlers = (await discoverRouteHandlers()).filter((handler) => !excluded.has(handler.path));
  sessions.anonymous = anonymousSession(appUrl);
  for (const role of ["VIEWER", "ANALYST", "ADMIN"] as const)
    sessions[role] = await signInOverHttp(appUrl, accounts[role].email, accounts[role].password);
});

describe("generated hostile requests to every JSON route", () => {
  it("discovers the route handlers, reads included", () => {
    expect(handlers.length).toBeGreaterThanOrEqual(25);
    expect(handlers.some((handler) => handler.method === "GET")).toBe(true);
  });

  it("never answer 5xx nor show internals, as any role", { timeout: 120_000 }, async () => {
    const started = Date.now();
    let requests = 0;
    for (const handler of handlers) {
      const routeStarted = Date.now();
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...roles), pathParameter, rawBody, queryString, async (role, parameter, body, query) => {
          const path = `${pathFor(handler.path, parameter)}${handler.method === "GET" ? `?${query}` : ""}`;
          requests += 1;
          const response = await sessions[role].request(path, {
            method: handler.method,
            headers: handler.method === "GET" ? {} : { "content-type": "application/json" },
            body: handler.method === "GET" ? undefined : body,
          });
          await expectSafeAnswer(response, `${handler.method} ${path} as ${role} with ${JSON.stringify(body).slice(0, 200)}`);
        }),
        // Bounded: a route gets at most 40 requests or 3 seconds, whichever comes first.
        { numRuns: 40, interruptAfterTimeLimit: 3_000, markInterruptAsFailure: false },
      );
      // A hang guard, not a speed claim: the route's 3-second budget is only checked between requests, so a
      // request that never ends (a regular expression backtracking on hostile bytes, say) shows up here. The
      // bound is wide so that a loaded machine's slow request is not mistaken for one.
      expect(Date.now() - routeStarted, `${handler.method} ${handler.path}`).toBeLessThan(30_000);
    }
    console.info(`hostile input: ${requests} generated requests to ${handlers.length} route handlers in ${Date.now() - started} ms`);
    expect(requests).toBeGreaterThan(handlers.length * 4);
  });
});

// The pages that read their query string (app/**/page.tsx with searchParams), and every parameter name they read.
// A page streams its slower sections after its 200 (React Suspense), so a section that fails shows only in the
// body: React's marker for an error in a streamed section (`$RX(`, `data-dgst`) or the app's error page. The
// fuzzing of the JSON routes found `to=9999-12-31` failing; the dashboard page failed the same way, in its matrix,
// under a 200.
const pageQueryKeys = [
  ...queryKeys,
  ...["actor", "channel", "coded", "coder", "coverage", "form", "kind", "language", "max", "min", "person", "q", "role"],
  ...["show", "source", "status", "tracked", "sort", "order", "size", "after", "asOf", "codebook", "sample", "version"],
  ...["publish", "callbackUrl", "error", "deleted", "message"],
];
const pageQueryString = fc
  .array(
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc.tuple(
          fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pageQueryKeys) }, { weight: 1, arbitrary: hostileString }),
          fc.oneof(hostileString, fc.constantFrom(...hostileNumbers).map(String)),
        ),
      },
      { weight: 1, arbitrary: edgeDate },
    ),
    { maxLength: 6 },
  )
  .map((pairs) => pairs.map(([key, value]) => `${encode(key)}=${encode(value)}`).join("&"));
const failedSection = /\$RX\(|data-dgst|Something went wrong/;

describe("generated hostile query strings and record keys to the pages", () => {
  it("never answer 5xx nor stream a failed section, as any role", { timeout: 120_000 }, async () => {
    const scenario = await db.scenario.findFirstOrThrow({ where: { deletedAt: null }, select: { slug: true } });
    const pages = ["/", "/sources", "/statements", "/codings", "/events", "/search", "/reliability", "/codebook"];
    pages.push("/admin/actors", "/admin/users", "/admin/history", `/scenarios/${scenario.slug}`, "/sign-in");
    let requests = 0;
    for (const page of pages) {
      const pageStarted = Date.now();
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...roles), pageQueryString, async (role, query) => {
          requests += 1;
          const response = await sessions[role].request(`${page}?${query}`);
          const text = await response.text();
          const what = `GET ${page}?${query} as ${role} → ${response.status}`;
          expect(response.status, `${what}: ${text.slice(0, 300)}`).toBeLessThan(500);
          expect(text.match(failedSection)?.[0] ?? null, what).toBeNull();
        }),
        // Bounded: a page gets at most 12 requests or 1.5 seconds, whichever comes first.
        { numRuns: 12, interruptAfterTimeLimit: 1_500, markInterruptAsFailure: false },
      );
      expect(Date.now() - pageStarted, `GET ${page}`).toBeLessThan(30_000);
    }
    expect(requests).toBeGreaterThan(pages.length * 2);
  });

  it(
    "answer a hostile record key in a page's address with a 4xx, never a 5xx or a failed section, as any role",
    { timeout: 120_000 },
    async () => {
      const pages = [
        "/sources/[id]",
        "/codings/[id]",
        "/analysts/[id]",
        "/scenarios/[slug]",
        "/scenarios/sets/[slug]",
        "/admin/history/[entity]/[id]",
      ];
      let requests = 0;
      for (const page of pages) {
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...roles), pathParameter, async (role, parameter) => {
            requests += 1;
            const response = await sessions[role].request(pathFor(page, parameter));
            const text = await response.text();
            const what = `GET ${pathFor(page, parameter)} as ${role} → ${response.status}`;
            expect(response.status, `${what}: ${text.slice(0, 300)}`).toBeLessThan(500);
            expect(text.match(failedSection)?.[0] ?? null, what).toBeNull();
          }),
          // Bounded: a page gets at most 10 requests or 1 second, whichever comes first.
          { numRuns: 10, interruptAfterTimeLimit: 1_000, markInterruptAsFailure: false },
        );
      }
      expect(requests).toBeGreaterThan(pages.length * 2);
    },
  );
});

describe("the known hostile cases, one by one", () => {
  async function analystCoding() {
    const analyst = await db.user.findUniqueOrThrow({ where: { email: accounts.ANALYST.email } });
    const source = await createSource(db);
    const statement = await createStatement(db, { source, speakerId: (await createActor(db)).id, quote: "We seek calm," });
    return createStanceCoding(db, { statement, targetId: (await createActor(db)).id, coderId: analyst.id, score: 1 });
  }
  const edit = (overrides: Record<string, unknown> = {}) => ({
    version: 1,
    score: 1,
    isConditional: false,
    confidence: "LOW",
    rationale: "fine",
    ...overrides,
  });
  const send = (role: Role, path: string, method: string, body: unknown) =>
    sessions[role].request(path, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });

  it("a NUL character in a body field is 422 naming the field; in a path id 404; nothing changes", async () => {
    const coding = await analystCoding();
    const inBody = await send("ANALYST", `/api/codings/${coding.id}`, "PATCH", edit({ rationale: "before\u0000after" }));
    expect(inBody.status).toBe(422);
    expect(await inBody.json()).toMatchObject({ fieldErrors: { rationale: "must not contain the NUL character (\\u0000)" } });
    const inPath = await send("ANALYST", `/api/codings/${coding.id}%00`, "PATCH", edit());
    expect(inPath.status).toBe(404);
    expect(((await inPath.json()) as { error: string }).error).toMatch(/not found/);
    expect((await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } })).version).toBe(1);
  });

  it("a version beyond a 32-bit integer is 422, not a database error", async () => {
    const coding = await analystCoding();
    const response = await send("ANALYST", `/api/codings/${coding.id}`, "PATCH", edit({ version: 2147483648 }));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ fieldErrors: { version: "is not a version of this record" } });
  });

  it("a malformed %-escape in an address is 400 with a sentence, on API routes and pages, as anyone", async () => {
    for (const [role, path, method] of [
      ["ANALYST", "/api/codings/%E0%A4%A", "PATCH"],
      ["anonymous", "/api/codings/%E0%A4%A", "DELETE"],
      ["VIEWER", "/codings/%zz", "GET"],
    ] as const) {
      const response = await send(role, path, method, method === "GET" ? undefined : edit());
      expect(response.status, `${method} ${path}`).toBe(400);
      expect(await response.json()).toEqual({
        error: "The address has a malformed %-escape, so it names no page or record. Check the link.",
      });
    }
  });

  it("a 1 MB slug is 422 naming the slug's limit, and a body over the limit is 413 before it is parsed", async () => {
    const slug = "a".repeat(1024 * 1024 - 100);
    const longSlug = await send("ADMIN", "/api/actors", "POST", { slug, name: "Long", kind: "PERSON" });
    expect(longSlug.status).toBe(422);
    expect(await longSlug.json()).toMatchObject({ fieldErrors: { slug: "must be at most 100 characters" } });

    const overLimit = await send("ADMIN", "/api/actors", "POST", `{"slug":"${"a".repeat(bodyLimits.json)}"}`);
    expect(overLimit.status).toBe(413);
    expect(((await overLimit.json()) as { error: string }).error).toBe(
      "The request body is larger than 1 MB, the most this request accepts. Nothing was changed.",
    );
    // Not even valid JSON: refused on size alone, so it was never parsed.
    const unparsable = await send("ADMIN", "/api/actors", "POST", "{".repeat(bodyLimits.json + 1));
    expect(unparsable.status).toBe(413);
  });

  it("an invalid body from a viewer is 403, not 422: permission before validation", async () => {
    const coding = await analystCoding();
    for (const [path, method, body] of [
      [`/api/codings/${coding.id}`, "PATCH", { version: "x", score: 99 }],
      ["/api/codings", "POST", { nonsense: true }],
      ["/api/users", "POST", "{not json"],
      ["/api/actors", "POST", { slug: "\u0000" }],
    ] as const) {
      const response = await send("VIEWER", path, method, body);
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    // Admin-only routes refuse an analyst's invalid body with 403 too.
    expect((await send("ANALYST", "/api/users", "POST", { email: 5 })).status).toBe(403);
    expect((await send("ANALYST", "/api/exchange", "POST", { format: "xml" })).status).toBe(403);
    expect((await send("ANALYST", "/api/assignments", "POST", { share: "all" })).status).toBe(403);
    // And everyone signed in still reaches the validation of their own password change.
    expect((await send("VIEWER", "/api/account/password", "POST", { newPassword: 1 })).status).toBe(422);
  });

  /** A body of `bytes` spaces posted to /api/actors as the administrator. */
  function sendStreamedBody(bytes: number) {
    const body = streamedBody(bytes);
    const response = sessions.ADMIN.request("/api/actors", {
      ...body.init,
      headers: { "content-type": "application/json" },
    });
    return { ...body, response };
  }

  it("a body over the limit is refused while it streams in, whatever Content-Length it claims, and the client reads why", async () => {
    const actorsBefore = await db.actor.count();
    // Four times the limit, sent as fast as the server reads: the server keeps none of it past the limit, and reads
    // the rest only to throw it away, so the client gets the answer rather than a reset connection. Fifteen times in
    // a row, because the reset is a race: with the old cancel-at-the-limit, about one upload in six lost it here.
    for (let attempt = 0; attempt < 15; attempt++) {
      const response = await sendStreamedBody(4 * bodyLimits.json).response;
      expect(response.status).toBe(413);
      expect(((await response.json()) as { error: string }).error).toMatch(/larger than 1 MB, the most this request accepts/);
    }
    expect(await db.actor.count()).toBe(actorsBefore);
  });

  // CI caught it once: an anonymous upload with a forged header got "fetch failed" (EPIPE) instead of its 401. A request
  // refused before its body was read (not signed in, a role that may not write) left the body unread, and the
  // connection was closed under a client still sending. Fifteen times each, as a session that expired mid-upload
  // and as a viewer: every client reads its refusal.
  it("a request refused before its body is read still lets the client finish sending and read why", async () => {
    const sourcesBefore = await db.source.count();
    for (const [role, status] of [
      ["anonymous", 401],
      ["VIEWER", 403],
    ] as const) {
      for (let attempt = 0; attempt < 15; attempt++) {
        const body = streamedBody(2 * 1024 * 1024);
        const response = await sessions[role].request("/api/sources/import", {
          ...body.init,
          headers: { "content-type": "multipart/form-data; boundary=x" },
        });
        body.stop();
        expect([role, attempt, response.status]).toEqual([role, attempt, status]);
        expect(((await response.json()) as { error: string }).error).toMatch(/\w+/);
      }
    }
    expect(await db.source.count()).toBe(sourcesBefore);
  });

  // Last: the endless body's connection is cut, which ends the session's keep-alive connection with it.
  it("a body that never ends is cut off after the limit and a bounded discard, and the server answers the next request", async () => {
    const readLimit = bodyLimits.json + refusedBodyDiscardBytes;
    // "Never ends" as far as the server can tell: four times what it may read. Were the server to read it all, the
    // stream would end and the count below would show it.
    const endless = sendStreamedBody(4 * readLimit);
    try {
      // Cut off: a 413 if it arrived before the reset, or a broken connection; never a hang, never a 2xx.
      const outcome = await endless.response.then(
        (response) => response.status,
        () => "connection closed",
      );
      expect([413, "connection closed"]).toContain(outcome);
      // The server stopped reading: at most the limit and the discard, plus what the sockets' buffers held.
      expect(endless.progress.sent).toBeLessThan(readLimit + 8 * 1024 * 1024);
    } finally {
      endless.stop();
    }
    const next = await sessions.ADMIN.request("/api/actors");
    expect(next.status).toBe(200);
  });
});
