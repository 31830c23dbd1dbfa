// Near-duplicate detection for sources: wire copy republished with small edits.
// No I/O. A text becomes a set of five-word shingles; a MinHash signature of
// 128 values estimates the Jaccard overlap of two such sets (the share of
// positions where two signatures agree); locality-sensitive hashing groups the
// signature into 16 bands of 8 values, so that only sources sharing at least
// one band need comparing. With these numbers a pair at 90 % overlap shares a
// band with probability above 0.9999, a pair at 50 % with about 0.06.

export const signatureLength = 128;
export const bandCount = 16;
const rowsPerBand = signatureLength / bandCount;
const shingleWords = 5;

/** Estimated shingle overlap (Jaccard) at or above which two sources count as near duplicates. */
export const nearDuplicateThreshold = 0.9;

// Fixed multipliers and offsets: signatures are stored, so they must stay comparable across releases.
// Each pair is a permutation of the 32-bit integers (x → a·x + b mod 2³², a odd) applied to a well-mixed shingle hash:
// the classic MinHash family, one multiplication per hash function.
const multipliers = Int32Array.from({ length: signatureLength }, (_, index) => mix32(0x9e3779b9 ^ Math.imul(index + 1, 0x85ebca6b)) | 1);
const offsets = Int32Array.from({ length: signatureLength }, (_, index) => mix32(0x7f4a7c15 ^ Math.imul(index + 1, 0xc2b2ae35)));

/** MurmurHash3's finaliser: a cheap, well-spread 32-bit mix. */
function mix32(value: number): number {
  let hash = value | 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash | 0;
}

/** FNV-1a over the UTF-16 code units of a string. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/** Words in reading order, case- and width-folded, punctuation dropped (works for any script). */
export function wordsOf(text: string): string[] {
  return (
    text
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}\p{M}]+/gu) ?? []
  );
}

/** Hashes of the text's five-word shingles (the whole text as one shingle when it is shorter). */
export function shingleHashes(text: string): Set<number> {
  const words = wordsOf(text).map(hashString);
  const hashes = new Set<number>();
  if (words.length === 0) return hashes;
  const span = Math.min(shingleWords, words.length);
  for (let start = 0; start + span <= words.length; start += 1) {
    let hash = 0x2545f491;
    for (let offset = 0; offset < span; offset += 1) hash = mix32(Math.imul(hash, 31) ^ words[start + offset]!);
    hashes.add(hash);
  }
  return hashes;
}

/** Hash functions applied per pass over the shingles (see minHashSignature). */
const functionsPerPass = 8;

/**
 * The MinHash signature: for each of 128 hash functions, the smallest hash
 * over the shingles. Eight functions per pass over the shingles, their minima
 * in local variables: the same values as one function per pass, in about
 * half the time (each shingle is read 16 times instead of 128, and the
 * minima stay in registers). This is most of an intake's own CPU time.
 */
export function minHashSignature(text: string): number[] {
  const shingles = Int32Array.from(shingleHashes(text));
  const signature = new Array<number>(signatureLength);
  for (let first = 0; first < signatureLength; first += functionsPerPass) {
    const a0 = multipliers[first]!;
    const a1 = multipliers[first + 1]!;
    const a2 = multipliers[first + 2]!;
    const a3 = multipliers[first + 3]!;
    const a4 = multipliers[first + 4]!;
    const a5 = multipliers[first + 5]!;
    const a6 = multipliers[first + 6]!;
    const a7 = multipliers[first + 7]!;
    const b0 = offsets[first]!;
    const b1 = offsets[first + 1]!;
    const b2 = offsets[first + 2]!;
    const b3 = offsets[first + 3]!;
    const b4 = offsets[first + 4]!;
    const b5 = offsets[first + 5]!;
    const b6 = offsets[first + 6]!;
    const b7 = offsets[first + 7]!;
    let m0 = 0x7fffffff;
    let m1 = 0x7fffffff;
    let m2 = 0x7fffffff;
    let m3 = 0x7fffffff;
    let m4 = 0x7fffffff;
    let m5 = 0x7fffffff;
    let m6 = 0x7fffffff;
    let m7 = 0x7fffffff;
    for (let position = 0; position < shingles.length; position += 1) {
      const shingle = shingles[position]!;
      let value = (Math.imul(a0, shingle) + b0) | 0;
      if (value < m0) m0 = value;
      value = (Math.imul(a1, shingle) + b1) | 0;
      if (value < m1) m1 = value;
      value = (Math.imul(a2, shingle) + b2) | 0;
      if (value < m2) m2 = value;
      value = (Math.imul(a3, shingle) + b3) | 0;
      if (value < m3) m3 = value;
      value = (Math.imul(a4, shingle) + b4) | 0;
      if (value < m4) m4 = value;
      value = (Math.imul(a5, shingle) + b5) | 0;
      if (value < m5) m5 = value;
      value = (Math.imul(a6, shingle) + b6) | 0;
      if (value < m6) m6 = value;
      value = (Math.imul(a7, shingle) + b7) | 0;
      if (value < m7) m7 = value;
    }
    signature[first] = m0;
    signature[first + 1] = m1;
    signature[first + 2] = m2;
    signature[first + 3] = m3;
    signature[first + 4] = m4;
    signature[first + 5] = m5;
    signature[first + 6] = m6;
    signature[first + 7] = m7;
  }
  return signature;
}

/** One 32-bit key per band; the band's position is part of the key, so equal keys mean the same band agrees. */
export function bandKeys(signature: readonly number[]): number[] {
  const keys: number[] = [];
  for (let band = 0; band < bandCount; band += 1) {
    let hash = mix32(band + 1);
    for (let row = 0; row < rowsPerBand; row += 1) hash = mix32(Math.imul(hash, 31) ^ signature[band * rowsPerBand + row]!);
    keys.push(hash);
  }
  return keys;
}

/** Estimated Jaccard overlap of the two texts' shingle sets, from 0 to 1. */
export function estimatedOverlap(first: readonly number[], second: readonly number[]): number {
  if (first.length !== second.length || first.length === 0) return 0;
  let equal = 0;
  for (let index = 0; index < first.length; index += 1) if (first[index] === second[index]) equal += 1;
  return equal / first.length;
}

export type Fingerprint = { signature: number[]; bands: number[] };

export function fingerprintOf(text: string): Fingerprint {
  const signature = minHashSignature(text);
  return { signature, bands: bandKeys(signature) };
}

export function isNearDuplicate(first: Fingerprint, second: Fingerprint): boolean {
  return estimatedOverlap(first.signature, second.signature) >= nearDuplicateThreshold;
}
