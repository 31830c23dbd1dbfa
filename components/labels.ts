import type { AuditAction, Role } from "@/lib/generated/prisma/enums";

export const roleLabels: Record<Role, string> = { VIEWER: "Viewer", ANALYST: "Analyst", ADMIN: "Administrator" };

export const auditActionLabels: Record<AuditAction, string> = {
  CREATE: "Created",
  UPDATE: "Updated",
  DELETE: "Deleted",
  RESTORE: "Restored",
  SIGN_IN: "Signed in",
  SIGN_IN_FAILED: "Failed sign-in",
  ROLE_CHANGE: "Role changed",
  ACCOUNT_CHANGE: "Account changed",
  SIGN_OUT: "Signed out",
  SIGN_IN_UNLOCK: "Sign-in unlocked",
};
