-- AlterTable
ALTER TABLE "StanceCoding" ADD COLUMN     "statementChangedAt" TIMESTAMP(3);

-- Hand-written: prisma/sql/stance-coding-read-model.sql, as changed by this migration.

-- A coding judges the words a speaker said: when a statement's quote or
-- speaker is corrected, its live codings are kept but flagged, so each coder
-- sees that the statement changed under their judgement (docs/decisions/0017).
-- The speaker and date copies follow by the composite foreign key's cascade.
CREATE FUNCTION "statement_flag_codings"() RETURNS trigger
LANGUAGE plpgsql AS '
BEGIN
  UPDATE "StanceCoding" c
    SET "statementChangedAt" = now()
    WHERE c."statementId" = NEW.id AND c."deletedAt" IS NULL;
  RETURN NULL;
END
';

CREATE TRIGGER "Statement_flag_codings"
  AFTER UPDATE OF quote, "speakerId" ON "Statement"
  FOR EACH ROW
  WHEN (OLD.quote IS DISTINCT FROM NEW.quote OR OLD."speakerId" IS DISTINCT FROM NEW."speakerId")
  EXECUTE FUNCTION "statement_flag_codings"();
