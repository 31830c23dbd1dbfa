import "server-only";
import { recordAudit } from "../audit/record-audit";
import { getDatabase } from "../database/client";
import type { Role, SignInOutcome } from "../generated/prisma/enums";
import { verifyPassword } from "../users/passwords";
import { describeLock, lockedUntil, lockoutLookback } from "./lockout";

export type SignInResult = { ok: true; user: { id: string; email: string; name: string; role: Role } } | { ok: false; message: string };

const failureOutcomes: SignInOutcome[] = ["WRONG_PASSWORD", "UNKNOWN_ACCOUNT"];
const wrongCredentials = "Wrong e-mail address or password.";
// Verified against when the account does not exist, so that a wrong e-mail
// takes as long as a wrong password and does not reveal which accounts exist.
const decoyHash = "$argon2id$v=19$m=19456,t=2,p=1$AVosJM1E98leRI2JiR+Sew$K/DidtmWmszxN6+YmUYCDEmH17QRlS++FzDR9BSxvpc";

/**
 * Checks a sign-in against the lockout rules and the stored hash, and records
 * the attempt and its audit entry together. `now` is a parameter so tests can
 * move the clock.
 */
export async function attemptSignIn(
  input: { email: string; password: string; clientAddress: string },
  now: Date = new Date(),
): Promise<SignInResult> {
  const db = getDatabase();
  const email = input.email.trim().toLowerCase();
  const since = lockoutLookback(now);
  const recentFailures = await db.signInAttempt.findMany({
    where: { at: { gte: since, lte: now }, outcome: { in: failureOutcomes }, OR: [{ email }, { clientAddress: input.clientAddress }] },
    select: { at: true, email: true, clientAddress: true },
  });
  const accountLock = lockedUntil(
    recentFailures.filter((failure) => failure.email === email).map((failure) => failure.at),
    now,
  );
  const addressLock = lockedUntil(
    recentFailures.filter((failure) => failure.clientAddress === input.clientAddress).map((failure) => failure.at),
    now,
  );
  const user = await db.user.findUnique({ where: { email } });

  const record = (outcome: SignInOutcome) =>
    db.$transaction(async (tx) => {
      await tx.signInAttempt.create({ data: { at: now, email, clientAddress: input.clientAddress, outcome } });
      await recordAudit(tx, {
        userId: user?.id ?? null,
        action: outcome === "SUCCESS" ? "SIGN_IN" : "SIGN_IN_FAILED",
        entity: "User",
        entityId: user?.id ?? email,
        after: { email, clientAddress: input.clientAddress, outcome },
        at: now,
      });
    });

  const lock = [accountLock, addressLock].filter((until): until is Date => until !== null).sort((a, b) => b.getTime() - a.getTime())[0];
  if (lock) {
    await record("LOCKED");
    return { ok: false, message: describeLock(lock, now) };
  }
  const passwordMatches = await verifyPassword(user?.passwordHash ?? decoyHash, input.password).catch(() => false);
  if (!user || !user.passwordHash) {
    await record("UNKNOWN_ACCOUNT");
    return { ok: false, message: wrongCredentials };
  }
  if (!passwordMatches) {
    await record("WRONG_PASSWORD");
    return { ok: false, message: wrongCredentials };
  }
  if (user.disabledAt) {
    await record("DISABLED");
    return { ok: false, message: "This account is disabled. Ask an administrator to enable it." };
  }
  await record("SUCCESS");
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
