// Who may do what: the one table every data-access function consults.
import { DomainError } from "../errors";
import type { Role } from "../generated/prisma/enums";

// "read" also covers assignment progress (who has coded how much of what is open to all signed in);
// analysts see their own assignments through their coding queue ("edit").
export type Permission = "read" | "edit" | "adjudicate" | "administer" | "assign" | "publish-codebook";

/**
 * The user on whose behalf a data-access function runs; null when nobody is
 * signed in. `isAdjudicator` is the per-user right to settle disagreements.
 */
export type ActingUser = SignedInUser | null;

/** An acting user once a permission check has passed: nobody anonymous holds any permission. */
export type SignedInUser = { id: string; role: Role; isAdjudicator?: boolean };

// Anonymous visitors get the sign-in page and nothing else; the permission
// checks below rely on this when they narrow the user to one who is signed in.
const anonymousPermissions: readonly Permission[] = [];

const rolePermissions: Record<Role, readonly Permission[]> = {
  VIEWER: ["read"],
  ANALYST: ["read", "edit"],
  ADMIN: ["read", "edit", "adjudicate", "administer", "assign", "publish-codebook"],
};

const permissionDescriptions: Record<Permission, string> = {
  read: "read Stancewatch",
  edit: "create or edit records (analysts and admins can)",
  adjudicate: "settle disagreements between coders (admins and analysts given the adjudicator right can)",
  administer: "do this (only admins can)",
  assign: "assign sources to coders (only admins can)",
  "publish-codebook": "publish a new codebook version (only admins can)",
};

export class PermissionDeniedError extends DomainError {
  constructor(
    readonly permission: Permission,
    readonly signedIn: boolean,
    reason?: string,
  ) {
    super(
      signedIn ? 403 : 401,
      signedIn ? (reason ?? `Your role does not allow you to ${permissionDescriptions[permission]}.`) : "Sign in to continue.",
    );
  }
}

export function hasPermission(user: ActingUser, permission: Permission): boolean {
  if (!user) return anonymousPermissions.includes(permission);
  // The adjudicator right is granted to analysts one by one, on top of their role.
  if (permission === "adjudicate" && user.isAdjudicator && user.role === "ANALYST") return true;
  return rolePermissions[user.role].includes(permission);
}

/** Every permission that changes something: whoever has none of them may only read. */
export const writePermissions: readonly Permission[] = ["edit", "adjudicate", "administer"];

/**
 * Refuses, with the first permission's wording, a user who has none of `permissions`.
 * Past it, `user` is known to be signed in.
 */
export function requireAnyPermission(user: ActingUser, permissions: readonly Permission[]): asserts user is SignedInUser {
  if (!user || !permissions.some((permission) => hasPermission(user, permission))) {
    throw new PermissionDeniedError(permissions[0]!, user !== null);
  }
}

/** Refuses a user without `permission`. Past it, `user` is known to be signed in (no `user!` needed). */
export function requirePermission(user: ActingUser, permission: Permission): asserts user is SignedInUser {
  if (!user || !hasPermission(user, permission)) throw new PermissionDeniedError(permission, user !== null);
}
