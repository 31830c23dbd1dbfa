// Who may do what: the one table every data-access function consults.
import { DomainError } from "../errors";
import type { Role } from "../generated/prisma/enums";

export type Permission = "read" | "edit" | "administer";

/** The user on whose behalf a data-access function runs; null when nobody is signed in. */
export type ActingUser = { id: string; role: Role } | null;

// Anonymous visitors get the sign-in page and nothing else.
const anonymousPermissions: readonly Permission[] = [];

const rolePermissions: Record<Role, readonly Permission[]> = {
  VIEWER: ["read"],
  ANALYST: ["read", "edit"],
  ADMIN: ["read", "edit", "administer"],
};

const permissionDescriptions: Record<Permission, string> = {
  read: "read Stancewatch",
  edit: "create or edit records (analysts and admins can)",
  administer: "do this (only admins can)",
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
  const granted = user ? rolePermissions[user.role] : anonymousPermissions;
  return granted.includes(permission);
}

export function requirePermission(user: ActingUser, permission: Permission): void {
  if (!hasPermission(user, permission)) throw new PermissionDeniedError(permission, user !== null);
}
