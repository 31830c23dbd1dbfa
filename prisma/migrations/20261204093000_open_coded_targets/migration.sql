-- A blind coder's target pickers list the targets of the codings they may see, not of everyone's
-- (lib/data/coded-targets.ts): those of open sources are found by a skip scan of this index.
CREATE INDEX "StanceCoding_open_targets" ON "StanceCoding" ("targetId")
  WHERE "deletedAt" IS NULL AND "statementLive" AND NOT "blindSource";
