// Apart from lib/validation.ts (zod and its schemas) because every title-and-slug field suggests one: a page with a form need not load zod to draw it.

/** "Ali Akbar Velayati" → "ali-akbar-velayati"; accents dropped, anything else between words becomes one hyphen. */
export function suggestSlug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
