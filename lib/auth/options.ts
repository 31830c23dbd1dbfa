import "server-only";
import { randomBytes } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { signInSchema } from "../users/schemas";
import { attemptSignIn } from "./sign-in";

/** NEXTAUTH_SECRET signs the session tokens; production must set it (npm start generates one). */
export function resolveAuthSecret(environment: Record<string, string | undefined> = process.env): string {
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

/**
 * The address that sent the request: the right-most x-forwarded-for entry,
 * which the nearest proxy (or Next.js itself, when the header is absent) wrote.
 */
export function clientAddressOf(headers: Record<string, string | string[] | undefined> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const value = Array.isArray(forwarded) ? forwarded.join(",") : forwarded;
  return value?.split(",").at(-1)?.trim() || "unknown";
}

export const sessionLifetimeSeconds = 8 * 60 * 60;

export function buildAuthOptions(): NextAuthOptions {
  return {
    secret: resolveAuthSecret(),
    session: { strategy: "jwt", maxAge: sessionLifetimeSeconds },
    pages: { signIn: "/sign-in", signOut: "/sign-out", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const parsed = signInSchema.safeParse(credentials ?? {});
          if (!parsed.success) throw new Error("Enter your e-mail address and password.");
          const result = await attemptSignIn({ ...parsed.data, clientAddress: clientAddressOf(request?.headers) });
          // next-auth hands this message to the sign-in form.
          if (!result.ok) throw new Error(result.message);
          return { id: result.user.id, email: result.user.email, name: result.user.name };
        },
      }),
    ],
    callbacks: {
      // The token carries only who signed in and when; role and account state
      // are read from the database on every request (lib/auth/session.ts).
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.sub, issuedAt: typeof token.iat === "number" ? token.iat : 0 };
      },
    },
  };
}
