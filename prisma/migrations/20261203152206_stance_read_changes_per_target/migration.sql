-- AlterTable
ALTER TABLE "StanceReadChange" DROP CONSTRAINT "StanceReadChange_pkey",
ADD COLUMN     "scope" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "StanceReadChange_pkey" PRIMARY KEY ("slot", "scope");

-- Hand-written: prisma/sql/stance-read-changes.sql, as it now reads (decision 0051). The rows counted so far
-- are in the empty scope, which every chart reads, so no chart kept before this migration outlives a change.
-- The old triggers, one per table for every kind of write, make way for one per kind of write.

-- Adds one to this connection's row of each scope named. Not SECURITY
-- DEFINER: the triggers' functions below call it as the tables' owner, and
-- the app's role may not call it to change the counts.
CREATE FUNCTION "stance_read_count"(scopes text[]) RETURNS void
LANGUAGE sql SET search_path = public AS '
  INSERT INTO "StanceReadChange" (slot, scope, changes)
    SELECT pg_backend_pid(), scope, 1 FROM unnest(scopes) AS named(scope) GROUP BY scope ORDER BY scope
    ON CONFLICT (slot, scope) DO UPDATE SET changes = "StanceReadChange".changes + 1
';

CREATE OR REPLACE FUNCTION "stance_read_changed"() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS '
BEGIN
  PERFORM "stance_read_count"(ARRAY['''']);
  RETURN NULL;
END
';

-- Transition tables allow one event per trigger, hence one trigger per event
-- on each table that counts per target; a TRUNCATE counts in the empty scope.
CREATE FUNCTION "stance_read_target_changed"() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS '
DECLARE
  targets text[];
BEGIN
  -- Each branch names only the transition tables its trigger has.
  IF TG_OP = ''INSERT'' THEN
    targets := ARRAY(SELECT DISTINCT "targetId" FROM new_rows);
  ELSIF TG_OP = ''DELETE'' THEN
    targets := ARRAY(SELECT DISTINCT "targetId" FROM old_rows);
  ELSE
    targets := ARRAY(SELECT "targetId" FROM old_rows UNION SELECT "targetId" FROM new_rows);
  END IF;
  PERFORM "stance_read_count"(targets);
  RETURN NULL;
END
';

-- A write in the empty scope counts only if it changed a row: inserted one,
-- deleted one, or changed a column other than those named in the trigger's
-- arguments (the coverage counts, coverage-counts.sql, which no chart shows and
-- every coding or statement written rewrites). Any other column, one added
-- later included, counts. An update of no rows, as those triggers send, does not.
CREATE FUNCTION "stance_read_rows_changed"() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS '
DECLARE
  uncounted text[] := coalesce(TG_ARGV, ''{}'');
  changed boolean;
BEGIN
  -- Each branch names only the transition tables its trigger has.
  IF TG_OP = ''INSERT'' THEN
    changed := EXISTS (SELECT FROM new_rows);
  ELSIF TG_OP = ''DELETE'' THEN
    changed := EXISTS (SELECT FROM old_rows);
  ELSE
    changed := EXISTS (
      SELECT to_jsonb(nw) - uncounted FROM new_rows nw
      EXCEPT
      SELECT to_jsonb(o) - uncounted FROM old_rows o
    );
  END IF;
  IF changed THEN
    PERFORM "stance_read_count"(ARRAY['''']);
  END IF;
  RETURN NULL;
END
';

-- Connections come and go (the pool closes idle ones), each leaving rows.
-- Folding moves every row not held by a transaction in progress into row 0 of
-- its scope, in one statement, so no scope's sum ever changes. A folded
-- connection that writes again starts new rows. One fold at a time: two would
-- add to the same rows of slot 0, perhaps in different orders, and could
-- deadlock; a fold that finds another under way leaves the rows to it.
CREATE OR REPLACE FUNCTION "stance_read_changes_fold"() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS '
BEGIN
  IF NOT pg_try_advisory_xact_lock(1004, 0) THEN
    RETURN;
  END IF;
  WITH folded AS (
    DELETE FROM "StanceReadChange" c
    WHERE (c.slot, c.scope) IN (SELECT slot, scope FROM "StanceReadChange" WHERE slot <> 0 FOR UPDATE SKIP LOCKED)
    RETURNING c.scope, c.changes
  )
  INSERT INTO "StanceReadChange" (slot, scope, changes)
    SELECT 0, scope, sum(changes) FROM folded GROUP BY scope ORDER BY scope
    ON CONFLICT (slot, scope) DO UPDATE SET changes = "StanceReadChange".changes + excluded.changes;
END
';

DROP TRIGGER "StanceCoding_stance_read_changed" ON "StanceCoding";
DROP TRIGGER "StanceStatementValue_stance_read_changed" ON "StanceStatementValue";
DROP TRIGGER "StanceSpeakerMonth_stance_read_changed" ON "StanceSpeakerMonth";
DROP TRIGGER "Statement_stance_read_changed" ON "Statement";
DROP TRIGGER "Source_stance_read_changed" ON "Source";
DROP TRIGGER "Actor_stance_read_changed" ON "Actor";
DROP TRIGGER "User_stance_read_changed" ON "User";
DROP TRIGGER "Event_stance_read_changed" ON "Event";

-- Every table the series statement reads (lib/dashboard/stance-sql.ts), whichever
-- of its forms: tests/integration/kept-stance-series.test.ts checks the list
-- against the statement's text.
CREATE TRIGGER "StanceCoding_stance_read_insert" AFTER INSERT ON "StanceCoding"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_target_changed"();
CREATE TRIGGER "StanceCoding_stance_read_update" AFTER UPDATE ON "StanceCoding"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_target_changed"();
CREATE TRIGGER "StanceCoding_stance_read_delete" AFTER DELETE ON "StanceCoding"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_target_changed"();
CREATE TRIGGER "StanceCoding_stance_read_truncate" AFTER TRUNCATE ON "StanceCoding"
  FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_changed"();
CREATE TRIGGER "StanceStatementValue_stance_read_insert" AFTER INSERT ON "StanceStatementValue"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_target_changed"();
CREATE TRIGGER "StanceStatementValue_stance_read_update" AFTER UPDATE ON "StanceStatementValue"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_target_changed"();
CREATE TRIGGER "StanceStatementValue_stance_read_delete" AFTER DELETE ON "StanceStatementValue"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_target_changed"();
CREATE TRIGGER "StanceStatementValue_stance_read_truncate" AFTER TRUNCATE ON "StanceStatementValue"
  FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_changed"();
CREATE TRIGGER "StanceSpeakerMonth_stance_read_insert" AFTER INSERT ON "StanceSpeakerMonth"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_target_changed"();
CREATE TRIGGER "StanceSpeakerMonth_stance_read_update" AFTER UPDATE ON "StanceSpeakerMonth"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_target_changed"();
CREATE TRIGGER "StanceSpeakerMonth_stance_read_delete" AFTER DELETE ON "StanceSpeakerMonth"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_target_changed"();
CREATE TRIGGER "StanceSpeakerMonth_stance_read_truncate" AFTER TRUNCATE ON "StanceSpeakerMonth"
  FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_changed"();
CREATE TRIGGER "Statement_stance_read_insert" AFTER INSERT ON "Statement"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_rows_changed"('liveCodingCount');
CREATE TRIGGER "Statement_stance_read_update" AFTER UPDATE ON "Statement"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_rows_changed"('liveCodingCount');
CREATE TRIGGER "Statement_stance_read_delete" AFTER DELETE ON "Statement"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_rows_changed"('liveCodingCount');
CREATE TRIGGER "Statement_stance_read_truncate" AFTER TRUNCATE ON "Statement"
  FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_changed"();
CREATE TRIGGER "Source_stance_read_insert" AFTER INSERT ON "Source"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_rows_changed"('liveStatementCount');
CREATE TRIGGER "Source_stance_read_update" AFTER UPDATE ON "Source"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_rows_changed"('liveStatementCount');
CREATE TRIGGER "Source_stance_read_delete" AFTER DELETE ON "Source"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_rows_changed"('liveStatementCount');
CREATE TRIGGER "Source_stance_read_truncate" AFTER TRUNCATE ON "Source"
  FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_changed"();
CREATE TRIGGER "Actor_stance_read_insert" AFTER INSERT ON "Actor"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_rows_changed"('liveStatementCount');
CREATE TRIGGER "Actor_stance_read_update" AFTER UPDATE ON "Actor"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_rows_changed"('liveStatementCount');
CREATE TRIGGER "Actor_stance_read_delete" AFTER DELETE ON "Actor"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_rows_changed"('liveStatementCount');
CREATE TRIGGER "Actor_stance_read_truncate" AFTER TRUNCATE ON "Actor"
  FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_changed"();
CREATE TRIGGER "User_stance_read_insert" AFTER INSERT ON "User"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_rows_changed"();
CREATE TRIGGER "User_stance_read_update" AFTER UPDATE ON "User"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_rows_changed"();
CREATE TRIGGER "User_stance_read_delete" AFTER DELETE ON "User"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_rows_changed"();
CREATE TRIGGER "User_stance_read_truncate" AFTER TRUNCATE ON "User"
  FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_changed"();
CREATE TRIGGER "Event_stance_read_insert" AFTER INSERT ON "Event"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_rows_changed"();
CREATE TRIGGER "Event_stance_read_update" AFTER UPDATE ON "Event"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_rows_changed"();
CREATE TRIGGER "Event_stance_read_delete" AFTER DELETE ON "Event"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_rows_changed"();
CREATE TRIGGER "Event_stance_read_truncate" AFTER TRUNCATE ON "Event"
  FOR EACH STATEMENT EXECUTE FUNCTION "stance_read_changed"();
