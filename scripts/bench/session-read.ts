// The CPU cost per request of finding out who is signed in, before and after
// decision 0037: next-auth's request handler with the "session" action (what
// getServerSession ran for every page and API request: options, cookies, a CSRF
// token, decryption, and a refreshed token encrypted into a cookie that was then
// thrown away) against readSessionClaims (decryption only). Alternating rounds
// in one process, so load on the machine falls on both alike.
//   npx tsx --conditions=react-server scripts/bench/session-read.ts
import os from "node:os";
import { createRequire } from "node:module";
import type { AuthOptions } from "next-auth";
import { decodeSessionToken, encodeSessionToken, readSessionClaims } from "../../lib/auth/session-token";
import { summariseTimings } from "./statistics";

type AuthHandlerResult = { body?: { userId?: string } };
// next-auth's core is not among its package's exports; getServerSession calls it exactly like this.
const { AuthHandler } = createRequire(import.meta.url)("../../node_modules/next-auth/core/index.js") as {
  AuthHandler: (parameters: unknown) => Promise<AuthHandlerResult>;
};

const secret = "a benchmark secret of at least thirty-two characters";
process.env.NEXTAUTH_URL = "http://127.0.0.1:3000";
const cookieName = "next-auth.session-token";
const token = await encodeSessionToken({ token: { sub: "user-1", sid: "session-1" }, secret, maxAge: 3600 });
const cookies = { [cookieName]: token, "next-auth.csrf-token": "token%7Chash" };

// lib/auth/options.ts's session settings and callbacks, without the credentials provider (getServerSession drops providers too).
const options: AuthOptions = {
  secret,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
  pages: { signIn: "/sign-in", signOut: "/sign-out", error: "/sign-in" },
  providers: [],
  callbacks: {
    jwt: ({ token: current }) => current,
    session: ({ session, token: current }) => ({ ...session, userId: current.sub, sessionId: current.sid, issuedAt: current.iat }),
  },
};

async function throughNextAuth(): Promise<void> {
  const result = await AuthHandler({
    options,
    req: { action: "session", method: "GET", cookies, headers: { host: "127.0.0.1:3000", cookie: `${cookieName}=${token}` } },
  });
  if (!result.body?.userId) throw new Error("next-auth found no session");
}

async function direct(): Promise<void> {
  const claims = await readSessionClaims(
    Object.entries(cookies).map(([name, value]) => ({ name, value })),
    cookieName,
    secret,
  );
  if (!claims) throw new Error("readSessionClaims found no session");
}

async function millisecondsEach(work: () => Promise<void>, times: number): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < times; index += 1) await work();
  return (performance.now() - started) / times;
}

const loadAverage = os.loadavg()[0]!;
await millisecondsEach(throughNextAuth, 300);
await millisecondsEach(direct, 300);
const before: number[] = [];
const after: number[] = [];
for (let round = 0; round < 10; round += 1) {
  before.push(await millisecondsEach(throughNextAuth, 200));
  after.push(await millisecondsEach(direct, 200));
}
console.log(
  `next-auth's handler ${summariseTimings(before).median.toFixed(3)} ms per request, readSessionClaims ${summariseTimings(after).median.toFixed(3)} ms ` +
    `(medians of 10 alternating rounds of 200; load average ${loadAverage.toFixed(1)})`,
);
