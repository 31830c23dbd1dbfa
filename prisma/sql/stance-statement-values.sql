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

-- Settles statement and target pairs from their codings as they are now, all
-- at once (a bulk write of codings settles its pairs in one pass). The
-- advisory locks, taken in a fixed order, let one transaction at a time settle
-- a statement, and each statement after them reads the codings committed by
-- then, so two coders coding the same statement at once cannot leave a value
-- that misses one. Statements share 256 locks (by a hash of their id): a bulk
-- write of thousands of statements must not fill the server's lock table.
CREATE FUNCTION "stance_statement_values_settle"(statement_ids text[], target_ids text[]) RETURNS void
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

-- After each statement that writes codings, the pairs it touched, from its
-- transition tables (one trigger per event: PostgreSQL allows transition
-- tables only on single-event triggers). An update settles only the pairs of
-- codings whose value-bearing columns changed: not a rationale, a version or a flag.
CREATE FUNCTION "stance_codings_inserted_settle"() RETURNS trigger
LANGUAGE plpgsql AS '
BEGIN
  PERFORM "stance_statement_values_settle"(array_agg(n."statementId"), array_agg(n."targetId")) FROM added n;
  RETURN NULL;
END
';

CREATE FUNCTION "stance_codings_deleted_settle"() RETURNS trigger
LANGUAGE plpgsql AS '
BEGIN
  PERFORM "stance_statement_values_settle"(array_agg(o."statementId"), array_agg(o."targetId")) FROM removed o;
  RETURN NULL;
END
';

CREATE FUNCTION "stance_codings_updated_settle"() RETURNS trigger
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

CREATE TRIGGER "StanceCoding_inserted_settle_values"
  AFTER INSERT ON "StanceCoding"
  REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION "stance_codings_inserted_settle"();

CREATE TRIGGER "StanceCoding_updated_settle_values"
  AFTER UPDATE ON "StanceCoding"
  REFERENCING OLD TABLE AS removed NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION "stance_codings_updated_settle"();

CREATE TRIGGER "StanceCoding_deleted_settle_values"
  AFTER DELETE ON "StanceCoding"
  REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION "stance_codings_deleted_settle"();

-- Each speaker's coding counts toward a target per month, summed from the
-- settled values as they are inserted and deleted (settling a pair deletes its
-- row and inserts the new one; nothing updates the table), once per statement
-- with its transition table, so a bulk rebuild adds a month at a time.
CREATE FUNCTION "stance_speaker_month_add"() RETURNS trigger
LANGUAGE plpgsql AS '
BEGIN
  INSERT INTO "StanceSpeakerMonth" AS m ("targetId", month, "speakerId", "codingCount", "directQuoteCodingCount",
    "adjudicatedCodingCount", "directQuoteAdjudicatedCodingCount")
  SELECT a."targetId", date_trunc(''month'', a."countedOn")::date, a."speakerId", sum(a."codingCount")::int,
    coalesce(sum(a."codingCount") FILTER (WHERE a."directQuote"), 0)::int,
    coalesce(sum(a."codingCount") FILTER (WHERE a.adjudicated), 0)::int,
    coalesce(sum(a."codingCount") FILTER (WHERE a."directQuote" AND a.adjudicated), 0)::int
  FROM added a
  GROUP BY a."targetId", date_trunc(''month'', a."countedOn")::date, a."speakerId"
  ON CONFLICT ("targetId", month, "speakerId") DO UPDATE SET
    "codingCount" = m."codingCount" + EXCLUDED."codingCount",
    "directQuoteCodingCount" = m."directQuoteCodingCount" + EXCLUDED."directQuoteCodingCount",
    "adjudicatedCodingCount" = m."adjudicatedCodingCount" + EXCLUDED."adjudicatedCodingCount",
    "directQuoteAdjudicatedCodingCount" = m."directQuoteAdjudicatedCodingCount" + EXCLUDED."directQuoteAdjudicatedCodingCount";
  RETURN NULL;
END
';

CREATE FUNCTION "stance_speaker_month_subtract"() RETURNS trigger
LANGUAGE plpgsql AS '
BEGIN
  UPDATE "StanceSpeakerMonth" m SET
    "codingCount" = m."codingCount" - r.coding_count,
    "directQuoteCodingCount" = m."directQuoteCodingCount" - r.direct_quote_coding_count,
    "adjudicatedCodingCount" = m."adjudicatedCodingCount" - r.adjudicated_coding_count,
    "directQuoteAdjudicatedCodingCount" = m."directQuoteAdjudicatedCodingCount" - r.direct_quote_adjudicated_coding_count
  FROM (
    SELECT d."targetId", date_trunc(''month'', d."countedOn")::date AS month, d."speakerId", sum(d."codingCount")::int AS coding_count,
      coalesce(sum(d."codingCount") FILTER (WHERE d."directQuote"), 0)::int AS direct_quote_coding_count,
      coalesce(sum(d."codingCount") FILTER (WHERE d.adjudicated), 0)::int AS adjudicated_coding_count,
      coalesce(sum(d."codingCount") FILTER (WHERE d."directQuote" AND d.adjudicated), 0)::int AS direct_quote_adjudicated_coding_count
    FROM removed d
    GROUP BY d."targetId", date_trunc(''month'', d."countedOn")::date, d."speakerId"
  ) r
  WHERE m."targetId" = r."targetId" AND m.month = r.month AND m."speakerId" = r."speakerId";
  DELETE FROM "StanceSpeakerMonth" m
    USING (SELECT DISTINCT d."targetId", date_trunc(''month'', d."countedOn")::date AS month, d."speakerId" FROM removed d) r
    WHERE m."targetId" = r."targetId" AND m.month = r.month AND m."speakerId" = r."speakerId" AND m."codingCount" = 0;
  RETURN NULL;
END
';

CREATE TRIGGER "StanceStatementValue_add_to_months"
  AFTER INSERT ON "StanceStatementValue"
  REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION "stance_speaker_month_add"();

CREATE TRIGGER "StanceStatementValue_subtract_from_months"
  AFTER DELETE ON "StanceStatementValue"
  REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION "stance_speaker_month_subtract"();

-- Every pair at once, from scratch: the migration's backfill and the benchmark's
-- bulk load call it. The same value as above, per pair. The month sums are
-- summed afresh last, since a bulk load that skips triggers
-- (session_replication_role = replica) would leave them empty.
CREATE FUNCTION "stance_statement_values_rebuild"() RETURNS void
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

-- Every speaker toward a target, and one speaker toward targets: the two
-- shapes of the dashboard's reads, answered from the index alone.
CREATE INDEX "StanceStatementValue_target_reads" ON "StanceStatementValue" ("targetId", "countedOn")
  INCLUDE ("speakerId", "statementId", "saidOn", score, adjudicated, "codingCount", "directQuote", "blindSource");

CREATE INDEX "StanceStatementValue_speaker_target_reads" ON "StanceStatementValue" ("speakerId", "targetId", "countedOn")
  INCLUDE ("statementId", "saidOn", score, adjudicated, "codingCount", "directQuote", "blindSource");
