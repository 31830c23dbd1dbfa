import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/database/prisma";
import { listNearDuplicatesOf } from "@/lib/data/sources";
import { fingerprintOf } from "@/lib/sources/near-duplicates";
import { backfillSourceFingerprints } from "@/scripts/database/fingerprint-backfill";
import { createSource, createUser } from "../support/factories";
import { testLane } from "../support/lane";

const db = createPrismaClient(testLane().databaseUrl, { maxConnections: 2 });
afterAll(() => db.$disconnect());

const wire = (dateline: string, run: number) =>
  `${dateline} — Iran and the United States ended a second day of indirect talks in Muscat on Sunday without an agreement, ` +
  `but both delegations said they would meet again within two weeks, according to officials briefed on the discussions. ` +
  `Omani mediators carried messages between the two rooms for more than six hours, one official said, adding that the ` +
  `atmosphere had been constructive and that technical teams would continue their work on sanctions relief. Run ${run}.`;

describe("fingerprint backfill", () => {
  it("gives sources stored without a fingerprint one, so near duplicates among old sources are found; running it again changes nothing", async () => {
    const run = Date.now();
    // The factory writes source rows alone, as sources stored before fingerprints existed were.
    const old = await createSource(db, wire("MUSCAT", run));
    const copy = await createSource(db, wire("DUBAI", run));
    const viewer = { ...(await createUser(db, "VIEWER")), isAdjudicator: false };
    expect(await db.sourceFingerprint.count({ where: { sourceId: { in: [old.id, copy.id] } } })).toBe(0);
    expect(await listNearDuplicatesOf(viewer, old.id)).toEqual([]);

    const filled = await backfillSourceFingerprints(testLane().ownerDatabaseUrl);
    expect(filled).toBeGreaterThanOrEqual(2);
    // The same signature and bands as the app computes when it stores a source.
    const stored = await db.sourceFingerprint.findUniqueOrThrow({ where: { sourceId: old.id } });
    expect(stored.signature).toEqual(fingerprintOf(old.text).signature);
    const bands = await db.sourceFingerprintBand.findMany({ where: { sourceId: old.id }, select: { key: true } });
    expect(new Set(bands.map((band) => band.key))).toEqual(new Set(fingerprintOf(old.text).bands));
    expect((await listNearDuplicatesOf(viewer, old.id)).map((duplicate) => duplicate.id)).toEqual([copy.id]);

    // Idempotent: nothing left to fill, nothing rewritten.
    expect(await backfillSourceFingerprints(testLane().ownerDatabaseUrl)).toBe(0);
    expect(await db.sourceFingerprint.count({ where: { sourceId: { in: [old.id, copy.id] } } })).toBe(2);
  });
});
