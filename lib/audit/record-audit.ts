import type { Prisma } from "../generated/prisma/client";
import type { SqlClient } from "../database/direct-sql";
import type { AuditAction } from "../generated/prisma/enums";

type Transaction = Prisma.TransactionClient;

/** Model names whose records are audited, as written in AuditEntry.entity. */
export type AuditedEntity =
  | "User"
  | "Actor"
  | "ActorMerge"
  | "Adjudication"
  | "StatementReview"
  | "Source"
  | "Statement"
  | "StanceCoding"
  | "Event"
  | "ScenarioSet"
  | "Scenario"
  | "ScenarioEstimate"
  | "Indicator"
  | "Evidence"
  | "EvidenceAssessment"
  | "AssignmentDraw"
  | "CodebookVersion"
  | "CodingImport";

const redactedFields = new Set(["passwordHash"]);

/** A record as plain JSON for the audit trail: dates as ISO strings, secrets redacted. */
export function auditSnapshot(record: object | null): Prisma.InputJsonValue | undefined {
  if (record === null) return undefined;
  return JSON.parse(
    JSON.stringify(record, (key, value: unknown) =>
      redactedFields.has(key) && value ? "[redacted]" : typeof value === "bigint" ? value.toString() : value,
    ),
  ) as Prisma.InputJsonValue;
}

/** An audit entry as a change records it; `at` defaults to the time of the statement that writes it. */
export type AuditEntryInput = {
  userId: string | null;
  action: AuditAction;
  entity: AuditedEntity;
  entityId: string;
  before?: object | null;
  after?: object | null;
  at?: Date;
};

/** Writes one audit entry and returns its id. Call it with the transaction that makes the change, so both land or neither does. */
export async function recordAudit(tx: Transaction, entry: AuditEntryInput) {
  const written = await tx.auditEntry.create({
    data: {
      userId: entry.userId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      before: auditSnapshot(entry.before ?? null),
      after: auditSnapshot(entry.after ?? null),
      ...(entry.at ? { at: entry.at } : {}),
    },
    select: { id: true },
  });
  return written.id;
}

/**
 * Writes many audit entries in one statement, for bulk changes (an intake of
 * thousands of sources), in the order given: the chain's trigger numbers them
 * in that order. Through direct SQL (lib/database/direct-sql.ts; `sqlOf(tx)` in
 * a Prisma transaction), with the same content recordAudit writes: the
 * snapshot as JSON, `at` the entry's own time or else the time of the
 * statement (one time for the whole statement, as Prisma's own default gave a createMany).
 */
export async function recordAudits(sql: SqlClient, entries: readonly AuditEntryInput[], at: Date = new Date()) {
  if (entries.length === 0) return;
  await sql.query(
    `INSERT INTO "AuditEntry" ("userId", action, entity, "entityId", before, after, at)
     SELECT entry."userId", entry.action::"AuditAction", entry.entity, entry."entityId", entry.before::jsonb, entry.after::jsonb, entry.at
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamp[], $7::text[]) WITH ORDINALITY
       AS entry("userId", action, entity, "entityId", after, at, before, position)
     ORDER BY entry.position`,
    [
      entries.map((entry) => entry.userId),
      entries.map((entry) => entry.action),
      entries.map((entry) => entry.entity),
      entries.map((entry) => entry.entityId),
      entries.map((entry) => (entry.after === undefined || entry.after === null ? null : JSON.stringify(auditSnapshot(entry.after)))),
      // A timestamp column without a zone holds UTC, as Prisma writes it; the "Z" is ignored on input.
      entries.map((entry) => (entry.at ?? at).toISOString()),
      entries.map((entry) => (entry.before === undefined || entry.before === null ? null : JSON.stringify(auditSnapshot(entry.before)))),
    ],
  );
}

// Entries per statement when held entries are written: each carries its snapshot as a parameter.
const heldAuditBatchSize = 2_000;

/**
 * The audit entries of a long bulk write (an intake, an import), held until its end and written there. The chain's
 * lock (prisma/sql/audit-hash-chain.sql) is taken by a transaction's first audit entry and held until it commits:
 * written as the rows went in, an upload of a minute held every other person's save for that minute (and failed
 * those that waited longer than their transaction may). Written last, the lock is held from that write to the
 * commit. Each entry keeps the time its rows were written.
 */
export class HeldAuditEntries {
  private readonly entries: AuditEntryInput[] = [];

  add(entries: readonly AuditEntryInput[], at: Date = new Date()): void {
    for (const entry of entries) this.entries.push({ ...entry, at: entry.at ?? at });
  }

  /** Writes them all, in the order added: call it last in the transaction, after anything that can refuse the change. */
  async write(sql: SqlClient): Promise<void> {
    for (let start = 0; start < this.entries.length; start += heldAuditBatchSize)
      await recordAudits(sql, this.entries.slice(start, start + heldAuditBatchSize));
    this.entries.length = 0;
  }
}
