-- Coverage as columns: each statement carries how many live codings it has
-- ("liveCodingCount", by anyone), each source and each speaking actor how many
-- live statements ("liveStatementCount"), so the lists' "not coded yet" and "not started"
-- filters read partial indexes instead of anti-joining a million codings or
-- half a million statements, and a page's counts are columns (an actor's counts
-- only statements whose source is live too). These triggers
-- keep them whatever writes codings or statements (the app, the codings and
-- bundle imports, a restore, a hard delete, a script): a row counts while its
-- "deletedAt" is null, toward the statement or source it belongs to.
-- See docs/decisions/0034.
-- (Bodies are single-quoted strings: the migration runner splits scripts on
-- semicolons outside quotes and does not understand dollar quoting.)

-- Statement-level triggers over transition tables: a bulk write (an import,
-- a source's statements) updates each parent row once, not once per row;
-- transition tables allow one event per trigger, hence three each. (Every
-- parent update is a new row version that its indexes, full-text ones too,
-- take in: see decision 0034.)

CREATE FUNCTION "stance_coding_count_on_statement"() RETURNS trigger
LANGUAGE plpgsql AS '
BEGIN
  IF TG_OP = ''INSERT'' THEN
    UPDATE "Statement" p SET "liveCodingCount" = p."liveCodingCount" + d.n
      FROM (SELECT "statementId" AS id, count(*) AS n FROM new_rows WHERE "deletedAt" IS NULL GROUP BY "statementId") d
      WHERE p.id = d.id;
  ELSIF TG_OP = ''DELETE'' THEN
    UPDATE "Statement" p SET "liveCodingCount" = p."liveCodingCount" - d.n
      FROM (SELECT "statementId" AS id, count(*) AS n FROM old_rows WHERE "deletedAt" IS NULL GROUP BY "statementId") d
      WHERE p.id = d.id;
  ELSE
    UPDATE "Statement" p SET "liveCodingCount" = p."liveCodingCount" + d.n
      FROM (
        SELECT id, sum(n) AS n FROM (
          SELECT o."statementId" AS id, -1 AS n FROM old_rows o JOIN new_rows nw ON nw.id = o.id
            WHERE o."deletedAt" IS NULL AND (nw."deletedAt" IS NOT NULL OR nw."statementId" <> o."statementId")
          UNION ALL
          SELECT nw."statementId", 1 FROM old_rows o JOIN new_rows nw ON nw.id = o.id
            WHERE nw."deletedAt" IS NULL AND (o."deletedAt" IS NOT NULL OR nw."statementId" <> o."statementId")
        ) AS changes
        GROUP BY id HAVING sum(n) <> 0
      ) d
      WHERE p.id = d.id;
  END IF;
  RETURN NULL;
END
';

CREATE TRIGGER "StanceCoding_count_on_statement_insert"
  AFTER INSERT ON "StanceCoding" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "stance_coding_count_on_statement"();

CREATE TRIGGER "StanceCoding_count_on_statement_delete"
  AFTER DELETE ON "StanceCoding" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "stance_coding_count_on_statement"();

-- Deleted or restored (soft), or moved to another statement.
CREATE TRIGGER "StanceCoding_count_on_statement_update"
  AFTER UPDATE ON "StanceCoding" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "stance_coding_count_on_statement"();

CREATE FUNCTION "statement_count_on_source"() RETURNS trigger
LANGUAGE plpgsql AS '
BEGIN
  IF TG_OP = ''INSERT'' THEN
    UPDATE "Source" p SET "liveStatementCount" = p."liveStatementCount" + d.n
      FROM (SELECT "sourceId" AS id, count(*) AS n FROM new_rows WHERE "deletedAt" IS NULL GROUP BY "sourceId") d
      WHERE p.id = d.id;
  ELSIF TG_OP = ''DELETE'' THEN
    UPDATE "Source" p SET "liveStatementCount" = p."liveStatementCount" - d.n
      FROM (SELECT "sourceId" AS id, count(*) AS n FROM old_rows WHERE "deletedAt" IS NULL GROUP BY "sourceId") d
      WHERE p.id = d.id;
  ELSE
    UPDATE "Source" p SET "liveStatementCount" = p."liveStatementCount" + d.n
      FROM (
        SELECT id, sum(n) AS n FROM (
          SELECT o."sourceId" AS id, -1 AS n FROM old_rows o JOIN new_rows nw ON nw.id = o.id
            WHERE o."deletedAt" IS NULL AND (nw."deletedAt" IS NOT NULL OR nw."sourceId" <> o."sourceId")
          UNION ALL
          SELECT nw."sourceId", 1 FROM old_rows o JOIN new_rows nw ON nw.id = o.id
            WHERE nw."deletedAt" IS NULL AND (o."deletedAt" IS NOT NULL OR nw."sourceId" <> o."sourceId")
        ) AS changes
        GROUP BY id HAVING sum(n) <> 0
      ) d
      WHERE p.id = d.id;
  END IF;
  RETURN NULL;
END
';

CREATE TRIGGER "Statement_count_on_source_insert"
  AFTER INSERT ON "Statement" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "statement_count_on_source"();

CREATE TRIGGER "Statement_count_on_source_delete"
  AFTER DELETE ON "Statement" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "statement_count_on_source"();

-- Deleted or restored (soft), or moved to another source.
CREATE TRIGGER "Statement_count_on_source_update"
  AFTER UPDATE ON "Statement" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "statement_count_on_source"();

CREATE FUNCTION "statement_count_on_speaker"() RETURNS trigger
LANGUAGE plpgsql AS '
BEGIN
  IF TG_OP = ''INSERT'' THEN
    UPDATE "Actor" p SET "liveStatementCount" = p."liveStatementCount" + d.n
      FROM (SELECT s."speakerId" AS id, count(*) AS n FROM new_rows s LEFT JOIN "Source" src ON src.id = s."sourceId"
            WHERE s."deletedAt" IS NULL AND src."deletedAt" IS NULL GROUP BY s."speakerId") d
      WHERE p.id = d.id;
  ELSIF TG_OP = ''DELETE'' THEN
    UPDATE "Actor" p SET "liveStatementCount" = p."liveStatementCount" - d.n
      FROM (SELECT s."speakerId" AS id, count(*) AS n FROM old_rows s LEFT JOIN "Source" src ON src.id = s."sourceId"
            WHERE s."deletedAt" IS NULL AND src."deletedAt" IS NULL GROUP BY s."speakerId") d
      WHERE p.id = d.id;
  ELSE
    WITH moves AS (
      SELECT o."speakerId" AS speaker, nw."speakerId" AS "newSpeaker",
             o."deletedAt" IS NULL AND old_source."deletedAt" IS NULL AS "wasLive",
             nw."deletedAt" IS NULL AND new_source."deletedAt" IS NULL AS "isLive"
        FROM old_rows o JOIN new_rows nw ON nw.id = o.id
        LEFT JOIN "Source" old_source ON old_source.id = o."sourceId"
        LEFT JOIN "Source" new_source ON new_source.id = nw."sourceId"
        -- Most updates (a coding count, a correction of the words) move nothing: left out before the sources are read.
        WHERE o."deletedAt" IS DISTINCT FROM nw."deletedAt" OR o."speakerId" <> nw."speakerId" OR o."sourceId" <> nw."sourceId"
    )
    UPDATE "Actor" p SET "liveStatementCount" = p."liveStatementCount" + d.n
      FROM (
        SELECT id, sum(n) AS n FROM (
          SELECT speaker AS id, -1 AS n FROM moves WHERE "wasLive" AND (NOT "isLive" OR "newSpeaker" <> speaker)
          UNION ALL
          SELECT "newSpeaker", 1 FROM moves WHERE "isLive" AND (NOT "wasLive" OR "newSpeaker" <> speaker)
        ) AS changes
        GROUP BY id HAVING sum(n) <> 0
      ) d
      WHERE p.id = d.id;
  END IF;
  RETURN NULL;
END
';

CREATE TRIGGER "Statement_count_on_speaker_insert"
  AFTER INSERT ON "Statement" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "statement_count_on_speaker"();

CREATE TRIGGER "Statement_count_on_speaker_delete"
  AFTER DELETE ON "Statement" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "statement_count_on_speaker"();

-- Deleted or restored (soft), or moved to another speaker (a correction, an actor merge).
CREATE TRIGGER "Statement_count_on_speaker_update"
  AFTER UPDATE ON "Statement" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "statement_count_on_speaker"();

-- A source deleted or restored takes its live statements out of, or back into, their speakers' counts.
CREATE FUNCTION "source_count_on_speakers"() RETURNS trigger
LANGUAGE plpgsql AS '
BEGIN
  UPDATE "Actor" p SET "liveStatementCount" = p."liveStatementCount" + d.n
    FROM (SELECT "speakerId" AS id, count(*) * (CASE WHEN NEW."deletedAt" IS NULL THEN 1 ELSE -1 END) AS n
          FROM "Statement" WHERE "sourceId" = NEW.id AND "deletedAt" IS NULL GROUP BY "speakerId") d
    WHERE p.id = d.id;
  RETURN NULL;
END
';

CREATE TRIGGER "Source_count_on_speakers"
  AFTER UPDATE OF "deletedAt" ON "Source"
  FOR EACH ROW
  WHEN ((OLD."deletedAt" IS NULL) <> (NEW."deletedAt" IS NULL))
  EXECUTE FUNCTION "source_count_on_speakers"();

-- Rows written before the counts existed.
UPDATE "Statement" s
  SET "liveCodingCount" = live.count
  FROM (SELECT "statementId", count(*) AS count FROM "StanceCoding" WHERE "deletedAt" IS NULL GROUP BY "statementId") AS live
  WHERE live."statementId" = s.id;

UPDATE "Source" src
  SET "liveStatementCount" = live.count
  FROM (SELECT "sourceId", count(*) AS count FROM "Statement" WHERE "deletedAt" IS NULL GROUP BY "sourceId") AS live
  WHERE live."sourceId" = src.id;

UPDATE "Actor" a
  SET "liveStatementCount" = live.count
  FROM (SELECT s."speakerId", count(*) AS count FROM "Statement" s JOIN "Source" src ON src.id = s."sourceId"
        WHERE s."deletedAt" IS NULL AND src."deletedAt" IS NULL GROUP BY s."speakerId") AS live
  WHERE live."speakerId" = a.id;
