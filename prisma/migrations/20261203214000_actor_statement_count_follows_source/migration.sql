-- An actor's count of live statements (the actors list's figure, its sort) kept counting the statements of a
-- deleted source: it now counts a statement while its source is live too, and a source's deletion or restore
-- moves its statements out of or back into their speakers' counts (prisma/sql/coverage-counts.sql, which
-- describes the final state).

CREATE OR REPLACE FUNCTION "statement_count_on_speaker"() RETURNS trigger
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

-- Counted again: a source deleted before this (by a script, say) was still counted.
UPDATE "Actor" a
  SET "liveStatementCount" = coalesce(live.count, 0)
  FROM "Actor" actor
  LEFT JOIN (
    SELECT s."speakerId", count(*) AS count FROM "Statement" s JOIN "Source" src ON src.id = s."sourceId"
    WHERE s."deletedAt" IS NULL AND src."deletedAt" IS NULL GROUP BY s."speakerId"
  ) AS live ON live."speakerId" = actor.id
  WHERE a.id = actor.id AND a."liveStatementCount" <> coalesce(live.count, 0);
