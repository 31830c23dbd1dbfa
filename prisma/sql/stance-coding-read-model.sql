-- The dashboard reads codings alone: each coding carries whether its statement
-- and source are live, whether the statement is a direct quote, whether its
-- source is coded blind, and the statement's adjudicated score toward the
-- coding's target, and how precisely the statement's date is known. These triggers keep the copies in step whatever writes the
-- statement, source or adjudication (the app, a restore, a script), and the
-- covering partial indexes below let PostgreSQL answer the stance queries from
-- the index without visiting the table. See docs/decisions/0006.
-- (Bodies are single-quoted strings: the migration runner splits scripts on
-- semicolons outside quotes and does not understand dollar quoting.)

CREATE FUNCTION "stance_coding_copy_statement"() RETURNS trigger
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

CREATE FUNCTION "statement_refresh_codings"() RETURNS trigger
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

CREATE FUNCTION "source_refresh_codings"() RETURNS trigger
LANGUAGE plpgsql AS '
BEGIN
  UPDATE "StanceCoding" c
    SET "statementLive" = s."deletedAt" IS NULL AND NEW."deletedAt" IS NULL,
        "blindSource" = NEW."blindCoding"
    FROM "Statement" s
    WHERE s."sourceId" = NEW.id AND c."statementId" = s.id;
  RETURN NULL;
END
';

CREATE TRIGGER "Source_refresh_codings"
  AFTER UPDATE OF "deletedAt", "blindCoding" ON "Source"
  FOR EACH ROW
  WHEN (OLD."deletedAt" IS DISTINCT FROM NEW."deletedAt" OR OLD."blindCoding" IS DISTINCT FROM NEW."blindCoding")
  EXECUTE FUNCTION "source_refresh_codings"();

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

-- Codings that existed before the copies did.
UPDATE "StanceCoding" c
  SET "statementLive" = s."deletedAt" IS NULL AND src."deletedAt" IS NULL,
      "directQuote" = s.form = 'DIRECT_QUOTE',
      "blindSource" = src."blindCoding",
      "saidOnPrecision" = s."saidOnPrecision",
      "adjudicatedScore" = (
        SELECT a.score FROM "Adjudication" a
        WHERE a."statementId" = c."statementId" AND a."targetId" = c."targetId" AND a."deletedAt" IS NULL)
  FROM "Statement" s JOIN "Source" src ON src.id = s."sourceId"
  WHERE s.id = c."statementId";

-- One speaker toward targets, and every speaker toward a target: the two
-- shapes of the stance queries, with every column they read.
CREATE INDEX "StanceCoding_speaker_target_reads" ON "StanceCoding" ("speakerId", "targetId", "saidOn")
  INCLUDE ("statementId", score, confidence, "coderId", "directQuote", "blindSource", "adjudicatedScore", "saidOnPrecision")
  WHERE "deletedAt" IS NULL AND "statementLive";

CREATE INDEX "StanceCoding_target_reads" ON "StanceCoding" ("targetId", "saidOn")
  INCLUDE ("speakerId", "statementId", score, confidence, "coderId", "directQuote", "blindSource", "adjudicatedScore", "saidOnPrecision")
  WHERE "deletedAt" IS NULL AND "statementLive";

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

-- The targets of codings on sources coded openly, for a blind coder's target pickers (lib/data/coded-targets.ts):
-- a skip scan of it finds each in one probe, however few of the codings are open.
CREATE INDEX "StanceCoding_open_targets" ON "StanceCoding" ("targetId")
  WHERE "deletedAt" IS NULL AND "statementLive" AND NOT "blindSource";

-- A blind coder's stance views over every speaker find "a statement they coded" as one pass over their own
-- codings of blind sources, hashed (lib/dashboard/stance-sql.ts, codingsInScope).
CREATE INDEX "StanceCoding_blind_coder_statements" ON "StanceCoding" ("coderId", "statementId")
  WHERE "deletedAt" IS NULL AND "blindSource";

-- The day a coding counts from (docs/decisions/0014) is an expression every stance query filters on. Without
-- statistics PostgreSQL guessed that a window kept 0.5 % of the codings (2,877 rows for 572,366), and so probed
-- where it should have hashed.
CREATE STATISTICS "StanceCoding_counted_on" ON (
  CASE WHEN "saidOnPrecision" = 'MONTH' THEN (date_trunc('month', "saidOn"::timestamp) + interval '1 month - 1 day')::date ELSE "saidOn" END
) FROM "StanceCoding";
