import "server-only";
import { randomBytes } from "node:crypto";
import { recordAudit } from "../audit/record-audit";
import { getDatabase } from "../database/client";
import type { Role, SignInOutcome } from "../generated/prisma/enums";
import { throttlingKey } from "../http/client-address";
import { verifyPassword } from "../users/passwords";
import {
  describeLock,
  knownAddressSince,
  refusalWindowStart,
  retentionCutoff,
  throttledOutcomes,
  throttledUntil,
  throttleLookback,
} from "./lockout";

export type SignInResult =
  { ok: true; user: { id: string; email: string; name: string; role: Role }; sessionId: string } | { ok: false; message: string };

const wrongCredentials = "Wrong e-mail address or password.";
// Verified against when the account does not exist, so that a wrong e-mail
// takes as long as a wrong password and does not reveal which accounts exist.
const decoyHash = "$argon2id$v=19$m=19456,t=2,p=1$AVosJM1E98leRI2JiR+Sew$K/DidtmWmszxN6+YmUYCDEmH17QRlS++FzDR9BSxvpc";
// Advisory-lock namespaces; always taken in this order (account, then address), so two attempts cannot deadlock.
const accountLockNamespace = 1_001;
const addressLockNamespace = 1_002;
// At most this many expired rows are deleted per table per attempt, so pruning never makes a sign-in slow.
const pruneBatch = 200;

/**
 * Checks a sign-in against the throttling rules and the stored hash. The
 * check and the recording of the attempt happen in one transaction under
 * advisory locks on the account and the client address, before the (slow)
 * password verification, so a parallel burst gets no more verifications than
 * the rules allow. `now` is a parameter so tests can move the clock.
 */
export async function attemptSignIn(
  input: { email: string; password: string; clientAddress: string },
  now: Date = new Date(),
): Promise<SignInResult> {
  const db = getDatabase();
  const email = input.email.trim().toLowerCase();
  // Throttling and its records use the address's network for IPv6; the audit keeps the exact address.
  const clientAddress = throttlingKey(input.clientAddress);

  const admission = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(${accountLockNamespace}::int, hashtext(${email}))`;
    await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(${addressLockNamespace}::int, hashtext(${clientAddress}))`;
    const [user, failures, knownAddress] = await Promise.all([
      tx.user.findUnique({ where: { email }, select: { signInUnlockedAt: true } }),
      tx.signInAttempt.findMany({
        where: {
          // No upper bound: an attempt that read the clock after this one may have
          // taken the lock first, and its row must count.
          at: { gte: throttleLookback(now) },
          outcome: { in: [...throttledOutcomes] },
          OR: [{ email }, { clientAddress }],
        },
        select: { at: true, email: true, clientAddress: true },
      }),
      tx.signInAttempt.findFirst({
        where: { email, clientAddress, outcome: "SUCCESS", at: { gte: knownAddressSince(now) } },
        select: { id: true },
      }),
    ]);
    const until = throttledUntil(
      { email, clientAddress, knownAddress: knownAddress !== null, unlockedAt: user?.signInUnlockedAt ?? null },
      failures,
      now,
    );
    if (until) {
      // Refusals are counted, not stored one by one: a flood writes one row per address and hour.
      const windowStart = refusalWindowStart(now);
      await tx.signInRefusalCount.upsert({
        where: { windowStart_clientAddress: { windowStart, clientAddress } },
        create: { windowStart, clientAddress, refusals: 1 },
        update: { refusals: { increment: 1 } },
      });
      return { refusedUntil: until } as const;
    }
    const attempt = await tx.signInAttempt.create({ data: { at: now, email, clientAddress, outcome: "VERIFYING" }, select: { id: true } });
    return { attemptId: attempt.id } as const;
  });
  await pruneExpired(now);
  if (admission.refusedUntil) return { ok: false, message: describeLock(admission.refusedUntil, now) };

  const user = await db.user.findUnique({ where: { email } });
  const passwordMatches = await verifyPassword(user?.passwordHash ?? decoyHash, input.password).catch(() => false);
  const outcome: SignInOutcome =
    !user || !user.passwordHash ? "UNKNOWN_ACCOUNT" : !passwordMatches ? "WRONG_PASSWORD" : user.disabledAt ? "DISABLED" : "SUCCESS";
  const signedIn = outcome === "SUCCESS" ? user : null;
  const sessionId = randomBytes(32).toString("base64url");
  await db.$transaction(async (tx) => {
    await tx.signInAttempt.update({ where: { id: admission.attemptId! }, data: { outcome } });
    if (signedIn) await tx.userSession.create({ data: { id: sessionId, userId: signedIn.id, createdAt: now } });
    // Only attempts on real accounts are audited (the audit trail is permanent); attempts on
    // unknown e-mails stay in SignInAttempt until it is pruned.
    if (user) {
      await recordAudit(tx, {
        userId: user.id,
        action: outcome === "SUCCESS" ? "SIGN_IN" : "SIGN_IN_FAILED",
        entity: "User",
        entityId: user.id,
        after: { email, clientAddress: input.clientAddress, outcome },
        at: now,
      });
    }
  });

  if (signedIn) return { ok: true, user: { id: signedIn.id, email: signedIn.email, name: signedIn.name, role: signedIn.role }, sessionId };
  if (outcome === "DISABLED") return { ok: false, message: "This account is disabled. Ask an administrator to enable it." };
  return { ok: false, message: wrongCredentials };
}

/** Deletes a bounded batch of sign-in records older than the retention period. */
async function pruneExpired(now: Date) {
  const db = getDatabase();
  const cutoff = retentionCutoff(now);
  await db.$executeRaw`DELETE FROM "SignInAttempt" WHERE id IN (SELECT id FROM "SignInAttempt" WHERE at < ${cutoff} LIMIT ${pruneBatch})`;
  await db.$executeRaw`DELETE FROM "SignInRefusalCount" WHERE ("windowStart", "clientAddress") IN (SELECT "windowStart", "clientAddress" FROM "SignInRefusalCount" WHERE "windowStart" < ${cutoff} LIMIT ${pruneBatch})`;
  await db.$executeRaw`DELETE FROM "UserSession" WHERE id IN (SELECT id FROM "UserSession" WHERE "createdAt" < ${cutoff} LIMIT ${pruneBatch})`;
}
