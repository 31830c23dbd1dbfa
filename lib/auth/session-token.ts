import "server-only";
import { hkdf, randomUUID } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { JWTDecodeParams, JWTEncodeParams, JWT } from "next-auth/jwt";

// next-auth v4's own encode/decode, byte for byte (A256GCM with a key derived by
// HKDF from NEXTAUTH_SECRET), except that the derived key is computed once per
// secret instead of twice per request: every signed-in request decodes the cookie
// and re-encodes it to extend it, and the two derivations were the largest single
// cost of a small API request (docs/benchmarks.md, "Where a stance request's time goes").
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
