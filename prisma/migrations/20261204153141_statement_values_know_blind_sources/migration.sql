-- AlterTable
ALTER TABLE "StanceStatementValue" ADD COLUMN     "blindSource" BOOLEAN NOT NULL DEFAULT true;

-- A blind coder's views read the settled values of the statements they see whole (decision 0005): each value now
-- carries whether its source is coded blind, settled again when that changes (prisma/sql/stance-statement-values.sql).
UPDATE "StanceStatementValue" v SET "blindSource" = src."blindCoding"
  FROM "Statement" s JOIN "Source" src ON src.id = s."sourceId"
  WHERE s.id = v."statementId";

CREATE OR REPLACE FUNCTION "stance_statement_values_settle"(statement_ids text[], target_ids text[]) RETURNS void
LANGUAGE plpgsql AS '
BEGIN
  PERFORM pg_advisory_xact_lock(1003, k.key)
    FROM (SELECT DISTINCT hashtext(p.statement_id) & 255 AS key FROM unnest(statement_ids) AS p(statement_id) ORDER BY 1) AS k;
  DELETE FROM "StanceStatementValue" v
    USING unnest(statement_ids, target_ids) AS p(statement_id, target_id)
    WHERE v."statementId" = p.statement_id AND v."targetId" = p.target_id;
  INSERT INTO "StanceStatementValue"
    ("statementId", "targetId", "speakerId", "saidOn", "saidOnPrecision", "countedOn", score, adjudicated, "codingCount", "directQuote",
     "blindSource")
  SELECT c."statementId", c."targetId", max(c."speakerId"), max(c."saidOn"), max(c."saidOnPrecision"),
    CASE WHEN max(c."saidOnPrecision") = ''MONTH''
      THEN (date_trunc(''month'', max(c."saidOn")::timestamp) + interval ''1 month - 1 day'')::date
      ELSE max(c."saidOn") END,
    COALESCE(max(c."adjudicatedScore")::float8, avg(c.score)::float8), max(c."adjudicatedScore") IS NOT NULL,
    count(*)::int, bool_or(c."directQuote"), bool_or(c."blindSource")
  FROM "StanceCoding" c
  JOIN (SELECT DISTINCT * FROM unnest(statement_ids, target_ids) AS p(statement_id, target_id)) AS p
    ON c."statementId" = p.statement_id AND c."targetId" = p.target_id
  WHERE c."deletedAt" IS NULL AND c."statementLive"
  GROUP BY c."statementId", c."targetId";
END
';

CREATE OR REPLACE FUNCTION "stance_codings_updated_settle"() RETURNS trigger
LANGUAGE plpgsql AS '
BEGIN
  PERFORM "stance_statement_values_settle"(array_agg(p.statement_id), array_agg(p.target_id))
  FROM (
    SELECT o."statementId" AS statement_id, o."targetId" AS target_id, n."statementId" AS new_statement_id, n."targetId" AS new_target_id
    FROM removed o JOIN added n ON n.id = o.id
    WHERE o."statementId" IS DISTINCT FROM n."statementId" OR o."targetId" IS DISTINCT FROM n."targetId"
      OR o."speakerId" IS DISTINCT FROM n."speakerId" OR o."saidOn" IS DISTINCT FROM n."saidOn"
      OR o."saidOnPrecision" IS DISTINCT FROM n."saidOnPrecision" OR o.score IS DISTINCT FROM n.score
      OR o."deletedAt" IS DISTINCT FROM n."deletedAt" OR o."statementLive" IS DISTINCT FROM n."statementLive"
      OR o."adjudicatedScore" IS DISTINCT FROM n."adjudicatedScore" OR o."directQuote" IS DISTINCT FROM n."directQuote"
      OR o."blindSource" IS DISTINCT FROM n."blindSource"
  ) AS changed
  CROSS JOIN LATERAL (VALUES (changed.statement_id, changed.target_id), (changed.new_statement_id, changed.new_target_id))
    AS p(statement_id, target_id)
  HAVING count(*) > 0;
  RETURN NULL;
END
';

CREATE OR REPLACE FUNCTION "stance_statement_values_rebuild"() RETURNS void
LANGUAGE plpgsql AS '
BEGIN
  DELETE FROM "StanceStatementValue";
  INSERT INTO "StanceStatementValue"
    ("statementId", "targetId", "speakerId", "saidOn", "saidOnPrecision", "countedOn", score, adjudicated, "codingCount", "directQuote",
     "blindSource")
  SELECT c."statementId", c."targetId", max(c."speakerId"), max(c."saidOn"), max(c."saidOnPrecision"),
    CASE WHEN max(c."saidOnPrecision") = ''MONTH''
      THEN (date_trunc(''month'', max(c."saidOn")::timestamp) + interval ''1 month - 1 day'')::date
      ELSE max(c."saidOn") END,
    COALESCE(max(c."adjudicatedScore")::float8, avg(c.score)::float8), max(c."adjudicatedScore") IS NOT NULL,
    count(*)::int, bool_or(c."directQuote"), bool_or(c."blindSource")
  FROM "StanceCoding" c
  WHERE c."deletedAt" IS NULL AND c."statementLive"
  GROUP BY c."statementId", c."targetId";
  DELETE FROM "StanceSpeakerMonth";
  INSERT INTO "StanceSpeakerMonth" ("targetId", month, "speakerId", "codingCount", "directQuoteCodingCount",
    "adjudicatedCodingCount", "directQuoteAdjudicatedCodingCount")
  SELECT v."targetId", date_trunc(''month'', v."countedOn")::date, v."speakerId", sum(v."codingCount")::int,
    coalesce(sum(v."codingCount") FILTER (WHERE v."directQuote"), 0)::int,
    coalesce(sum(v."codingCount") FILTER (WHERE v.adjudicated), 0)::int,
    coalesce(sum(v."codingCount") FILTER (WHERE v."directQuote" AND v.adjudicated), 0)::int
  FROM "StanceStatementValue" v
  GROUP BY v."targetId", date_trunc(''month'', v."countedOn")::date, v."speakerId";
END
';

DROP INDEX "StanceStatementValue_target_reads";
DROP INDEX "StanceStatementValue_speaker_target_reads";

CREATE INDEX "StanceStatementValue_target_reads" ON "StanceStatementValue" ("targetId", "countedOn")
  INCLUDE ("speakerId", "statementId", "saidOn", score, adjudicated, "codingCount", "directQuote", "blindSource");

CREATE INDEX "StanceStatementValue_speaker_target_reads" ON "StanceStatementValue" ("speakerId", "targetId", "countedOn")
  INCLUDE ("statementId", "saidOn", score, adjudicated, "codingCount", "directQuote", "blindSource");
