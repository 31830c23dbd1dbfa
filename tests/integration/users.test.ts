import { afterAll, describe, expect, inject, it } from "vitest";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { withDatabase } from "@/lib/database/client";
import { closePrismaClient, createPrismaClient } from "@/lib/database/prisma";
import { defaultApplicationRole, urlAsRole } from "@/scripts/database/application-role";
import { changeOwnPassword, createUser, listUsers, updateUser } from "@/lib/data/users";
import { ConflictError, DomainError, ValidationError } from "@/lib/errors";
import { verifyPassword } from "@/lib/users/passwords";
import { createUser as createUserRow } from "../support/factories";
import { testLane } from "../support/lane";
import { createFreshDatabase } from "../support/test-database";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

async function admin() {
  const row = await createUserRow(db, "ADMIN");
  return { id: row.id, role: row.role };
}

describe("user management", () => {
  it("creates an account with a one-time password that must be changed, audited, and only by an admin", async () => {
    const acting = await admin();
    const email = `new-${Date.now()}@example.test`;
    const { user, oneTimePassword } = await createUser(acting, { email, name: "New Analyst", role: "ANALYST" });
    expect(user).toMatchObject({ email, role: "ANALYST", mustChangePassword: true, disabled: false, version: 1 });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    await expect(verifyPassword(stored.passwordHash!, oneTimePassword)).resolves.toBe(true);
    const audit = await db.auditEntry.findFirstOrThrow({ where: { entity: "User", entityId: user.id, action: "CREATE" } });
    expect(audit.userId).toBe(acting.id);
    expect(JSON.stringify(audit.after)).not.toContain(stored.passwordHash!);

    await expect(createUser(acting, { email, name: "Twin", role: "VIEWER" })).rejects.toThrowError(ValidationError);
    const analyst = await createUserRow(db, "ANALYST");
    await expect(createUser({ id: analyst.id, role: "ANALYST" }, { email: `x-${email}`, name: "X", role: "ADMIN" })).rejects.toThrowError(
      PermissionDeniedError,
    );
    await expect(listUsers({ id: analyst.id, role: "ANALYST" })).rejects.toThrowError(PermissionDeniedError);
  });

  it("changes roles and disables accounts with version checks, auditing each kind of change", async () => {
    const acting = await admin();
    const target = await createUserRow(db, "ANALYST");
    const promoted = await updateUser(acting, target.id, { version: 1, role: "ADMIN" });
    expect(promoted).toMatchObject({ role: "ADMIN", version: 2 });
    await expect(updateUser(acting, target.id, { version: 1, disabled: true })).rejects.toThrowError(ConflictError);
    const disabled = await updateUser(acting, target.id, { version: 2, disabled: true });
    expect(disabled).toMatchObject({ disabled: true, version: 3 });
    expect(await updateUser(acting, target.id, { version: 3, isAdjudicator: true })).toMatchObject({ isAdjudicator: true, version: 4 });
    const actions = await db.auditEntry.findMany({
      where: { entity: "User", entityId: target.id },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(actions.map((entry) => entry.action)).toEqual(["ROLE_CHANGE", "ACCOUNT_CHANGE", "ACCOUNT_CHANGE"]);
  });

  it("does not let an admin lock themselves out", async () => {
    const acting = await admin();
    await expect(updateUser(acting, acting.id, { version: 1, role: "VIEWER" })).rejects.toThrowError(DomainError);
    await expect(updateUser(acting, acting.id, { version: 1, disabled: true })).rejects.toThrowError(
      /cannot remove your own administrator role or disable your own account/,
    );
  });

  it("changes one's own password, clears the one-time flag and revokes earlier sessions", async () => {
    const acting = await admin();
    const { user, oneTimePassword } = await createUser(acting, {
      email: `pw-${Date.now()}@example.test`,
      name: "Password Changer",
      role: "VIEWER",
    });
    const self = { id: user.id, role: user.role };
    const before = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    await expect(changeOwnPassword(self, { currentPassword: "not the one", newPassword: "a brand new passphrase" })).rejects.toThrowError(
      ValidationError,
    );
    // Long enough, but guessed at once; nothing changes.
    const weak = await changeOwnPassword(self, { currentPassword: oneTimePassword, newPassword: "aaaaaaaaaaaa" }).catch(
      (error: unknown) => error,
    );
    expect(weak).toBeInstanceOf(ValidationError);
    expect((weak as ValidationError).fieldErrors.newPassword).toMatch(/^repeats the same characters/);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(before.passwordHash);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await changeOwnPassword(self, { currentPassword: oneTimePassword, newPassword: "a brand new passphrase" });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.mustChangePassword).toBe(false);
    expect(after.sessionsValidFrom.getTime()).toBeGreaterThan(before.sessionsValidFrom.getTime());
    await expect(verifyPassword(after.passwordHash!, "a brand new passphrase")).resolves.toBe(true);
  });
});

describe("the last administrator", () => {
  it.skipIf(inject("databaseKind") !== "server")("stays one when the only two demote each other at the same moment", async () => {
    // A copy of the seed whose only administrators are these two: the lane's database holds many.
    const copy = await createFreshDatabase("last_admin", process.env, { template: inject("templateDatabaseName")! });
    const owner = createPrismaClient(copy.url, { maxConnections: 1 });
    const database = createPrismaClient(urlAsRole(copy.url, defaultApplicationRole), { maxConnections: 4 });
    try {
      await owner.user.updateMany({ where: { role: "ADMIN" }, data: { role: "ANALYST" } });
      const [first, second] = [await createUserRow(owner, "ADMIN"), await createUserRow(owner, "ADMIN")];
      const outcomes = await withDatabase(database, () =>
        Promise.allSettled([
          updateUser({ id: first.id, role: "ADMIN" }, second.id, { version: 1, role: "ANALYST" }),
          updateUser({ id: second.id, role: "ADMIN" }, first.id, { version: 1, role: "ANALYST" }),
        ]),
      );
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect((outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({
        status: 409,
        message: expect.stringMatching(/would leave no administrator/),
      });
      expect(await owner.user.count({ where: { role: "ADMIN", disabledAt: null } })).toBe(1);
    } finally {
      await closePrismaClient(database);
      await closePrismaClient(owner);
      await copy.drop();
    }
  });
});
