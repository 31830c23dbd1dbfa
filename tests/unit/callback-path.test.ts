import { describe, expect, it } from "vitest";
import { refuseUnusableCallbackUrl, safeCallbackPath } from "@/lib/auth/callback-path";

describe("safeCallbackPath", () => {
  it("keeps paths on this site", () => {
    expect(safeCallbackPath("/codings/abc?tab=1")).toBe("/codings/abc?tab=1");
  });

  it("refuses other sites, however disguised, and loops through sign-in or sign-out", () => {
    for (const unsafe of [
      undefined,
      "",
      "https://evil.example/",
      "//evil.example/",
      "/\\evil.example",
      "javascript:alert(1)",
      "/sign-in",
      "/sign-out?x=1",
      "/sign-in/",
    ]) {
      expect(safeCallbackPath(unsafe), String(unsafe)).toBe("/");
    }
    expect(safeCallbackPath("/sign-in-help")).toBe("/sign-in-help");
  });
});

describe("refuseUnusableCallbackUrl", () => {
  const request = (query: string, cookie?: string) =>
    new Request(`http://localhost:3000/api/auth/session${query}`, { headers: cookie === undefined ? {} : { cookie } });

  it("lets through requests whose callback URL next-auth can use, in its cookie or its parameter, or none", () => {
    expect(refuseUnusableCallbackUrl(request(""))).toBeNull();
    expect(refuseUnusableCallbackUrl(request("?callbackUrl=%2Fcodings"))).toBeNull();
    expect(refuseUnusableCallbackUrl(request("", "next-auth.callback-url=http%3A%2F%2Flocalhost%3A3000%2F; other=%%%"))).toBeNull();
    expect(refuseUnusableCallbackUrl(request("", "__Secure-next-auth.callback-url=%2Fsources"))).toBeNull();
  });

  // next-auth answered these with a 500 on every one of its routes, /api/auth/session included.
  it("refuses a junk callback cookie with a 400 that clears it, and a junk parameter with a 400 that says what to send", async () => {
    for (const junk of ["a.b.c.d.e", "%25%25%25", "%%%", "%7B%22a%22%3A1%7D", "javascript%3Aalert(1)"]) {
      const refused = refuseUnusableCallbackUrl(request("", `next-auth.callback-url=${junk}`))!;
      expect(refused.status, junk).toBe(400);
      expect(refused.headers.get("set-cookie")).toBe("next-auth.callback-url=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
      expect(((await refused.json()) as { error: string }).error).toMatch(/damaged sign-in return address/);
    }
    const secure = refuseUnusableCallbackUrl(request("", "__Secure-next-auth.callback-url=junk"))!;
    expect(secure.headers.get("set-cookie")).toMatch(/^__Secure-next-auth\.callback-url=;.*; Secure$/);
    const parameter = refuseUnusableCallbackUrl(request("?callbackUrl=a.b.c"))!;
    expect(parameter.status).toBe(400);
    expect(((await parameter.json()) as { error: string }).error).toMatch(/“callbackUrl” must be a path on this site/);
  });
});
