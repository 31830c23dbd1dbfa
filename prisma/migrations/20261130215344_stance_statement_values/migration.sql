-- CreateTable
CREATE TABLE "StanceStatementValue" (
    "statementId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "speakerId" TEXT NOT NULL,
    "saidOn" DATE NOT NULL,
    "saidOnPrecision" "DatePrecision" NOT NULL,
    "countedOn" DATE NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "adjudicated" BOOLEAN NOT NULL,
    "codingCount" INTEGER NOT NULL,
    "directQuote" BOOLEAN NOT NULL,

    CONSTRAINT "StanceStatementValue_pkey" PRIMARY KEY ("statementId","targetId")
);

-- Hand-written: prisma/sql/stance-statement-values.sql, with the backfill before its indexes.
-- Each live statement's value toward each target it was coded toward, kept in
-- step with its codings: the adjudicated score where there is one, else the
-- mean of its live codings, with the coding count and the copies the
-- dashboard filters and groups by. Every change that matters reaches the
-- codings first (the statement, source and adjudication triggers in
-- stance-coding-read-model.sql, the composite key's cascade of a statement's
-- speaker and date), so triggers on StanceCoding alone keep this table.
-- The dashboard's default views group these rows instead of codings
-- (lib/dashboard/stance-sql.ts); see docs/decisions/0036.
-- (Bodies are single-quoted strings: the migration runner splits scripts on
-- semicolons outside quotes and does not understand dollar quoting.)

-- Settles one statement and target from its codings as they are now. The
-- advisory lock lets one transaction at a time settle a pair, and each
-- statement after it reads the codings committed by then, so two coders
-- coding the same statement at once cannot leave a value that misses one.
CREATE FUNCTION "stance_statement_value_settle"(statement_id text, target_id text) RETURNS void
LANGUAGE plpgsql AS '
BEGIN
  PERFORM pg_advisory_xact_lock(1003, hashtext(statement_id || '':'' || target_id));
  DELETE FROM "StanceStatementValue" v WHERE v."statementId" = statement_id AND v."targetId" = target_id;
  INSERT INTO "StanceStatementValue"
    ("statementId", "targetId", "speakerId", "saidOn", "saidOnPrecision", "countedOn", score, adjudicated, "codingCount", "directQuote")
  SELECT statement_id, target_id, max(c."speakerId"), max(c."saidOn"), max(c."saidOnPrecision"),
    CASE WHEN max(c."saidOnPrecision") = ''MONTH''
      THEN (date_trunc(''month'', max(c."saidOn")::timestamp) + interval ''1 month - 1 day'')::date
      ELSE max(c."saidOn") END,
    COALESCE(max(c."adjudicatedScore")::float8, avg(c.score)::float8), max(c."adjudicatedScore") IS NOT NULL,
    count(*)::int, bool_or(c."directQuote")
  FROM "StanceCoding" c
  WHERE c."statementId" = statement_id AND c."targetId" = target_id AND c."deletedAt" IS NULL AND c."statementLive"
  HAVING count(*) > 0;
END
';

-- Every pair at once, from scratch: the migration's backfill and the benchmark's
-- bulk load (which skips triggers) call it. The same value as above, per pair.
CREATE FUNCTION "stance_statement_values_rebuild"() RETURNS void
LANGUAGE plpgsql AS '
BEGIN
  DELETE FROM "StanceStatementValue";
  INSERT INTO "StanceStatementValue"
    ("statementId", "targetId", "speakerId", "saidOn", "saidOnPrecision", "countedOn", score, adjudicated, "codingCount", "directQuote")
  SELECT c."statementId", c."targetId", max(c."speakerId"), max(c."saidOn"), max(c."saidOnPrecision"),
    CASE WHEN max(c."saidOnPrecision") = ''MONTH''
      THEN (date_trunc(''month'', max(c."saidOn")::timestamp) + interval ''1 month - 1 day'')::date
      ELSE max(c."saidOn") END,
    COALESCE(max(c."adjudicatedScore")::float8, avg(c.score)::float8), max(c."adjudicatedScore") IS NOT NULL,
    count(*)::int, bool_or(c."directQuote")
  FROM "StanceCoding" c
  WHERE c."deletedAt" IS NULL AND c."statementLive"
  GROUP BY c."statementId", c."targetId";
END
';

CREATE FUNCTION "stance_coding_settle_value"() RETURNS trigger
LANGUAGE plpgsql AS '
BEGIN
  IF TG_OP <> ''INSERT'' THEN
    PERFORM "stance_statement_value_settle"(OLD."statementId", OLD."targetId");
  END IF;
  IF TG_OP <> ''DELETE'' AND (TG_OP = ''INSERT'' OR OLD."statementId" <> NEW."statementId" OR OLD."targetId" <> NEW."targetId") THEN
    PERFORM "stance_statement_value_settle"(NEW."statementId", NEW."targetId");
  END IF;
  RETURN NULL;
END
';

CREATE TRIGGER "StanceCoding_settle_value"
  AFTER INSERT OR DELETE ON "StanceCoding"
  FOR EACH ROW EXECUTE FUNCTION "stance_coding_settle_value"();

-- Only changes that move a value: not a rationale, a version or a flag.
CREATE TRIGGER "StanceCoding_settle_value_update"
  AFTER UPDATE ON "StanceCoding"
  FOR EACH ROW
  WHEN (OLD."statementId" IS DISTINCT FROM NEW."statementId" OR OLD."targetId" IS DISTINCT FROM NEW."targetId"
    OR OLD."speakerId" IS DISTINCT FROM NEW."speakerId" OR OLD."saidOn" IS DISTINCT FROM NEW."saidOn"
    OR OLD."saidOnPrecision" IS DISTINCT FROM NEW."saidOnPrecision" OR OLD.score IS DISTINCT FROM NEW.score
    OR OLD."deletedAt" IS DISTINCT FROM NEW."deletedAt" OR OLD."statementLive" IS DISTINCT FROM NEW."statementLive"
    OR OLD."adjudicatedScore" IS DISTINCT FROM NEW."adjudicatedScore" OR OLD."directQuote" IS DISTINCT FROM NEW."directQuote")
  EXECUTE FUNCTION "stance_coding_settle_value"();

-- The codings there are already.
SELECT "stance_statement_values_rebuild"();

-- Every speaker toward a target, and one speaker toward targets: the two
-- shapes of the dashboard's reads, answered from the index alone.
CREATE INDEX "StanceStatementValue_target_reads" ON "StanceStatementValue" ("targetId", "countedOn")
  INCLUDE ("speakerId", "statementId", "saidOn", score, adjudicated, "codingCount", "directQuote");

CREATE INDEX "StanceStatementValue_speaker_target_reads" ON "StanceStatementValue" ("speakerId", "targetId", "countedOn")
  INCLUDE ("statementId", "saidOn", score, adjudicated, "codingCount", "directQuote");
