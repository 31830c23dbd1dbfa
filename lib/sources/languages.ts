// Language codes: BCP 47 tags whose language subtag is a known ISO 639 code
// (en, fa, ar, ckb), optionally with a region (en-GB, fa-IR). Known means the
// runtime's CLDR data can name it, so a typo such as "xx" or "eng-" is refused.

const names = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });

/** The canonical spelling (fa-ir → fa-IR), or null when the tag is malformed or names no known language. */
export function canonicalLanguageCode(code: string): string | null {
  const trimmed = code.trim();
  if (!/^[A-Za-z]{2,3}(?:[-_][A-Za-z]{2})?$/.test(trimmed)) return null;
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(trimmed.replace("_", "-"))[0]!;
  } catch {
    return null;
  }
  const [language] = canonical.split("-");
  if (!language || language === "und" || names.of(language) === undefined) return null;
  // A region the data cannot name (en-XX) is as wrong as an unknown language.
  if (canonical.includes("-") && names.of(canonical) === undefined) return null;
  return canonical;
}

export function languageName(code: string): string {
  return names.of(code) ?? code;
}
