// Pure: what an audit entry changed, field by field, for a readable history.

export type FieldChange = { field: string; before: unknown; after: unknown };

// Bookkeeping that changes with every write and says nothing to a reader,
// and a coding's copies of its statement's state, which the database keeps
// (prisma/sql/stance-coding-read-model.sql), and the statements' and sources' live counts
// (prisma/sql/coverage-counts.sql): nobody edits them.
const ignoredFields = new Set([
  "updatedAt",
  "version",
  "statementLive",
  "directQuote",
  "blindSource",
  "adjudicatedScore",
  "liveCodingCount",
]);

// A field absent from one side and null on the other did not change.
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export function describeChanges(before: unknown, after: unknown): FieldChange[] {
  const asRecord = (value: unknown): Record<string, unknown> =>
    value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const old = asRecord(before);
  const next = asRecord(after);
  const fields = [...new Set([...Object.keys(old), ...Object.keys(next)])].filter((field) => !ignoredFields.has(field));
  return fields
    .filter((field) => !same(old[field], next[field]))
    .map((field) => ({ field, before: old[field] ?? null, after: next[field] ?? null }));
}
