import { afterAll, describe, expect, it } from "vitest";
import { throttlePolicy } from "@/lib/auth/lockout";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { endSession } from "@/lib/auth/sign-out";
import { listUsers, unlockSignIn } from "@/lib/data/users";
import { createPrismaClient } from "@/lib/database/prisma";
import { hashPassword } from "@/lib/users/passwords";
import { createUser } from "../support/factories";
import { testLane } from "../support/lane";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

const password = "correct horse battery staple";
const t0 = new Date("2030-03-01T09:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

async function accountWithPassword(overrides: { disabledAt?: Date } = {}) {
  const user = await createUser(db, "ANALYST");
  return db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password), ...overrides } });
}

// Each test uses its own client address and clock period so that their attempts never mix.
let addressCounter = 0;
const freshAddress = () => `192.0.${Math.floor((addressCounter += 1) / 250)}.${addressCounter % 250}`;

describe("sign-in", () => {
  it("accepts the right password, refuses a wrong one with a message that does not say which part was wrong", async () => {
    const user = await accountWithPassword();
    const clientAddress = freshAddress();
    await expect(attemptSignIn({ email: user.email.toUpperCase(), password, clientAddress }, at(0))).resolves.toMatchObject({
      ok: true,
      user: { id: user.id },
    });
    await expect(attemptSignIn({ email: user.email, password: "wrong password!", clientAddress }, at(1))).resolves.toEqual({
      ok: false,
      message: "Wrong e-mail address or password.",
    });
    await expect(attemptSignIn({ email: "nobody@example.test", password, clientAddress }, at(2))).resolves.toEqual({
      ok: false,
      message: "Wrong e-mail address or password.",
    });
    const audit = await db.auditEntry.findMany({
      where: { entity: "User", entityId: user.id, action: { in: ["SIGN_IN", "SIGN_IN_FAILED"] } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((entry) => entry.action)).toEqual(["SIGN_IN", "SIGN_IN_FAILED"]);
    expect(audit[1]!.after).toMatchObject({ outcome: "WRONG_PASSWORD", clientAddress });
  });

  it("locks an account for one address at the sixth wrong password, refuses even the right one there, and lifts it after 15 minutes", async () => {
    const user = await accountWithPassword();
    const attacker = freshAddress();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const result = await attemptSignIn({ email: user.email, password: "wrong password!", clientAddress: attacker }, at(10 + attempt));
      expect(result).toEqual({ ok: false, message: "Wrong e-mail address or password." });
    }
    const sixth = await attemptSignIn({ email: user.email, password: "wrong password!", clientAddress: attacker }, at(15));
    expect(sixth).toEqual({
      ok: false,
      message: expect.stringMatching(/^Too many failed sign-ins\. Sign-in is locked for 14 more minutes/),
    });
    const right = await attemptSignIn({ email: user.email, password, clientAddress: attacker }, at(20));
    expect(right).toEqual({ ok: false, message: expect.stringMatching(/locked for 9 more minutes/) });
    // The owner, elsewhere, is not locked out by someone else's guessing.
    await expect(attemptSignIn({ email: user.email, password, clientAddress: freshAddress() }, at(20))).resolves.toMatchObject({
      ok: true,
    });
    // Refused attempts do not prolong the lock: it ends 15 minutes after the fifth failure (minute 14).
    await expect(attemptSignIn({ email: user.email, password, clientAddress: attacker }, at(28.9))).resolves.toMatchObject({ ok: false });
    await expect(attemptSignIn({ email: user.email, password, clientAddress: attacker }, at(29))).resolves.toMatchObject({ ok: true });
    // Refused attempts are counted, not recorded one by one.
    const outcomes = await db.signInAttempt.findMany({ where: { email: user.email }, orderBy: { id: "asc" }, select: { outcome: true } });
    expect(outcomes.map((attempt) => attempt.outcome)).toEqual([...Array(5).fill("WRONG_PASSWORD"), "SUCCESS", "SUCCESS"]);
    const refusals = await db.signInRefusalCount.findMany({ where: { clientAddress: attacker } });
    expect(refusals.reduce((sum, row) => sum + row.refusals, 0)).toBe(3);
  });

  it("throttles an account guessed at from many addresses after ten failures, except from an address it signed in from, until an admin unlocks it", async () => {
    const user = await accountWithPassword();
    const home = freshAddress();
    await expect(attemptSignIn({ email: user.email, password, clientAddress: home }, at(30))).resolves.toMatchObject({ ok: true });
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await attemptSignIn({ email: user.email, password: "wrong password!", clientAddress: freshAddress() }, at(31));
    }
    await expect(attemptSignIn({ email: user.email, password, clientAddress: freshAddress() }, at(32))).resolves.toEqual({
      ok: false,
      message: expect.stringMatching(/^Too many failed sign-ins\. Sign-in is locked for 14 more minutes/),
    });
    await expect(attemptSignIn({ email: user.email, password, clientAddress: home }, at(32))).resolves.toMatchObject({ ok: true });

    const admin = await createUser(db, "ADMIN");
    const listed = await listUsers({ id: admin.id, role: "ADMIN" }, at(33));
    expect(listed.find((row) => row.id === user.id)?.signInLockedUntil).toBe(at(46).toISOString());
    const analyst = await createUser(db, "ANALYST");
    await expect(unlockSignIn({ id: analyst.id, role: "ANALYST" }, user.id, at(33))).rejects.toThrowError(PermissionDeniedError);
    const unlocked = await unlockSignIn({ id: admin.id, role: "ADMIN" }, user.id, at(33));
    expect(unlocked.signInLockedUntil).toBeNull();
    await expect(attemptSignIn({ email: user.email, password, clientAddress: freshAddress() }, at(34))).resolves.toMatchObject({
      ok: true,
    });
    const audit = await db.auditEntry.findFirstOrThrow({ where: { entity: "User", entityId: user.id, action: "SIGN_IN_UNLOCK" } });
    expect(audit.userId).toBe(admin.id);
  });

  it("locks a client address after twenty failures across accounts, leaving other addresses alone", async () => {
    const victim = await accountWithPassword();
    const attacker = freshAddress();
    for (let attempt = 0; attempt < 20; attempt += 1) {
      await attemptSignIn({ email: `guess${attempt}@example.test`, password: "not a real password", clientAddress: attacker }, at(40));
    }
    await expect(attemptSignIn({ email: victim.email, password, clientAddress: attacker }, at(45))).resolves.toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Too many failed sign-ins/),
    });
    await expect(attemptSignIn({ email: victim.email, password, clientAddress: freshAddress() }, at(45))).resolves.toMatchObject({
      ok: true,
    });
  });

  it("counts IPv6 clients by their /64 network, so rotating addresses inside it does not help", async () => {
    const victim = await accountWithPassword();
    for (let attempt = 0; attempt < throttlePolicy.address.maximumFailures; attempt += 1) {
      await attemptSignIn(
        { email: `v6-guess${attempt}@example.test`, password: "not a real password", clientAddress: `2001:db8:7:7::${attempt + 1}` },
        at(50),
      );
    }
    await expect(attemptSignIn({ email: victim.email, password, clientAddress: "2001:db8:7:7:ffff::1" }, at(51))).resolves.toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Too many failed sign-ins/),
    });
    await expect(attemptSignIn({ email: victim.email, password, clientAddress: "2001:db8:7:8::1" }, at(51))).resolves.toMatchObject({
      ok: true,
    });
    const audit = await db.auditEntry.findFirstOrThrow({ where: { entity: "User", entityId: victim.id, action: "SIGN_IN" } });
    expect(audit.after).toMatchObject({ clientAddress: "2001:db8:7:8::1" });
  });

  it("gives a parallel burst from many addresses no more password checks than the account rule allows, and refuses the right password", async () => {
    const user = await accountWithPassword();
    const when = at(100);
    const wrong = Array.from({ length: 39 }, () =>
      attemptSignIn({ email: user.email, password: "wrong password!", clientAddress: freshAddress() }, when),
    );
    // The right password goes out while the wrong ones are still in flight, once the
    // account's limit of attempts has been admitted (waiting for that state, not for time).
    while ((await db.signInAttempt.count({ where: { email: user.email } })) < throttlePolicy.account.maximumFailures) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    const right = attemptSignIn({ email: user.email, password, clientAddress: freshAddress() }, when);
    const results = await Promise.all([...wrong, right]);
    expect(results.at(-1)).toEqual({ ok: false, message: expect.stringMatching(/^Too many failed sign-ins/) });
    // Every recorded attempt was verified; refused ones were only counted.
    const verified = await db.signInAttempt.count({ where: { email: user.email } });
    expect(verified).toBe(throttlePolicy.account.maximumFailures);
    expect(results.filter((result) => !result.ok && /^Too many/.test(result.message))).toHaveLength(40 - verified);
  });

  it("gives a parallel burst from one address at most five password checks", async () => {
    const user = await accountWithPassword();
    const attacker = freshAddress();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        // Each reads the clock a millisecond before the one dispatched ahead of it, as requests do
        // when the later-dispatched gets the lock first: rows "from the future" must count too.
        attemptSignIn(
          { email: user.email, password: index === 39 ? password : "wrong password!", clientAddress: attacker },
          new Date(at(120).getTime() - index),
        ),
      ),
    );
    const verified = await db.signInAttempt.count({ where: { email: user.email } });
    expect(verified).toBeLessThanOrEqual(throttlePolicy.pair.maximumFailures);
    expect(results.filter((result) => result.ok).length).toBeLessThanOrEqual(1);
  });

  it("writes a bounded number of rows for a flood of failures from one client, and prunes them after the retention period", async () => {
    const attacker = freshAddress();
    const auditBefore = await db.auditEntry.count();
    const flood = 300;
    for (let batch = 0; batch < flood / 30; batch += 1) {
      await Promise.all(
        Array.from({ length: 30 }, (_, index) =>
          attemptSignIn({ email: `nobody-${batch}-${index}@example.test`, password: "whatever it is", clientAddress: attacker }, at(200)),
        ),
      );
    }
    const attempts = await db.signInAttempt.count({ where: { clientAddress: attacker } });
    const refusalRows = await db.signInRefusalCount.findMany({ where: { clientAddress: attacker } });
    // The bound stated in the README: the address rule's failures, plus one counter row per hour.
    expect(attempts).toBe(throttlePolicy.address.maximumFailures);
    expect(refusalRows).toHaveLength(1);
    expect(refusalRows[0]!.refusals).toBe(flood - attempts);
    // Unknown e-mails leave nothing in the permanent audit trail.
    expect(await db.auditEntry.count()).toBe(auditBefore);

    const later = new Date(at(200).getTime() + (throttlePolicy.retentionDays + 1) * 24 * 60 * 60_000);
    await attemptSignIn({ email: "someone@example.test", password: "whatever it is", clientAddress: freshAddress() }, later);
    expect(await db.signInAttempt.count({ where: { clientAddress: attacker } })).toBe(0);
    expect(await db.signInRefusalCount.count({ where: { clientAddress: attacker } })).toBe(0);
  });

  it("ends a session once on sign-out, auditing it", async () => {
    const user = await accountWithPassword();
    const result = await attemptSignIn({ email: user.email, password, clientAddress: freshAddress() }, at(300));
    if (!result.ok) throw new Error(result.message);
    expect(await db.userSession.findUniqueOrThrow({ where: { id: result.sessionId } })).toMatchObject({ userId: user.id, endedAt: null });
    await endSession(user.id, result.sessionId, at(301));
    await endSession(user.id, result.sessionId, at(302));
    expect((await db.userSession.findUniqueOrThrow({ where: { id: result.sessionId } })).endedAt).toEqual(at(301));
    expect(await db.auditEntry.count({ where: { entity: "User", entityId: user.id, action: "SIGN_OUT" } })).toBe(1);
  });

  it("refuses a disabled account even with the right password", async () => {
    const user = await accountWithPassword({ disabledAt: new Date() });
    await expect(attemptSignIn({ email: user.email, password, clientAddress: freshAddress() }, at(60))).resolves.toEqual({
      ok: false,
      message: "This account is disabled. Ask an administrator to enable it.",
    });
  });
});
