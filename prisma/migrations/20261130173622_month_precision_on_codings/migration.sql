-- AlterTable
ALTER TABLE "StanceCoding" ADD COLUMN     "saidOnPrecision" "DatePrecision" NOT NULL DEFAULT 'DAY';

-- Hand-written: prisma/sql/stance-coding-read-model.sql, as changed by this migration.
-- Codings carry their statement's date precision, so windows can count a
-- month-precision statement from the last day of its month (docs/decisions/0014).
DROP TRIGGER "StanceCoding_copy_statement" ON "StanceCoding";

CREATE OR REPLACE FUNCTION "stance_coding_copy_statement"() RETURNS trigger
LANGUAGE plpgsql AS '
BEGIN
  SELECT s."deletedAt" IS NULL AND src."deletedAt" IS NULL, s.form = ''DIRECT_QUOTE'', src."blindCoding", s."saidOnPrecision"
    INTO NEW."statementLive", NEW."directQuote", NEW."blindSource", NEW."saidOnPrecision"
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

DROP TRIGGER "Statement_refresh_codings" ON "Statement";

CREATE OR REPLACE FUNCTION "statement_refresh_codings"() RETURNS trigger
LANGUAGE plpgsql AS '
BEGIN
  UPDATE "StanceCoding" c
    SET "statementLive" = NEW."deletedAt" IS NULL AND src."deletedAt" IS NULL,
        "directQuote" = NEW.form = ''DIRECT_QUOTE'',
        "blindSource" = src."blindCoding",
        "saidOnPrecision" = NEW."saidOnPrecision"
    FROM "Source" src
    WHERE src.id = NEW."sourceId" AND c."statementId" = NEW.id;
  RETURN NULL;
END
';

CREATE TRIGGER "Statement_refresh_codings"
  AFTER UPDATE OF "deletedAt", form, "sourceId", "saidOnPrecision" ON "Statement"
  FOR EACH ROW
  WHEN (OLD."deletedAt" IS DISTINCT FROM NEW."deletedAt" OR OLD.form IS DISTINCT FROM NEW.form OR OLD."sourceId" IS DISTINCT FROM NEW."sourceId"
    OR OLD."saidOnPrecision" IS DISTINCT FROM NEW."saidOnPrecision")
  EXECUTE FUNCTION "statement_refresh_codings"();

UPDATE "StanceCoding" c
  SET "saidOnPrecision" = s."saidOnPrecision"
  FROM "Statement" s
  WHERE s.id = c."statementId" AND s."saidOnPrecision" <> 'DAY';

DROP INDEX "StanceCoding_speaker_target_reads";

DROP INDEX "StanceCoding_target_reads";

-- One speaker toward targets, and every speaker toward a target: the two
-- shapes of the stance queries, with every column they read.
CREATE INDEX "StanceCoding_speaker_target_reads" ON "StanceCoding" ("speakerId", "targetId", "saidOn")
  INCLUDE ("statementId", score, confidence, "coderId", "directQuote", "blindSource", "adjudicatedScore", "saidOnPrecision")
  WHERE "deletedAt" IS NULL AND "statementLive";

CREATE INDEX "StanceCoding_target_reads" ON "StanceCoding" ("targetId", "saidOn")
  INCLUDE ("speakerId", "statementId", score, confidence, "coderId", "directQuote", "blindSource", "adjudicatedScore", "saidOnPrecision")
  WHERE "deletedAt" IS NULL AND "statementLive";
