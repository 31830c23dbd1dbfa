// Near-duplicate fingerprints for sources stored before fingerprints existed
// (the seed of an older installation, sources pasted before bulk intake).
// MinHash cannot be computed in SQL the same way as in lib/sources/near-duplicates.ts
// (Unicode word folding, 32-bit hash arithmetic), so this is a step in
// TypeScript that `db:migrate` and `npm start` run after every migration:
// idempotent (it only fills sources that have no fingerprint, and a row written
// meanwhile by the app is left alone), in batches, and a single cheap query when
// there is nothing to do. See docs/decisions/0029.
import pg from "pg";
import { bandCount, fingerprintOf, signatureLength } from "../../lib/sources/near-duplicates";

const batchSize = 500;

/** Computes and stores the missing fingerprints; returns how many sources got one. */
export async function backfillSourceFingerprints(ownerUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  let filled = 0;
  try {
    for (;;) {
      // Deleted sources too: a restored source must be found as a near duplicate again.
      const { rows } = await client.query<{ id: string; text: string }>(
        `SELECT s.id, s.text FROM "Source" s
         WHERE NOT EXISTS (SELECT 1 FROM "SourceFingerprint" f WHERE f."sourceId" = s.id)
         ORDER BY s.id LIMIT $1`,
        [batchSize],
      );
      if (rows.length === 0) return filled;
      const fingerprints = rows.map((row) => fingerprintOf(row.text));
      const ids = rows.map((row) => row.id);
      await client.query("BEGIN");
      // The same array-based inserts as lib/data/sources.ts insertSources.
      await client.query(
        `INSERT INTO "SourceFingerprint" ("sourceId", signature)
         SELECT batch.ids[position], batch.signatures[(position - 1) * $3 + 1 : position * $3]
         FROM (SELECT $1::text[] AS ids, $2::int[] AS signatures) AS batch, generate_subscripts(batch.ids, 1) AS position
         ON CONFLICT DO NOTHING`,
        [ids, fingerprints.flatMap((fingerprint) => fingerprint.signature), signatureLength],
      );
      await client.query(
        `INSERT INTO "SourceFingerprintBand" ("key", "sourceId")
         SELECT * FROM unnest($1::int[], $2::text[]) ON CONFLICT DO NOTHING`,
        [fingerprints.flatMap((fingerprint) => fingerprint.bands), ids.flatMap((id) => Array<string>(bandCount).fill(id))],
      );
      await client.query("COMMIT");
      filled += rows.length;
      // A batch shorter than asked was the last.
      if (rows.length < batchSize) return filled;
    }
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
