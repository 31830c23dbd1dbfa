-- AlterTable
ALTER TABLE "StanceCoding" ADD COLUMN     "adjudicatedScore" SMALLINT;

-- Hand-written: prisma/sql/stance-coding-read-model.sql, as changed by this migration.
DROP TRIGGER "StanceCoding_copy_statement" ON "StanceCoding";

CREATE OR REPLACE FUNCTION "stance_coding_copy_statement"() RETURNS trigger
LANGUAGE plpgsql AS '
BEGIN
  SELECT s."deletedAt" IS NULL AND src."deletedAt" IS NULL, s.form = ''DIRECT_QUOTE'', src."blindCoding"
    INTO NEW."statementLive", NEW."directQuote", NEW."blindSource"
    FROM "Statement" s JOIN "Source" src ON src.id = s."sourceId"
    WHERE s.id = NEW."statementId";
  NEW."adjudicatedScore" := (
    SELECT a.score FROM "Adjudication" a
    WHERE a."statementId" = NEW."statementId" AND a."targetId" = NEW."targetId" AND a."deletedAt" IS NULL);
  RETURN NEW;
END
';

CREATE TRIGGER "StanceCoding_copy_statement"
  BEFORE INSERT OR UPDATE OF "statementId", "targetId" ON "StanceCoding"
  FOR EACH ROW EXECUTE FUNCTION "stance_coding_copy_statement"();

-- An adjudication settles a statement's stance toward a target: every coding
-- of that pair carries the live one's score (at most one is live).
CREATE FUNCTION "adjudication_refresh_codings"() RETURNS trigger
LANGUAGE plpgsql AS '
BEGIN
  IF TG_OP <> ''INSERT'' THEN
    UPDATE "StanceCoding" c
      SET "adjudicatedScore" = (
        SELECT a.score FROM "Adjudication" a
        WHERE a."statementId" = OLD."statementId" AND a."targetId" = OLD."targetId" AND a."deletedAt" IS NULL)
      WHERE c."statementId" = OLD."statementId" AND c."targetId" = OLD."targetId";
  END IF;
  IF TG_OP <> ''DELETE'' THEN
    UPDATE "StanceCoding" c
      SET "adjudicatedScore" = (
        SELECT a.score FROM "Adjudication" a
        WHERE a."statementId" = NEW."statementId" AND a."targetId" = NEW."targetId" AND a."deletedAt" IS NULL)
      WHERE c."statementId" = NEW."statementId" AND c."targetId" = NEW."targetId";
  END IF;
  RETURN NULL;
END
';

CREATE TRIGGER "Adjudication_refresh_codings"
  AFTER INSERT OR UPDATE OR DELETE ON "Adjudication"
  FOR EACH ROW EXECUTE FUNCTION "adjudication_refresh_codings"();

UPDATE "StanceCoding" c
  SET "adjudicatedScore" = a.score
  FROM "Adjudication" a
  WHERE a."statementId" = c."statementId" AND a."targetId" = c."targetId" AND a."deletedAt" IS NULL;

DROP INDEX "StanceCoding_speaker_target_reads";

DROP INDEX "StanceCoding_target_reads";

-- One speaker toward targets, and every speaker toward a target: the two
-- shapes of the stance queries, with every column they read.
CREATE INDEX "StanceCoding_speaker_target_reads" ON "StanceCoding" ("speakerId", "targetId", "saidOn")
  INCLUDE ("statementId", score, confidence, "coderId", "directQuote", "blindSource", "adjudicatedScore")
  WHERE "deletedAt" IS NULL AND "statementLive";

CREATE INDEX "StanceCoding_target_reads" ON "StanceCoding" ("targetId", "saidOn")
  INCLUDE ("speakerId", "statementId", score, confidence, "coderId", "directQuote", "blindSource", "adjudicatedScore")
  WHERE "deletedAt" IS NULL AND "statementLive";
