-- CreateTable
CREATE TABLE "StanceReadChange" (
    "slot" INTEGER NOT NULL,
    "changes" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "StanceReadChange_pkey" PRIMARY KEY ("slot")
);

-- Hand-written: prisma/sql/stance-read-changes.sql
-- Counts the writes that reach the tables a stance chart is read from, so that
-- the app may serve a chart it has already computed while nothing it was read
-- from has changed (lib/data/kept-stance-series.ts, docs/decisions/0050).
-- Every statement that writes one of these tables adds one to the row of its
-- database connection (its backend process id), inside its own transaction:
-- the increment becomes visible exactly when the write does, and vanishes with
-- it on a rollback. A chart is read together with the sum of all rows, in one
-- statement and so in one snapshot. The sum read later is the same only if no
-- such write has committed in between, because every write adds to it and
-- nothing takes from it. One row per connection means two writers never wait
-- for each other here (live connections have distinct process ids), so the
-- count adds no lock that could serialise or deadlock writers.
-- The functions run as the tables' owner: the app's role may read the counts
-- but not change them (scripts/database/application-role.ts).
-- (Bodies are single-quoted strings: the migration runner splits scripts on
-- semicolons outside quotes and does not understand dollar quoting.)

INSERT INTO "StanceReadChange" (slot, changes) VALUES (0, 0);

CREATE FUNCTION "stance_read_changed"() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS '
BEGIN
  INSERT INTO "StanceReadChange" (slot, changes) VALUES (pg_backend_pid(), 1)
    ON CONFLICT (slot) DO UPDATE SET changes = "StanceReadChange".changes + 1;
  RETURN NULL;
END
';

-- Connections come and go (the pool closes idle ones), each leaving a row.
-- Folding moves every row not held by a transaction in progress into row 0, in
-- one statement, so the sum never changes. A folded connection that writes
-- again starts a new row.
CREATE FUNCTION "stance_read_changes_fold"() RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public AS '
  WITH folded AS (
    DELETE FROM "StanceReadChange" c
    WHERE c.slot IN (SELECT slot FROM "StanceReadChange" WHERE slot <> 0 FOR UPDATE SKIP LOCKED)
    RETURNING c.changes
  )
  UPDATE "StanceReadChange" SET changes = changes + (SELECT coalesce(sum(changes), 0) FROM folded) WHERE slot = 0
';

-- Every table the series statement reads (lib/dashboard/stance-sql.ts), whichever
-- of its forms: tests/integration/kept-stance-series.test.ts checks the list
-- against the statement's text.
CREATE TRIGGER "StanceCoding_stance_read_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "StanceCoding"
  FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_changed"();
CREATE TRIGGER "StanceStatementValue_stance_read_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "StanceStatementValue"
  FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_changed"();
CREATE TRIGGER "StanceSpeakerMonth_stance_read_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "StanceSpeakerMonth"
  FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_changed"();
CREATE TRIGGER "Statement_stance_read_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Statement"
  FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_changed"();
CREATE TRIGGER "Source_stance_read_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Source"
  FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_changed"();
CREATE TRIGGER "Actor_stance_read_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Actor"
  FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_changed"();
CREATE TRIGGER "User_stance_read_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "User"
  FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_changed"();
CREATE TRIGGER "Event_stance_read_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Event"
  FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_changed"();
