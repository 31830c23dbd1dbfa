-- Each statement carries how many live codings it has ("liveCodingCount"), by
-- anyone, so the statements list's "not coded yet" filter reads a partial
-- index instead of anti-joining a million codings, and a statement's count is
-- one column. These triggers keep it whatever writes codings (the app, the
-- codings and bundle imports, a restore, a hard delete, a script): a coding
-- counts while its "deletedAt" is null, toward the statement it belongs to.
-- See docs/decisions/0034.
-- (Bodies are single-quoted strings: the migration runner splits scripts on
-- semicolons outside quotes and does not understand dollar quoting.)

CREATE FUNCTION "stance_coding_count_on_statement"() RETURNS trigger
LANGUAGE plpgsql AS '
BEGIN
  IF TG_OP <> ''INSERT'' AND OLD."deletedAt" IS NULL THEN
    UPDATE "Statement" SET "liveCodingCount" = "liveCodingCount" - 1 WHERE id = OLD."statementId";
  END IF;
  IF TG_OP <> ''DELETE'' AND NEW."deletedAt" IS NULL THEN
    UPDATE "Statement" SET "liveCodingCount" = "liveCodingCount" + 1 WHERE id = NEW."statementId";
  END IF;
  RETURN NULL;
END
';

CREATE TRIGGER "StanceCoding_count_on_statement"
  AFTER INSERT OR DELETE ON "StanceCoding"
  FOR EACH ROW EXECUTE FUNCTION "stance_coding_count_on_statement"();

-- Deleted or restored (soft), or moved to another statement.
CREATE TRIGGER "StanceCoding_count_on_statement_change"
  AFTER UPDATE OF "deletedAt", "statementId" ON "StanceCoding"
  FOR EACH ROW
  WHEN ((OLD."deletedAt" IS NULL) <> (NEW."deletedAt" IS NULL) OR OLD."statementId" IS DISTINCT FROM NEW."statementId")
  EXECUTE FUNCTION "stance_coding_count_on_statement"();

-- Statements coded before the count existed.
UPDATE "Statement" s
  SET "liveCodingCount" = live.count
  FROM (SELECT "statementId", count(*) AS count FROM "StanceCoding" WHERE "deletedAt" IS NULL GROUP BY "statementId") AS live
  WHERE live."statementId" = s.id;
