import "server-only";
import { recordAudit } from "../audit/record-audit";
import { requirePermission, type ActingUser } from "../auth/permissions";
import { accountLockedUntil, throttledOutcomes, throttleLookback } from "../auth/lockout";
import { revocationInstant } from "../auth/revocation";
import { getDatabase } from "../database/client";
import { isUniqueViolation } from "../database/constraint-errors";
import { ConflictError, DomainError, NotFoundError, ValidationError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { Role } from "../generated/prisma/enums";
import { keysetOrderBy, readAfterCursor, toPage, type Page } from "../lists/keyset";
import { parseListQuery, type ListQuery } from "../lists/parameters";
import { userListDefinition, type UserListFilters } from "../users/list";
import { passwordWeakness } from "../users/password-strength";
import { generatePassword, hashPassword, verifyPassword } from "../users/passwords";
import type { UserInput, UserUpdate } from "../users/schemas";

export type UserView = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** May settle disagreements between coders (on top of an analyst's role; admins always may). */
  isAdjudicator: boolean;
  disabled: boolean;
  mustChangePassword: boolean;
  version: number;
  createdAt: string;
  /** Sign-in is throttled for this account (from some address) until then; an administrator can unlock it. */
  signInLockedUntil: string | null;
};

type UserRow = {
  id: string;
  isAdjudicator: boolean;
  email: string;
  name: string;
  role: Role;
  disabledAt: Date | null;
  mustChangePassword: boolean;
  version: number;
  createdAt: Date;
};

function toView(user: UserRow, signInLockedUntil: Date | null = null): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    isAdjudicator: user.isAdjudicator,
    disabled: user.disabledAt !== null,
    mustChangePassword: user.mustChangePassword,
    version: user.version,
    createdAt: user.createdAt.toISOString(),
    signInLockedUntil: signInLockedUntil?.toISOString() ?? null,
  };
}

export async function listUsers(user: ActingUser, now: Date = new Date()): Promise<UserView[]> {
  requirePermission(user, "administer");
  const users = await getDatabase().user.findMany({ orderBy: [{ disabledAt: { sort: "asc", nulls: "first" } }, { name: "asc" }] });
  return toViewsWithLocks(users, now);
}

/** Accounts as views, each with when its sign-in throttling ends (one query for all of them). */
async function toViewsWithLocks<Row extends Parameters<typeof toView>[0] & { signInUnlockedAt: Date | null }>(
  users: Row[],
  now: Date,
): Promise<UserView[]> {
  if (users.length === 0) return [];
  const failures = await getDatabase().signInAttempt.findMany({
    where: {
      email: { in: users.map((row) => row.email) },
      at: { gte: throttleLookback(now) },
      outcome: { in: [...throttledOutcomes] },
    },
    select: { at: true, email: true, clientAddress: true },
  });
  return users.map((row) => toView(row, accountLockedUntil(row.email, failures, row.signInUnlockedAt, now)));
}

/**
 * Lifts the throttling of sign-ins to this account: its failures so far stop
 * counting for the account and pair rules (an address's own limit stays).
 */
export async function unlockSignIn(user: ActingUser, id: string, now: Date = new Date()): Promise<UserView> {
  requirePermission(user, "administer");
  return getDatabase().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id } });
    if (!before) throw new NotFoundError("This user");
    const after = await tx.user.update({ where: { id }, data: { signInUnlockedAt: now } });
    await recordAudit(tx, {
      userId: user.id,
      action: "SIGN_IN_UNLOCK",
      entity: "User",
      entityId: id,
      before: { signInUnlockedAt: before.signInUnlockedAt },
      after: { signInUnlockedAt: after.signInUnlockedAt },
      at: now,
    });
    return toView(after);
  });
}

/** One page of accounts, filtered by role and status and sorted as the list's URL says, after the cursor (keyset paging). */
export async function listUsersPage(
  user: ActingUser,
  query: ListQuery<UserListFilters> = parseListQuery(userListDefinition, new URLSearchParams()),
): Promise<Page<UserView>> {
  requirePermission(user, "administer");
  const conditions: Prisma.UserWhereInput[] = [];
  if (query.filters.role) conditions.push({ role: query.filters.role });
  if (query.filters.status) conditions.push({ disabledAt: query.filters.status === "disabled" ? { not: null } : null });
  const db = getDatabase();
  const rows = await readAfterCursor(query.sortOption, query.cursor, query.pageSize + 1, (after, take) =>
    db.user.findMany({
      where: { AND: [...conditions, after as Prisma.UserWhereInput] },
      orderBy: keysetOrderBy(query.sortOption, query.sort) as Prisma.UserOrderByWithRelationInput[],
      take,
    }),
  );
  const page = toPage(
    rows,
    query.pageSize,
    query.sort,
    query.sortOption,
    (row) => row[query.sortOption.field as "name" | "email" | "createdAt"],
  );
  return { rows: await toViewsWithLocks(page.rows, new Date()), nextCursor: page.nextCursor };
}

/**
 * Creates an account with a one-time password that the user must change at
 * first sign-in. `user` null means the command line (npm run user:create).
 */
export async function createUser(
  user: ActingUser | "command-line",
  input: UserInput,
): Promise<{ user: UserView; oneTimePassword: string }> {
  if (user !== "command-line") requirePermission(user, "administer");
  const oneTimePassword = generatePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  try {
    const created = await getDatabase().$transaction(async (tx) => {
      const row = await tx.user.create({
        data: { email: input.email, name: input.name, role: input.role, passwordHash, mustChangePassword: true },
      });
      await recordAudit(tx, {
        userId: user === "command-line" ? null : user.id,
        action: "CREATE",
        entity: "User",
        entityId: row.id,
        after: row,
      });
      return row;
    });
    return { user: toView(created), oneTimePassword };
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError({ email: `is already used by another account (${input.email})` });
    throw error;
  }
}

/** Role, name and enabled state; a change takes effect on the user's next request. */
export async function updateUser(user: ActingUser, id: string, update: UserUpdate): Promise<UserView> {
  requirePermission(user, "administer");
  if (id === user.id && ((update.role !== undefined && update.role !== "ADMIN") || update.disabled === true)) {
    throw new DomainError(409, "You cannot remove your own administrator role or disable your own account; ask another administrator.");
  }
  const mayRemoveAnAdministrator = (update.role !== undefined && update.role !== "ADMIN") || update.disabled === true;
  return getDatabase().$transaction(async (tx) => {
    // Two administrators demoting each other at once would each leave the other as the last: changes that may
    // remove an administrator take turns, and the last one standing is kept.
    if (mayRemoveAnAdministrator) await tx.$queryRaw`SELECT id FROM "User" WHERE role = 'ADMIN' ORDER BY id FOR UPDATE`;
    const before = await tx.user.findUnique({ where: { id } });
    if (!before) throw new NotFoundError("This user");
    const data = {
      ...(update.name !== undefined ? { name: update.name } : {}),
      ...(update.role !== undefined ? { role: update.role } : {}),
      ...(update.isAdjudicator !== undefined ? { isAdjudicator: update.isAdjudicator } : {}),
      ...(update.disabled !== undefined ? { disabledAt: update.disabled ? (before.disabledAt ?? new Date()) : null } : {}),
    };
    const { count } = await tx.user.updateMany({ where: { id, version: update.version }, data: { ...data, version: { increment: 1 } } });
    if (count === 0) {
      const current = await tx.user.findUniqueOrThrow({ where: { id } });
      throw new ConflictError(
        `This account was changed by someone else (now version ${current.version}). Review it and try again.`,
        toView(current),
      );
    }
    if (mayRemoveAnAdministrator && (await tx.user.count({ where: { role: "ADMIN", disabledAt: null } })) === 0)
      throw new ConflictError(
        "This would leave no administrator: another administrator's role was removed meanwhile. Reload the list of accounts.",
        null,
      );
    const after = await tx.user.findUniqueOrThrow({ where: { id } });
    const action = update.role !== undefined && update.role !== before.role ? "ROLE_CHANGE" : "ACCOUNT_CHANGE";
    await recordAudit(tx, { userId: user.id, action, entity: "User", entityId: id, before, after });
    return toView(after);
  });
}

/** Sets a new password and signs the user out everywhere (they sign in again with it). */
export async function changeOwnPassword(user: ActingUser, input: { currentPassword: string; newPassword: string }): Promise<void> {
  requirePermission(user, "read");
  const db = getDatabase();
  const account = await db.user.findUniqueOrThrow({ where: { id: user.id } });
  if (!account.passwordHash || !(await verifyPassword(account.passwordHash, input.currentPassword))) {
    throw new ValidationError({ currentPassword: "is not your current password" });
  }
  if (input.newPassword === input.currentPassword) throw new ValidationError({ newPassword: "must differ from the current one" });
  const weakness = passwordWeakness(input.newPassword, [account.email, account.name]);
  if (weakness) throw new ValidationError({ newPassword: weakness });
  const passwordHash = await hashPassword(input.newPassword);
  await db.$transaction(async (tx) => {
    const after = await tx.user.update({
      where: { id: account.id },
      data: { passwordHash, mustChangePassword: false, sessionsValidFrom: revocationInstant(), version: { increment: 1 } },
    });
    await recordAudit(tx, { userId: account.id, action: "ACCOUNT_CHANGE", entity: "User", entityId: account.id, before: account, after });
  });
}
