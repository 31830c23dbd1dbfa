// Walks the audit trail's hash chain (prisma/sql/audit-hash-chain.sql) and
// reports the first place it breaks. The hash is recomputed by the expression
// below, not by the database's function, so that replacing that function
// cannot make a tampered trail verify. See docs/decisions/0011.
import pg from "pg";

const genesisHash = "0".repeat(64);
const batchSize = 5000;

// The same canonical form as "audit_entry_hash" in prisma/sql/audit-hash-chain.sql.
const recomputedHash = `encode(sha256(convert_to(jsonb_build_array("chainPosition", floor(extract(epoch FROM at) * 1000)::bigint,
  "userId", action::text, entity, "entityId", before, after, "previousHash")::text, 'UTF8')), 'hex')`;

export type AuditChainReport =
  { intact: true; entries: number; headHash: string } | { intact: false; entries: number; entryId: string | null; problem: string };

/** A chain position and the hash it had, recorded outside the database by an earlier verification. */
export type AuditChainAnchor = { position: bigint; hash: string };

/** Reads `position:hash` as `npm run audit:verify` prints it. */
export function parseAuditChainAnchor(text: string): AuditChainAnchor {
  const match = /^(\d{1,18}):([0-9a-f]{64})$/.exec(text.trim());
  if (!match) throw new Error(`An anchor is written position:hash, as audit:verify prints it (e.g. 42:${"ab".repeat(32)}); got "${text}"`);
  return { position: BigInt(match[1]!), hash: match[2]! };
}

type Row = { id: string; position: string | null; previousHash: string | null; hash: string | null; recomputed: string | null };

/**
 * Verifies the chain from its start. With an `anchor`, the entry at that position must still have
 * that hash: a superuser who rewrote an entry and recomputed every hash after it (which the chain
 * alone cannot reveal) changed the anchor's hash too.
 */
export async function verifyAuditChain(url: string, anchor?: AuditChainAnchor): Promise<AuditChainReport> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // An entry with no place in the chain was written with the chain's trigger switched off.
    const unchained = await client.query<{ id: string }>(
      `SELECT id::text FROM "AuditEntry" WHERE "chainPosition" IS NULL OR hash IS NULL OR "previousHash" IS NULL ORDER BY id LIMIT 1`,
    );
    if (unchained.rowCount)
      return {
        intact: false,
        entries: 0,
        entryId: unchained.rows[0]!.id,
        problem: `audit entry ${unchained.rows[0]!.id} has no place in the chain: it was inserted out of band (with the chain's trigger off)`,
      };

    let expectedPosition = 1n;
    let previousHash = genesisHash;
    let previousId: string | null = null;
    for (;;) {
      const { rows } = await client.query<Row>(
        `SELECT id::text, "chainPosition"::text AS position, "previousHash", hash, ${recomputedHash} AS recomputed
           FROM "AuditEntry" WHERE "chainPosition" >= $1 ORDER BY "chainPosition" LIMIT ${batchSize}`,
        [expectedPosition.toString()],
      );
      for (const row of rows) {
        const position = BigInt(row.position!);
        const after = previousId === null ? "at the start of the chain" : `after audit entry ${previousId}`;
        if (position !== expectedPosition)
          return {
            intact: false,
            entries: Number(expectedPosition - 1n),
            entryId: row.id,
            problem: `position ${expectedPosition} of the chain is missing ${after}: ${position - expectedPosition} entr${position - expectedPosition === 1n ? "y was" : "ies were"} deleted before audit entry ${row.id}`,
          };
        if (row.previousHash !== previousHash)
          return {
            intact: false,
            entries: Number(expectedPosition - 1n),
            entryId: row.id,
            problem: `audit entry ${row.id} (position ${position}) does not follow the entry before it: it was inserted out of band, or the entry before it was replaced`,
          };
        if (row.hash !== row.recomputed)
          return {
            intact: false,
            entries: Number(expectedPosition - 1n),
            entryId: row.id,
            problem: `audit entry ${row.id} (position ${position}) was altered: its content no longer matches its hash`,
          };
        if (anchor && position === anchor.position && row.hash !== anchor.hash)
          return {
            intact: false,
            entries: Number(expectedPosition - 1n),
            entryId: row.id,
            problem: `audit entry ${row.id} (position ${position}) no longer has the hash recorded for it: it, or an entry before it, was rewritten and the chain recomputed`,
          };
        previousHash = row.hash!;
        previousId = row.id;
        expectedPosition += 1n;
      }
      if (rows.length < batchSize) break;
    }
    if (anchor && anchor.position >= expectedPosition)
      return {
        intact: false,
        entries: Number(expectedPosition - 1n),
        entryId: null,
        problem: `the chain ends at position ${expectedPosition - 1n}, before the recorded position ${anchor.position}: entries were deleted from its end`,
      };
    return { intact: true, entries: Number(expectedPosition - 1n), headHash: previousHash };
  } finally {
    await client.end();
  }
}
