// Reading the session straight from the request's cookies (lib/auth/session-token.ts), which pages and API
// routes do instead of running next-auth's request handler: it must accept exactly what next-auth would.
import { EncryptJWT } from "jose";
import { hkdfSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { encodeSessionToken, readSessionClaims, sessionCookieName } from "@/lib/auth/session-token";

const secret = "a test secret of at least thirty-two characters";
const cookieName = "next-auth.session-token";
const claims = { sub: "user-1", sid: "session-1" };

describe("readSessionClaims", () => {
  it("reads who signed in, the server-side session and the issue time from a token next-auth encoded", async () => {
    const before = Math.floor(Date.now() / 1000);
    const token = await encodeSessionToken({ token: claims, secret, maxAge: 60 });
    const read = await readSessionClaims([{ name: cookieName, value: token }], cookieName, secret);
    expect(read).toMatchObject({ userId: "user-1", sessionId: "session-1" });
    expect(read!.issuedAt).toBeGreaterThanOrEqual(before);
  });

  it("reads a token that next-auth's own key derivation encrypted (the format is next-auth's, not ours)", async () => {
    const key = new Uint8Array(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32));
    const token = await new EncryptJWT(claims)
      .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
      .setIssuedAt()
      .setExpirationTime("1h")
      .encrypt(key);
    expect(await readSessionClaims([{ name: cookieName, value: token }], cookieName, secret)).toMatchObject({ userId: "user-1" });
  });

  it("joins a token next-auth split over numbered cookies, in their order", async () => {
    const token = await encodeSessionToken({ token: claims, secret, maxAge: 60 });
    const cut = Math.floor(token.length / 2);
    const chunks = [
      { name: `${cookieName}.1`, value: token.slice(cut) },
      { name: "other", value: "x" },
      { name: `${cookieName}.0`, value: token.slice(0, cut) },
    ];
    expect(await readSessionClaims(chunks, cookieName, secret)).toMatchObject({ sessionId: "session-1" });
  });

  it("refuses an expired token, one signed with another secret, a tampered one, one without a session, and no cookie", async () => {
    const expired = await encodeSessionToken({ token: claims, secret, maxAge: -60 });
    expect(await readSessionClaims([{ name: cookieName, value: expired }], cookieName, secret)).toBeNull();
    const foreign = await encodeSessionToken({ token: claims, secret: `${secret} but another`, maxAge: 60 });
    expect(await readSessionClaims([{ name: cookieName, value: foreign }], cookieName, secret)).toBeNull();
    const valid = await encodeSessionToken({ token: claims, secret, maxAge: 60 });
    const tampered = `${valid.slice(0, -4)}${valid.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
    expect(await readSessionClaims([{ name: cookieName, value: tampered }], cookieName, secret)).toBeNull();
    const withoutSession = await encodeSessionToken({ token: { sub: "user-1" }, secret, maxAge: 60 });
    expect(await readSessionClaims([{ name: cookieName, value: withoutSession }], cookieName, secret)).toBeNull();
    expect(await readSessionClaims([{ name: "next-auth.csrf-token", value: valid }], cookieName, secret)).toBeNull();
    expect(await readSessionClaims([], cookieName, secret)).toBeNull();
  });

  it("reads only the cookie of the name it is given (the __Secure- one over https)", async () => {
    const token = await encodeSessionToken({ token: claims, secret, maxAge: 60 });
    const secureName = `__Secure-${cookieName}`;
    expect(await readSessionClaims([{ name: cookieName, value: token }], secureName, secret)).toBeNull();
    expect(await readSessionClaims([{ name: secureName, value: token }], secureName, secret)).toMatchObject({ userId: "user-1" });
  });
});

describe("sessionCookieName", () => {
  it("is __Secure- prefixed exactly when next-auth's origin is https", () => {
    expect(sessionCookieName({ NEXTAUTH_URL: "https://stance.example" }, null)).toBe(`__Secure-${cookieName}`);
    expect(sessionCookieName({ NEXTAUTH_URL: "http://localhost:3000" }, "https")).toBe(cookieName);
    expect(sessionCookieName({}, "https")).toBe(cookieName);
    expect(sessionCookieName({ AUTH_TRUST_HOST: "1" }, "https")).toBe(`__Secure-${cookieName}`);
    expect(sessionCookieName({ AUTH_TRUST_HOST: "1" }, "http")).toBe(cookieName);
  });
});
