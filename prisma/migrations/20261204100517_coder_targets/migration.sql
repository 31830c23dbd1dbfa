-- A blind coder's target pickers find the targets they coded toward by a skip scan of (coderId, targetId); it
-- replaces the index on coderId alone, whose lookups by coder it serves as well (lib/data/coded-targets.ts).
-- DropIndex
DROP INDEX "StanceCoding_coderId_idx";

-- CreateIndex
CREATE INDEX "StanceCoding_coderId_targetId_idx" ON "StanceCoding"("coderId", "targetId");
