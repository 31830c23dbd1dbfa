-- Search across sources, statements and actors with the tools PostgreSQL ships
-- (docs/decisions/0015-search.md): a full-text vector per source and per
-- statement, built in the language of its source and kept by triggers, with GIN
-- indexes: trigram indexes (pg_trgm) on titles, quotes and actor names for
-- typos and partial names. Everything is folded first: lower case, accents and
-- Arabic-script diacritics removed, Arabic and Persian letter variants unified,
-- so "Zurich" finds "Zürich" and "كتاب" finds "کتاب".
-- (Bodies are single-quoted strings: the migration runner splits scripts on
-- semicolons outside quotes and does not understand dollar quoting.)

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- NFKD splits accented letters and presentation forms into base letters and
-- marks: the marks (Latin accents, Arabic harakat, tatweel, zero-width
-- joiners) are dropped, then Arabic letter variants become the Persian ones.
CREATE FUNCTION "search_fold"(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS '
  SELECT translate(
    regexp_replace(normalize(lower(value), NFKD), ''[\u0300-\u036f\u064b-\u065f\u0670\u0640\u200c\u200d]'', '''', ''g''),
    ''يىكأإآٱۀةøłđ'', ''ییکاااااههold'')
';

-- The text-search configuration for the language code of a source (en, fr-CA…).
-- Languages PostgreSQL cannot stem, Persian and Arabic among them, get
-- "simple": words as written (after folding), no stemming, no stop words.
CREATE FUNCTION "search_configuration"(language text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS '
  SELECT CASE split_part(lower(language), ''-'', 1)
    WHEN ''en'' THEN ''english''::regconfig
    WHEN ''fr'' THEN ''french''::regconfig
    WHEN ''de'' THEN ''german''::regconfig
    WHEN ''es'' THEN ''spanish''::regconfig
    WHEN ''it'' THEN ''italian''::regconfig
    WHEN ''pt'' THEN ''portuguese''::regconfig
    WHEN ''nl'' THEN ''dutch''::regconfig
    WHEN ''ru'' THEN ''russian''::regconfig
    WHEN ''tr'' THEN ''turkish''::regconfig
    ELSE ''simple''::regconfig
  END
';

-- A query matches a document when it matches in the configuration
-- of that document: a tsquery cannot name that per row, so the query is parsed in
-- every configuration above and the parses are joined with OR (one GIN probe).
CREATE FUNCTION "search_query"(query text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS '
  SELECT websearch_to_tsquery(''simple'', public."search_fold"(query))
    || websearch_to_tsquery(''english'', public."search_fold"(query))
    || websearch_to_tsquery(''french'', public."search_fold"(query))
    || websearch_to_tsquery(''german'', public."search_fold"(query))
    || websearch_to_tsquery(''spanish'', public."search_fold"(query))
    || websearch_to_tsquery(''italian'', public."search_fold"(query))
    || websearch_to_tsquery(''portuguese'', public."search_fold"(query))
    || websearch_to_tsquery(''dutch'', public."search_fold"(query))
    || websearch_to_tsquery(''russian'', public."search_fold"(query))
    || websearch_to_tsquery(''turkish'', public."search_fold"(query))
';

-- The name and aliases of an actor as one folded string, for the trigram index.
-- (Schema-qualified: PostgreSQL 17 and later build and maintain indexes with a
-- search_path of pg_catalog alone.)
CREATE FUNCTION "search_actor_names"(name text, aliases text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS '
  SELECT public."search_fold"(name || '' '' || coalesce(array_to_string(aliases, '' ''), ''''))
';

-- A source's vector: its title, publisher and text, weighted in that order. A vector holds at most 1 MB, and a
-- text within the app's 500,000 characters can pass it (distinct words in a three-byte script); such a source is
-- stored with the longest start of its text whose vector fits, halving until one does, rather than refused.
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

CREATE FUNCTION "source_search_vector"() RETURNS trigger
LANGUAGE plpgsql AS '
BEGIN
  NEW."searchVector" := "search_source_vector"("search_configuration"(NEW.language), NEW.title, NEW.publisher, NEW.text);
  RETURN NEW;
END
';

CREATE TRIGGER "Source_search_vector"
  BEFORE INSERT OR UPDATE OF title, publisher, text, language ON "Source"
  FOR EACH ROW EXECUTE FUNCTION "source_search_vector"();

CREATE FUNCTION "statement_search_vector"() RETURNS trigger
LANGUAGE plpgsql AS '
BEGIN
  NEW."searchVector" := to_tsvector(
    "search_configuration"((SELECT language FROM "Source" WHERE id = NEW."sourceId")),
    "search_fold"(NEW.quote));
  RETURN NEW;
END
';

CREATE TRIGGER "Statement_search_vector"
  BEFORE INSERT OR UPDATE OF quote, "sourceId" ON "Statement"
  FOR EACH ROW EXECUTE FUNCTION "statement_search_vector"();

-- Statements are parsed in the language of their source: re-parse them when it changes.
CREATE FUNCTION "source_refresh_statement_search"() RETURNS trigger
LANGUAGE plpgsql AS '
BEGIN
  UPDATE "Statement"
    SET "searchVector" = to_tsvector("search_configuration"(NEW.language), "search_fold"(quote))
    WHERE "sourceId" = NEW.id;
  RETURN NULL;
END
';

CREATE TRIGGER "Source_refresh_statement_search"
  AFTER UPDATE OF language ON "Source"
  FOR EACH ROW
  WHEN (OLD.language IS DISTINCT FROM NEW.language)
  EXECUTE FUNCTION "source_refresh_statement_search"();

CREATE INDEX "Source_search" ON "Source" USING gin ("searchVector");
CREATE INDEX "Statement_search" ON "Statement" USING gin ("searchVector");
CREATE INDEX "Source_title_trigrams" ON "Source" USING gin ("search_fold"(title) gin_trgm_ops);
CREATE INDEX "Statement_quote_trigrams" ON "Statement" USING gin ("search_fold"(quote) gin_trgm_ops);
CREATE INDEX "Actor_name_trigrams" ON "Actor" USING gin ("search_actor_names"(name, aliases) gin_trgm_ops);
