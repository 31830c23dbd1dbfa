-- A source whose text's vector passes PostgreSQL's 1 MB failed to save (a 500): it is now stored with the longest
-- start of its text whose vector fits (prisma/sql/search.sql, which describes the final state).

CREATE FUNCTION "search_source_vector"(configuration regconfig, title text, publisher text, body text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE AS '
DECLARE
  kept integer := length(body);
BEGIN
  LOOP
    BEGIN
      RETURN setweight(to_tsvector(configuration, "search_fold"(title)), ''A'')
        || setweight(to_tsvector(configuration, "search_fold"(publisher)), ''C'')
        || setweight(to_tsvector(configuration, "search_fold"(left(body, kept))), ''D'');
    EXCEPTION WHEN program_limit_exceeded THEN
      kept := kept / 2;
    END;
  END LOOP;
END
';

CREATE OR REPLACE FUNCTION "source_search_vector"() RETURNS trigger
LANGUAGE plpgsql AS '
BEGIN
  NEW."searchVector" := "search_source_vector"("search_configuration"(NEW.language), NEW.title, NEW.publisher, NEW.text);
  RETURN NEW;
END
';
