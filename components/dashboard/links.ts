/** Where a statement is read in context: its source's page, at the statement. */
export function statementHref(sourceId: string, statementId: string): string {
  return `/sources/${encodeURIComponent(sourceId)}#statement-${encodeURIComponent(statementId)}`;
}
