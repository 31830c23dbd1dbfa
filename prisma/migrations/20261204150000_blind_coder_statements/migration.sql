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
