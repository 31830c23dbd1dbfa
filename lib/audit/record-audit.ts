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
  | "CodebookVersion";

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

/** Writes one audit entry and returns its id. Call it with the transaction that makes the change, so both land or neither does. */
export async function recordAudit(
  tx: Transaction,
  entry: {
    userId: string | null;
    action: AuditAction;
    entity: AuditedEntity;
    entityId: string;
    before?: object | null;
    after?: object | null;
    at?: Date;
  },
) {
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
 * snapshot as JSON, `at` the time of the statement (one time for the whole
 * statement, as Prisma's own default gave a createMany).
 */
export async function recordAudits(
  sql: SqlClient,
  entries: { userId: string | null; action: AuditAction; entity: AuditedEntity; entityId: string; after?: object | null }[],
  at: Date = new Date(),
) {
  if (entries.length === 0) return;
  await sql.query(
    `INSERT INTO "AuditEntry" ("userId", action, entity, "entityId", after, at)
     SELECT entry."userId", entry.action::"AuditAction", entry.entity, entry."entityId", entry.after::jsonb, $6::timestamp
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY
       AS entry("userId", action, entity, "entityId", after, position)
     ORDER BY entry.position`,
    [
      entries.map((entry) => entry.userId),
      entries.map((entry) => entry.action),
      entries.map((entry) => entry.entity),
      entries.map((entry) => entry.entityId),
      entries.map((entry) => (entry.after === undefined || entry.after === null ? null : JSON.stringify(auditSnapshot(entry.after)))),
      // A timestamp column without a zone holds UTC, as Prisma writes it; the "Z" is ignored on input.
      at.toISOString(),
    ],
  );
}
