// Who may do what: the one table every data-access function consults.
import type { Role } from "../generated/prisma/enums";

export type Permission = "read" | "edit" | "administer";

/** The user on whose behalf a data-access function runs; null when nobody is signed in. */
export type ActingUser = { id: string; role: Role } | null;

// Sign-in arrives with the next issue; until then anonymous visitors may read,
// which is what the public first page needs. That issue narrows this to [].
const anonymousPermissions: readonly Permission[] = ["read"];

const rolePermissions: Record<Role, readonly Permission[]> = {
  VIEWER: ["read"],
  ANALYST: ["read", "edit"],
  ADMIN: ["read", "edit", "administer"],
};

export class PermissionDeniedError extends Error {
  constructor(
    readonly permission: Permission,
    readonly signedIn: boolean,
  ) {
    super(signedIn ? `Your role does not allow this (${permission}).` : "Sign in to continue.");
    this.name = "PermissionDeniedError";
  }
}

export function hasPermission(user: ActingUser, permission: Permission): boolean {
  const granted = user ? rolePermissions[user.role] : anonymousPermissions;
  return granted.includes(permission);
}

export function requirePermission(user: ActingUser, permission: Permission): void {
  if (!hasPermission(user, permission)) throw new PermissionDeniedError(permission, user !== null);
}
