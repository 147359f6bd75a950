-- Title search by index: a pg_trgm GIN index over the titles' text answers "which titles contain this
-- text" for texts of three or more characters without reading every title. It indexes the expression
-- title::text (the library's query names the same expression); a catalog that already holds books gets
-- them indexed here, in the migration's transaction.
--
-- pg_trgm is an extension, like citext: it is created when missing, which takes the CREATE privilege on
-- the database (pg_trgm is a trusted extension); without it the error says what a DBA runs.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        BEGIN
            CREATE EXTENSION pg_trgm;
        EXCEPTION
            WHEN insufficient_privilege THEN
                RAISE EXCEPTION 'BookData needs the PostgreSQL extension pg_trgm, which database "%" lacks and user "%" may not create: a database owner or superuser runs CREATE EXTENSION pg_trgm; in database "%", then migrates again', current_database(), current_user, current_database()
                    USING ERRCODE = 'insufficient_privilege';
            WHEN undefined_file THEN
                RAISE EXCEPTION 'BookData needs the PostgreSQL extension pg_trgm, which this server does not have: install the server''s contrib extensions (Debian: postgresql-contrib), then migrate again'
                    USING ERRCODE = 'undefined_file';
        END;
    END IF;
END
$$;

CREATE INDEX ix_book_title_trgm ON book USING gin ((title::text) gin_trgm_ops);
