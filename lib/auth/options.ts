import "server-only";
import { randomBytes } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { serverEnvironment, type Environment } from "../config/environment";
import { trustedClientAddress } from "../http/trusted-server";
import { signInSchema } from "../users/schemas";
import { attemptSignIn } from "./sign-in";
import { decodeSessionToken, encodeSessionToken } from "./session-token";
import { endSession } from "./sign-out";

/** NEXTAUTH_SECRET signs the session tokens; production must set it (npm start generates one). */
export function resolveAuthSecret(environment: Environment = serverEnvironment()): string {
  const secret = environment.NEXTAUTH_SECRET;
  if (secret && secret.length >= 32) return secret;
  if (secret) throw new Error("NEXTAUTH_SECRET is too short: use at least 32 random characters, e.g. from `openssl rand -base64 32`.");
  if (environment.NODE_ENV === "production") {
    throw new Error(
      "NEXTAUTH_SECRET is not set. Set it to at least 32 random characters (`openssl rand -base64 32`); `npm start` generates and keeps one for you.",
    );
  }
  // Development only: a fresh secret per process; sessions end when the dev server restarts.
  const shared = globalThis as unknown as { stancewatchDevelopmentSecret?: string };
  shared.stancewatchDevelopmentSecret ??= randomBytes(32).toString("base64");
  return shared.stancewatchDevelopmentSecret;
}

export const sessionLifetimeSeconds = 8 * 60 * 60;

export function buildAuthOptions(): NextAuthOptions {
  return {
    secret: resolveAuthSecret(),
    session: { strategy: "jwt", maxAge: sessionLifetimeSeconds },
    jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
    pages: { signIn: "/sign-in", signOut: "/sign-out", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const parsed = signInSchema.safeParse(credentials ?? {});
          if (!parsed.success) throw new Error("Enter your e-mail address and password.");
          const result = await attemptSignIn({ ...parsed.data, clientAddress: trustedClientAddress(request?.headers) });
          // next-auth hands this message to the sign-in form.
          if (!result.ok) throw new Error(result.message);
          return { id: result.user.id, email: result.user.email, name: result.user.name, sessionId: result.sessionId };
        },
      }),
    ],
    callbacks: {
      // The token carries only who signed in, when, and which server-side
      // session it belongs to; role, account state and whether the session
      // has ended are read from the database on every request (lib/auth/session.ts).
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sid = (user as { sessionId?: string }).sessionId;
          // No name or e-mail in the cookie: next-auth's /api/auth/session would show them to
          // whoever holds a copy, even after the session has ended.
          delete token.name;
          delete token.email;
          delete token.picture;
        }
        return token;
      },
      session({ session, token }) {
        return {
          ...session,
          userId: token.sub,
          sessionId: typeof token.sid === "string" ? token.sid : undefined,
          issuedAt: typeof token.iat === "number" ? token.iat : 0,
        };
      },
    },
    events: {
      // next-auth calls this on a signed (CSRF-checked) sign-out with the decoded token.
      async signOut({ token }) {
        if (typeof token?.sid === "string" && typeof token.sub === "string") await endSession(token.sub, token.sid);
      },
    },
  };
}
