import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDatabase } from "../database/client";
import { readRows } from "../database/direct-sql";
import { Prisma } from "../generated/prisma/client";
import type { Role } from "../generated/prisma/enums";
import { serverEnvironment } from "../config/environment";
import { resolveAuthSecret } from "./options";
import { readSessionClaims, sessionCookieName } from "./session-token";

export type SignedInUser = { id: string; role: Role; isAdjudicator: boolean; name: string; email: string; mustChangePassword: boolean };

/** sessionsValidFrom in whole seconds since the epoch (the column holds UTC without a zone), as token issue times are. */
type ActingUserRow = SignedInUser & { sessionsValidFromSeconds: number };

/**
 * The signed-in user for this request, read from the database every time, so
 * a role change, a disabled account, a revoked or signed-out session takes effect on the
 * next request rather than when the token expires. Null when nobody is.
 */
export const getActingUser = cache(async (): Promise<SignedInUser | null> => {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  const environment = serverEnvironment();
  // Tokens without a server-side session (issued before sessions were kept) are refused too.
  const session = await readSessionClaims(
    cookieStore.getAll(),
    sessionCookieName(environment, headerStore.get("x-forwarded-proto")),
    resolveAuthSecret(environment),
  );
  if (!session) return null;
  // One round trip: the user together with the token's session, which must still be open. Every API
  // request and page pays for this read, so it is a single narrow query (by the session's primary key) rather
  // than a user and its sessions, sent through node-postgres rather than Prisma (readRows).
  const [user] = await readRows<ActingUserRow>(
    getDatabase(),
    Prisma.sql`
      SELECT u.id, u.role::text AS role, u."isAdjudicator", u.name, u.email, u."mustChangePassword",
        floor(extract(epoch FROM u."sessionsValidFrom"))::float8 AS "sessionsValidFromSeconds"
      FROM "UserSession" s JOIN "User" u ON u.id = s."userId"
      WHERE s.id = ${session.sessionId} AND s."userId" = ${session.userId} AND s."endedAt" IS NULL AND u."disabledAt" IS NULL`,
  );
  if (!user) return null;
  // Token issue times are whole seconds, so the comparison is too (see revocationInstant).
  if (session.issuedAt < user.sessionsValidFromSeconds) return null;
  return {
    id: user.id,
    role: user.role,
    isAdjudicator: user.isAdjudicator,
    name: user.name,
    email: user.email,
    mustChangePassword: user.mustChangePassword,
  };
});

/** For pages: the signed-in user, or a redirect to sign in (or to set a new password first). */
export async function requirePageUser(currentPath: string): Promise<SignedInUser> {
  const user = await getActingUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(currentPath)}`);
  if (user.mustChangePassword && currentPath !== "/account/password") redirect("/account/password");
  return user;
}
