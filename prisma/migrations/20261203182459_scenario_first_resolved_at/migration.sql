-- AlterTable
ALTER TABLE "Scenario" ADD COLUMN     "firstResolvedAt" TIMESTAMP(3);

-- Scenarios resolved before this column existed: the first resolution the audit trail records, yes or no (a
-- reopened scenario's too); a resolved scenario with none recorded (seeded or imported) from its last change,
-- after which it has taken no estimate.
UPDATE "Scenario" s SET "firstResolvedAt" = first.at
FROM (
  SELECT a."entityId" AS id, min(a."at") AS at FROM "AuditEntry" a
  WHERE a.entity = 'Scenario' AND a."after"->>'status' IN ('RESOLVED_YES', 'RESOLVED_NO')
  GROUP BY a."entityId"
) first
WHERE first.id = s.id;

UPDATE "Scenario" SET "firstResolvedAt" = "updatedAt"
WHERE "firstResolvedAt" IS NULL AND status IN ('RESOLVED_YES', 'RESOLVED_NO');
