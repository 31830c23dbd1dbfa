import "server-only";
import { hkdf, randomUUID } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { JWTDecodeParams, JWTEncodeParams, JWT } from "next-auth/jwt";
import type { Environment } from "../config/environment";

// next-auth v4's own encode/decode, byte for byte (A256GCM with a key derived by
// HKDF from NEXTAUTH_SECRET), except that the derived key is computed once per
// secret instead of twice per request: every signed-in request decoded the cookie
// (and, through next-auth's handler, re-encoded it), and the two derivations were
// the largest single cost of a small API request (docs/benchmarks.md). Pages and
// API routes now only decode it (readSessionClaims, below; decision 0037).
const derivedKeys = new Map<string, Promise<Uint8Array>>();

function derivedEncryptionKey(secret: string | Buffer, salt: string): Promise<Uint8Array> {
  const cacheKey = `${salt}\u0000${typeof secret === "string" ? secret : secret.toString("base64")}`;
  let key = derivedKeys.get(cacheKey);
  if (!key) {
    const info = `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`;
    key = new Promise((resolve, reject) =>
      hkdf("sha256", secret, salt, info, 32, (error, bytes) => (error ? reject(error) : resolve(new Uint8Array(bytes)))),
    );
    derivedKeys.set(cacheKey, key);
  }
  return key;
}

const defaultMaxAgeSeconds = 30 * 24 * 60 * 60;

export async function encodeSessionToken({ token = {}, secret, maxAge = defaultMaxAgeSeconds, salt = "" }: JWTEncodeParams): Promise<string> {
  const key = await derivedEncryptionKey(secret, salt);
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + maxAge)
    .setJti(randomUUID())
    .encrypt(key);
}

export async function decodeSessionToken({ token, secret, salt = "" }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, await derivedEncryptionKey(secret, salt), { clockTolerance: 15 });
  return payload as JWT;
}

/** What a valid session token says: who signed in, which server-side session, and when it was issued (seconds). */
export type SessionClaims = { userId: string; sessionId: string; issuedAt: number };

const sessionCookieBaseName = "next-auth.session-token";

/**
 * The session cookie's name as next-auth v4 chooses it: `__Secure-` prefixed when the
 * app's origin is https (NEXTAUTH_URL, or, behind a trusted host, the forwarded protocol).
 */
export function sessionCookieName(environment: Environment, forwardedProtocol: string | null): string {
  const origin = environment.NEXTAUTH_URL
    ? environment.NEXTAUTH_URL
    : (environment.VERCEL ?? environment.AUTH_TRUST_HOST)
      ? `${forwardedProtocol === "http" ? "http" : "https"}://`
      : "";
  return origin.startsWith("https://") ? `__Secure-${sessionCookieBaseName}` : sessionCookieBaseName;
}

/**
 * Reads the session straight from the request's cookies, as next-auth's session
 * handler does (a large token is split over `name.0`, `name.1`, …), and checks it
 * (signature and expiry). Null when there is none or it is not valid.
 *
 * Pages and API routes call this instead of next-auth's getServerSession, which
 * in the App Router runs next-auth's whole request handler for every request:
 * it makes a CSRF token, and re-encrypts the session into a refreshed cookie that
 * a page or route handler cannot send, so it was thrown away (about a tenth of a
 * small API request's CPU time; docs/benchmarks.md). The token is neither changed
 * nor extended here; next-auth's own `/api/auth/session` still refreshes it.
 */
export async function readSessionClaims(
  cookies: readonly { name: string; value: string }[],
  cookieName: string,
  secret: string,
): Promise<SessionClaims | null> {
  const chunks = cookies.filter((cookie) => cookie.name.startsWith(cookieName));
  if (chunks.length === 0) return null;
  const chunkIndex = (name: string) => Number.parseInt(name.split(".").pop() ?? "0") || 0;
  const token = chunks
    .sort((first, second) => chunkIndex(first.name) - chunkIndex(second.name))
    .map((cookie) => cookie.value)
    .join("");
  let payload: JWT | null;
  try {
    payload = await decodeSessionToken({ token, secret });
  } catch {
    // Tampered with, signed with another secret, or expired: no session, as next-auth would say.
    return null;
  }
  if (typeof payload?.sub !== "string" || typeof payload.sid !== "string") return null;
  return { userId: payload.sub, sessionId: payload.sid, issuedAt: typeof payload.iat === "number" ? payload.iat : 0 };
}
