import type { Prisma } from "../generated/prisma/client";
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

/** Writes many audit entries in one statement, for bulk changes (an intake of thousands of sources). */
export async function recordAudits(
  tx: Transaction,
  entries: { userId: string | null; action: AuditAction; entity: AuditedEntity; entityId: string; after?: object | null }[],
) {
  if (entries.length === 0) return;
  await tx.auditEntry.createMany({
    data: entries.map((entry) => ({
      userId: entry.userId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      after: auditSnapshot(entry.after ?? null),
    })),
  });
}
