import { afterAll, describe, expect, inject, it } from "vitest";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { createPrismaClient } from "@/lib/database/prisma";
import { hashPassword } from "@/lib/users/passwords";
import { createUser } from "../support/factories";

const db = createPrismaClient(inject("databaseUrl"), { maxConnections: 2 });
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
const freshAddress = () => `192.0.2.${(addressCounter += 1)}`;

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

  it("locks the account at the sixth wrong password, refuses even the right one, and lifts the lock after 15 minutes", async () => {
    const user = await accountWithPassword();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      // Different addresses: only the account's own lock is under test here.
      const result = await attemptSignIn(
        { email: user.email, password: "wrong password!", clientAddress: freshAddress() },
        at(10 + attempt),
      );
      expect(result).toEqual({ ok: false, message: "Wrong e-mail address or password." });
    }
    const sixth = await attemptSignIn({ email: user.email, password: "wrong password!", clientAddress: freshAddress() }, at(15));
    expect(sixth).toEqual({
      ok: false,
      message: expect.stringMatching(/^Too many failed sign-ins\. Sign-in is locked for 14 more minutes/),
    });
    const right = await attemptSignIn({ email: user.email, password, clientAddress: freshAddress() }, at(20));
    expect(right).toEqual({ ok: false, message: expect.stringMatching(/locked for 9 more minutes/) });
    // Locked attempts do not prolong the lock: it ends 15 minutes after the fifth failure (minute 14).
    await expect(attemptSignIn({ email: user.email, password, clientAddress: freshAddress() }, at(28.9))).resolves.toMatchObject({
      ok: false,
    });
    await expect(attemptSignIn({ email: user.email, password, clientAddress: freshAddress() }, at(29))).resolves.toMatchObject({
      ok: true,
    });
    const outcomes = await db.signInAttempt.findMany({ where: { email: user.email }, orderBy: { id: "asc" }, select: { outcome: true } });
    expect(outcomes.map((attempt) => attempt.outcome)).toEqual([
      ...Array(5).fill("WRONG_PASSWORD"),
      "LOCKED",
      "LOCKED",
      "LOCKED",
      "SUCCESS",
    ]);
  });

  it("locks a client address after five failures across accounts, leaving other addresses alone", async () => {
    const victim = await accountWithPassword();
    const attacker = freshAddress();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await attemptSignIn(
        { email: `guess${attempt}@example.test`, password: "not a real password", clientAddress: attacker },
        at(40 + attempt),
      );
    }
    await expect(attemptSignIn({ email: victim.email, password, clientAddress: attacker }, at(45))).resolves.toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Too many failed sign-ins/),
    });
    await expect(attemptSignIn({ email: victim.email, password, clientAddress: freshAddress() }, at(45))).resolves.toMatchObject({
      ok: true,
    });
  });

  it("refuses a disabled account even with the right password", async () => {
    const user = await accountWithPassword({ disabledAt: new Date() });
    await expect(attemptSignIn({ email: user.email, password, clientAddress: freshAddress() }, at(60))).resolves.toEqual({
      ok: false,
      message: "This account is disabled. Ask an administrator to enable it.",
    });
  });
});
