// Database constraint violations that are the user's to resolve, worded for them.

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

export function describeUniqueViolation(error: unknown): string | null {
  if (!isUniqueViolation(error)) return null;
  return "That would duplicate a record that already exists (for a coding: the same coder, statement and target). Nothing was changed.";
}
