// Over HTTP against the built app: security headers, error bodies, and account
// changes that take effect on the very next request.
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { hashPassword } from "@/lib/users/passwords";
import { anonymousSession, signInOverHttp } from "../support/http-session";
import { createActor, createSource, createStanceCoding, createStatement, createUser } from "../support/factories";
import { testLane } from "../support/lane";

const appUrl = testLane().appUrl;
const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

const password = "an analyst's long passphrase";

async function analystWithCoding() {
  const user = await createUser(db, "ANALYST");
  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  const source = await createSource(db);
  const statement = await createStatement(db, { source, speakerId: (await createActor(db)).id, quote: "We seek calm," });
  const coding = await createStanceCoding(db, { statement, targetId: (await createActor(db)).id, coderId: user.id, score: 0 });
  return { user, coding };
}

const edit = (version: number, score: number) => ({
  method: "PATCH",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ version, score, isConditional: false, confidence: "MEDIUM", rationale: `now ${score}` }),
});

describe("responses", () => {
  it("carry the security headers on pages, API responses and errors, and no X-Powered-By", async () => {
    for (const path of ["/sign-in", "/api/auth/csrf", "/no-such-page", "/api/codings/unknown"]) {
      const response = await fetch(`${appUrl}${path}`, { redirect: "manual" });
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain("unsafe-eval");
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("x-powered-by"), path).toBeNull();
    }
  });

  it("send anonymous visitors to the sign-in page and give them nothing else", async () => {
    const anonymous = anonymousSession(appUrl);
    for (const path of ["/", "/codings", "/admin/users"]) {
      const response = await anonymous.request(path);
      expect([307, 303, 302], path).toContain(response.status);
      expect(response.headers.get("location"), path).toMatch(/\/sign-in\?callbackUrl=/);
    }
    const page = await anonymous.request("/sign-in");
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain("Velayati");
  });

  it("explain malformed and invalid requests without leaking internals, changing nothing", async () => {
    const { user, coding } = await analystWithCoding();
    const session = await signInOverHttp(appUrl, user.email, password);
    const notJson = await session.request(`/api/codings/${coding.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: "The request body must be JSON." });

    const invalid = await session.request(`/api/codings/${coding.id}`, edit(1, 9));
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ fieldErrors: { score: "must be at most +3 (very conciliatory)" } });

    const missing = await session.request(`/api/codings/does-not-exist`, edit(1, 1));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "This coding was not found. It may have been deleted." });

    const crossSite = await session.request(`/api/codings/${coding.id}`, {
      ...edit(1, 2),
      headers: { "content-type": "application/json", origin: "https://evil.example" },
    });
    expect(crossSite.status).toBe(403);
    expect((await db.stanceCoding.findUniqueOrThrow({ where: { id: coding.id } })).version).toBe(1);
  });

  it("return 409 with the current values for a stale edit", async () => {
    const { user, coding } = await analystWithCoding();
    const session = await signInOverHttp(appUrl, user.email, password);
    expect((await session.request(`/api/codings/${coding.id}`, edit(1, 2))).status).toBe(200);
    const stale = await session.request(`/api/codings/${coding.id}`, edit(1, -1));
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({
      error: expect.stringMatching(/newer version/),
      current: { id: coding.id, version: 2, score: 2, rationale: "now 2" },
    });
  });
});

describe("account changes", () => {
  it("take effect on the next request: a demoted analyst can no longer edit, a disabled one is signed out", async () => {
    const { user, coding } = await analystWithCoding();
    const session = await signInOverHttp(appUrl, user.email, password);
    expect((await session.request(`/api/codings/${coding.id}`, edit(1, 1))).status).toBe(200);

    await db.user.update({ where: { id: user.id }, data: { role: "VIEWER" } });
    expect((await session.request(`/api/codings/${coding.id}`, edit(2, 2))).status).toBe(403);

    await db.user.update({ where: { id: user.id }, data: { role: "ANALYST", disabledAt: new Date() } });
    expect((await session.request(`/api/codings/${coding.id}`, edit(2, 2))).status).toBe(401);
    expect((await session.request("/")).headers.get("location")).toMatch(/\/sign-in/);
  });

  it("take effect on the stance endpoint's next request: a demoted administrator sees only their own blind codings, a disabled one nothing", async () => {
    const administrator = await createUser(db, "ADMIN");
    await db.user.update({ where: { id: administrator.id }, data: { passwordHash: await hashPassword(password) } });
    const target = await createActor(db);
    // A blind-coding source (the default), coded by someone else: administrators see it, a plain analyst does not.
    const source = await createSource(db);
    const statement = await createStatement(db, { source, speakerId: (await createActor(db)).id, quote: "We seek calm," });
    await createStanceCoding(db, { statement, targetId: target.id, coderId: (await createUser(db, "ANALYST")).id, score: 2 });
    const session = await signInOverHttp(appUrl, administrator.email, password);
    const path = `/api/stance?target=${target.slug}&from=2024-10-01&to=2024-11-30`;
    const seriesCount = async () => {
      const response = await session.request(path);
      return response.status === 200 ? ((await response.json()) as { series: unknown[] }).series.length : response.status;
    };
    expect(await seriesCount()).toBe(1);

    await db.user.update({ where: { id: administrator.id }, data: { role: "ANALYST" } });
    expect(await seriesCount()).toBe(0);

    await db.user.update({ where: { id: administrator.id }, data: { role: "ADMIN", disabledAt: new Date() } });
    expect(await seriesCount()).toBe(401);
  });

  it("revoke every earlier session when sessions are invalidated", async () => {
    const { user, coding } = await analystWithCoding();
    const session = await signInOverHttp(appUrl, user.email, password);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await db.user.update({ where: { id: user.id }, data: { sessionsValidFrom: new Date(Math.floor(Date.now() / 1000) * 1000) } });
    expect((await session.request(`/api/codings/${coding.id}`, edit(1, 1))).status).toBe(401);
  });
});

// Pages and API routes read the session cookie themselves (lib/auth/session-token.ts) rather than through
// next-auth's request handler; what it accepts, refuses and refreshes must not change.
describe("the session cookie", () => {
  const sessionCookieOf = (session: { cookies: { name: string; value: string }[] }) =>
    session.cookies.find((cookie) => cookie.name.endsWith("next-auth.session-token"))!;
  const withSessionToken = (cookie: string, name: string, value: string) =>
    cookie
      .split("; ")
      .map((pair) => (pair.startsWith(`${name}=`) ? `${name}=${value}` : pair))
      .join("; ");

  it("is read, not re-issued, by pages and API routes; next-auth's session endpoint still refreshes it", async () => {
    const { user } = await analystWithCoding();
    const session = await signInOverHttp(appUrl, user.email, password);
    for (const path of ["/api/stance", "/sources"]) {
      const response = await session.request(path);
      expect(response.status, path).toBe(200);
      expect(
        response.headers.getSetCookie().filter((header) => header.includes("session-token")),
        path,
      ).toEqual([]);
    }
    const refreshed = await session.request("/api/auth/session");
    expect(refreshed.status).toBe(200);
    const { name } = sessionCookieOf(session);
    const reissued = refreshed.headers
      .getSetCookie()
      .find((header) => header.startsWith(`${name}=`))!
      .split(";")[0]!
      .slice(name.length + 1);
    expect(reissued).not.toBe(sessionCookieOf(session).value);
    const withRefreshed = await fetch(`${appUrl}/api/stance`, { headers: { cookie: withSessionToken(session.cookie, name, reissued) } });
    expect(withRefreshed.status).toBe(200);
  });

  it("counts as signed out when tampered with", async () => {
    const { user } = await analystWithCoding();
    const session = await signInOverHttp(appUrl, user.email, password);
    const { name, value } = sessionCookieOf(session);
    const tampered = `${value.slice(0, -4)}${value.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
    const cookie = withSessionToken(session.cookie, name, tampered);
    expect((await fetch(`${appUrl}/api/stance`, { headers: { cookie } })).status).toBe(401);
    const page = await fetch(`${appUrl}/sources`, { headers: { cookie }, redirect: "manual" });
    expect(page.headers.get("location")).toMatch(/\/sign-in\?callbackUrl=/);
  });

  // A probe of junk cookies found next-auth answering 500 on its session and CSRF endpoints to a callback-url cookie
  // it could not use (lib/auth/callback-path.ts, refuseUnusableCallbackUrl): now a 400 that clears it.
  it("counts junk in any of next-auth's cookies as no cookie, never as a server error", async () => {
    const junk = ["%%%", "a.b.c.d.e", "x".repeat(4000), '{"a":1}', "éé", ".........."];
    const names = ["next-auth.session-token", "next-auth.session-token.0", "next-auth.csrf-token", "next-auth.callback-url"];
    const failures: string[] = [];
    for (const name of names)
      for (const value of junk)
        for (const path of ["/", "/sign-in", "/api/stance", "/api/auth/session", "/api/auth/csrf"]) {
          const cookie = `${name}=${encodeURIComponent(value)}; ${name}.1=${encodeURIComponent(value)}`;
          const response = await fetch(`${appUrl}${path}`, { headers: { cookie }, redirect: "manual" });
          const text = await response.text();
          if (response.status >= 500 || /\$RX\(|data-dgst|Something went wrong/.test(text))
            failures.push(`${path} with ${name}=${value.slice(0, 12)} → ${response.status}`);
        }
    expect(failures).toEqual([]);
    const damaged = await fetch(`${appUrl}/api/auth/session`, { headers: { cookie: "next-auth.callback-url=a.b.c" } });
    expect(damaged.status).toBe(400);
    expect(damaged.headers.get("set-cookie")).toMatch(/^next-auth\.callback-url=; Path=\/; Max-Age=0/);
    expect((await fetch(`${appUrl}/api/auth/session`)).status).toBe(200);
  });
});
