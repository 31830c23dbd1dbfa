// Pure: re-applying an edit over a newer saved version without undoing it.

/**
 * Three-way merge of flat records: each field the editor changed from the
 * version they started with takes their value; every other field keeps the
 * newer saved value, so re-applying one's change never silently reverts
 * someone else's change to another field.
 */
export function mergeEdits<T extends Record<string, unknown>>(
  base: T,
  mine: T,
  theirs: T,
  same: (field: keyof T, a: T, b: T) => boolean = (field, a, b) => a[field] === b[field],
): T {
  const merged = { ...theirs };
  for (const field of Object.keys(mine) as (keyof T)[]) {
    if (!same(field, mine, base)) merged[field] = mine[field];
  }
  return merged;
}
