// How validated sources become database rows. The application's write path,
// the seed and the test factories all build rows through these, so all three
// compute hashes, dates and fingerprints the same way. Fields are picked one by one so that extra keys
// of a richer input (a seed entry's references) never reach Prisma.
import type { Prisma } from "../generated/prisma/client";
import { dateFromIso } from "../validation";
import { hashSourceText } from "./content-hash";
import { fingerprintOf } from "./near-duplicates";
import type { SourceInput } from "./schemas";

export function sourceRecord(input: SourceInput, text: string): Prisma.SourceUncheckedCreateInput {
  const { title, publisher, url, language } = input;
  return { title, publisher, url, language, publishedOn: dateFromIso(input.publishedOn), text, contentHash: hashSourceText(text) };
}

/** A source's near-duplicate fingerprint rows (bulk intake writes the same from arrays, lib/data/sources.ts). */
export function sourceFingerprintRecords(sourceId: string, text: string) {
  const { signature, bands } = fingerprintOf(text);
  return {
    fingerprint: { sourceId, signature } satisfies Prisma.SourceFingerprintUncheckedCreateInput,
    bands: [...new Set(bands)].map((key) => ({ key, sourceId })) satisfies Prisma.SourceFingerprintBandUncheckedCreateInput[],
  };
}

/** A source as its audit entries hold it: the text's length, not the text, which the source keeps. */
export function withoutText<T extends { text: string; translation: string | null }>(source: T) {
  return {
    ...source,
    text: `${source.text.length} characters`,
    translation: source.translation === null ? null : `${source.translation.length} characters`,
  };
}
