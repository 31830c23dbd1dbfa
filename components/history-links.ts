/** The page listing one record's audit entries. */
export function recordHistoryPath(entity: string, entityId: string): string {
  return `/admin/history/${encodeURIComponent(entity)}/${encodeURIComponent(entityId)}`;
}
