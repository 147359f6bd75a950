namespace BookData.PostgreSql.Import;

/// <summary>
/// The statements of the CSV import on PostgreSQL: the rows are copied into a staging table, deduplicated there
/// on plain-text keys, given their ids, and moved into the catalog with one set-based statement per table, all in
/// the import's transaction.
/// </summary>
/// <remarks>
/// <para>
/// Each name's key is <c>lower()</c> of its text under the database's default collation: exactly what
/// <c>citext</c> compares (two values are equal when their lower-cased forms are byte for byte equal), so the
/// staging tables group and join on byte strings (hashing, <c>COLLATE "C"</c> sorts) and never pay citext's
/// per-comparison case folding. Measured on a 1,000,000-row file with the authors spread over the file
/// (docs/benchmarks.md, PostgreSQL): sorting the rows by a citext column took 19 s, by its text key 3.2 s.
/// </para>
/// <para>
/// Every author, publisher and book takes the spelling of its first row in the file, and the ones the catalog
/// lacks take ids from the table's identity sequence in order of first appearance, as SQLite numbers them.
/// The catalog's tables are locked against other writers (readers go on) for the transaction, so nothing can
/// add a row between the look-up and the insert. Into an empty catalog the unique and secondary indexes and
/// the foreign keys are dropped before the load and built again after it, as the SQLite import sets its
/// secondary indexes aside: one index build per index and one check per foreign key instead of a million
/// index insertions and trigger calls; the rows are written in each index's key order, so the builds find
/// them already sorted. The statements that recreate them must stay identical to
/// migrations/postgresql/0001_create_catalog.sql (a test compares the schema after an import with a fresh one).
/// </para>
/// </remarks>
internal static class PostgreSqlImportSql
{
    /// <summary>
    /// Lets the import's hashes and sorts (over every row of the file) run in memory rather than on disk;
    /// for this transaction only.
    /// </summary>
    public const string SetWorkMemory = """
        SET LOCAL work_mem = '128MB';
        SET LOCAL maintenance_work_mem = '256MB';
        """;

    /// <summary>
    /// Keeps other writers out until the import commits (they wait, as on SQLite), so ids drawn here and rows
    /// looked up here stay right; readers are not blocked. In add-book's table order.
    /// </summary>
    public const string LockCatalog = """
        LOCK TABLE author, publisher, book, book_publisher IN SHARE ROW EXCLUSIVE MODE;
        """;

    /// <summary>
    /// For an import into an empty catalog, whose indexes it drops: readers wait too. Taken at the start, before
    /// anything else, because a lock raised later would deadlock with a reader queued behind the import.
    /// </summary>
    public const string LockCatalogExclusive = """
        LOCK TABLE author, publisher, book, book_publisher IN ACCESS EXCLUSIVE MODE;
        """;

    /// <summary>Whether the catalog holds no row at all and this user may alter its tables (owns them).</summary>
    public const string CanRebuildIndexes = """
        SELECT NOT EXISTS (SELECT 1 FROM author)
           AND NOT EXISTS (SELECT 1 FROM publisher)
           AND NOT EXISTS (SELECT 1 FROM book)
           AND NOT EXISTS (SELECT 1 FROM book_publisher)
           AND (SELECT bool_and(pg_has_role(c.relowner, 'USAGE'))
                FROM pg_class AS c
                WHERE c.oid IN ('author'::regclass, 'publisher'::regclass, 'book'::regclass, 'book_publisher'::regclass));
        """;

    /// <summary>
    /// Whether <c>lower()</c>, as <c>citext</c> applies it, folds ASCII text as the client's id matching does (A–Z to
    /// a–z, nothing else): true under every ordinary locale and ICU's root; false under a Turkish one, for example.
    /// </summary>
    public const string FoldsAsciiLikeTheClient = """
        SELECT lower(@Ascii) = @Folded;
        """;

    /// <summary>
    /// The id each identity sequence gives next, left unchanged (a value is drawn, then handed back), so that an
    /// import that fails uses up none; the catalog's lock keeps other writers from drawing meanwhile.
    /// </summary>
    public const string NextIds = """
        SELECT setval(s.author, nextval(s.author), false),
               setval(s.publisher, nextval(s.publisher), false),
               setval(s.book, nextval(s.book), false)
        FROM (
            SELECT pg_get_serial_sequence('author', 'author_id')::regclass AS author,
                   pg_get_serial_sequence('publisher', 'publisher_id')::regclass AS publisher,
                   pg_get_serial_sequence('book', 'book_id')::regclass AS book
        ) AS s;
        """;

    /// <summary>Moves each identity sequence past the ids the import gave, as if it had drawn them one by one.</summary>
    public const string SetNextIds = """
        SELECT setval(pg_get_serial_sequence('author', 'author_id')::regclass, @NextAuthorId, false),
               setval(pg_get_serial_sequence('publisher', 'publisher_id')::regclass, @NextPublisherId, false),
               setval(pg_get_serial_sequence('book', 'book_id')::regclass, @NextBookId, false);
        """;

    /// <summary>The values as <c>citext</c> compares them: <c>lower()</c> under the database's default collation, in order.</summary>
    public const string Lower = """
        SELECT lower(v.value)
        FROM unnest(@Values::text[]) WITH ORDINALITY AS v(value, position)
        ORDER BY v.position;
        """;

    /// <summary>
    /// Gives the (empty, locked, index-less) tables new files in this transaction, so that <c>COPY</c> fills them
    /// page after page without reusing space the free-space map offers: the rows stay in the order written, and
    /// the index builds find them sorted (reusing a page's tail put one row in about 1,600 out of order, which
    /// made the title index's build sort for real: 12.9 s instead of about 3 s, docs/benchmarks.md).
    /// </summary>
    public const string TruncateCatalog = """
        TRUNCATE author, publisher, book, book_publisher;
        """;

    /// <summary>The binary COPY of new authors with their ids.</summary>
    public const string CopyAuthors = """
        COPY author (author_id, first_name, last_name) FROM STDIN (FORMAT BINARY);
        """;

    /// <summary>The binary COPY of new publishers with their ids.</summary>
    public const string CopyPublishers = """
        COPY publisher (publisher_id, name) FROM STDIN (FORMAT BINARY);
        """;

    /// <summary>The binary COPY of new books with their ids.</summary>
    public const string CopyBooks = """
        COPY book (book_id, author_id, title) FROM STDIN (FORMAT BINARY);
        """;

    /// <summary>The binary COPY of new links.</summary>
    public const string CopyLinks = """
        COPY book_publisher (book_id, publisher_id) FROM STDIN (FORMAT BINARY);
        """;

    /// <summary>Sets every key, index and foreign key aside for a load into an empty catalog (<see cref="RestoreIndexes"/> puts them back).</summary>
    public const string DropIndexes = """
        ALTER TABLE book_publisher
            DROP CONSTRAINT book_publisher_book_id_fkey,
            DROP CONSTRAINT book_publisher_publisher_id_fkey,
            DROP CONSTRAINT book_publisher_pkey;
        DROP INDEX ix_book_publisher_publisher;
        ALTER TABLE book DROP CONSTRAINT book_author_id_fkey, DROP CONSTRAINT uq_book_author_title, DROP CONSTRAINT book_pkey;
        DROP INDEX ix_book_title, ix_book_title_trgm;
        ALTER TABLE author DROP CONSTRAINT uq_author_name, DROP CONSTRAINT author_pkey;
        ALTER TABLE publisher DROP CONSTRAINT uq_publisher_name, DROP CONSTRAINT publisher_pkey;
        """;

    /// <summary>
    /// Builds the keys, indexes and foreign keys of migrations 0001 and 0002 again, with their names and definitions
    /// (the trigram index of 0002 included: kept through the load, it cost more than the rest of the load together).
    /// </summary>
    public const string RestoreIndexes = """
        ALTER TABLE author ADD CONSTRAINT author_pkey PRIMARY KEY (author_id), ADD CONSTRAINT uq_author_name UNIQUE (last_name, first_name);
        ALTER TABLE publisher ADD CONSTRAINT publisher_pkey PRIMARY KEY (publisher_id), ADD CONSTRAINT uq_publisher_name UNIQUE (name);
        ALTER TABLE book
            ADD CONSTRAINT book_pkey PRIMARY KEY (book_id),
            ADD CONSTRAINT book_author_id_fkey FOREIGN KEY (author_id) REFERENCES author (author_id),
            ADD CONSTRAINT uq_book_author_title UNIQUE (author_id, title);
        CREATE INDEX ix_book_title ON book (title);
        CREATE INDEX ix_book_title_trgm ON book USING gin ((title::text) gin_trgm_ops);
        ALTER TABLE book_publisher
            ADD CONSTRAINT book_publisher_pkey PRIMARY KEY (book_id, publisher_id),
            ADD CONSTRAINT book_publisher_book_id_fkey FOREIGN KEY (book_id) REFERENCES book (book_id) ON DELETE CASCADE,
            ADD CONSTRAINT book_publisher_publisher_id_fkey FOREIGN KEY (publisher_id) REFERENCES publisher (publisher_id);
        CREATE INDEX ix_book_publisher_publisher ON book_publisher (publisher_id);
        """;

    /// <summary>
    /// The staging table: the normalized rows of the file and their keys (computed as the rows arrive), gone
    /// when the transaction ends. Temporary tables write no write-ahead log.
    /// </summary>
    public const string CreateStaging = """
        CREATE TEMP TABLE import_row (
            line_number   bigint NOT NULL,
            first_name    text NOT NULL,
            last_name     text NOT NULL,
            title         text NOT NULL,
            publisher     text NOT NULL,
            first_key     text COLLATE "C" NOT NULL GENERATED ALWAYS AS (lower(first_name)) STORED,
            last_key      text COLLATE "C" NOT NULL GENERATED ALWAYS AS (lower(last_name)) STORED,
            title_key     text COLLATE "C" NOT NULL GENERATED ALWAYS AS (lower(title)) STORED,
            publisher_key text COLLATE "C" NOT NULL GENERATED ALWAYS AS (lower(publisher)) STORED
        ) ON COMMIT DROP;
        """;

    /// <summary>The binary COPY that streams the rows into the staging table, in this column order.</summary>
    public const string CopyRows = """
        COPY import_row (line_number, first_name, last_name, title, publisher) FROM STDIN (FORMAT BINARY);
        """;

    /// <summary>Gives the planner the staging table's size and value distribution before the statements read it.</summary>
    public const string AnalyzeStaging = """
        ANALYZE import_row;
        """;

    /// <summary>The same for the staged authors, publishers and books, which the link insert joins.</summary>
    public const string AnalyzeStagedIds = """
        ANALYZE import_author, import_publisher, import_book;
        """;

    /// <summary>
    /// Every author of the file once, with the spelling of its first row and its id: the catalog's where it
    /// has the author, else a new one drawn in order of first appearance.
    /// </summary>
    public const string StageAuthors = """
        CREATE TEMP TABLE import_author ON COMMIT DROP AS
        SELECT s.first_key, s.last_key, s.first_name, s.last_name, s.existing_id,
               CASE WHEN s.existing_id IS NULL THEN nextval(pg_get_serial_sequence('author', 'author_id')) ELSE s.existing_id END AS author_id
        FROM (
            SELECT f.first_key, f.last_key, f.first_line, r.first_name, r.last_name, a.author_id AS existing_id
            FROM (
                SELECT first_key, last_key, min(line_number) AS first_line
                FROM import_row
                GROUP BY first_key, last_key
            ) AS f
            JOIN import_row AS r ON r.line_number = f.first_line
            LEFT JOIN author AS a ON a.last_name = r.last_name::citext COLLATE "C" AND a.first_name = r.first_name::citext COLLATE "C"
            ORDER BY f.first_line
        ) AS s;
        """;

    /// <summary>Every publisher of the file once, as <see cref="StageAuthors"/>.</summary>
    public const string StagePublishers = """
        CREATE TEMP TABLE import_publisher ON COMMIT DROP AS
        SELECT s.publisher_key, s.name, s.existing_id,
               CASE WHEN s.existing_id IS NULL THEN nextval(pg_get_serial_sequence('publisher', 'publisher_id')) ELSE s.existing_id END AS publisher_id
        FROM (
            SELECT f.publisher_key, f.first_line, r.publisher AS name, p.publisher_id AS existing_id
            FROM (
                SELECT publisher_key, min(line_number) AS first_line
                FROM import_row
                GROUP BY publisher_key
            ) AS f
            JOIN import_row AS r ON r.line_number = f.first_line
            LEFT JOIN publisher AS p ON p.name = r.publisher::citext COLLATE "C"
            ORDER BY f.first_line
        ) AS s;
        """;

    /// <summary>Every book (author and title) of the file once, as <see cref="StageAuthors"/>.</summary>
    public const string StageBooks = """
        CREATE TEMP TABLE import_book ON COMMIT DROP AS
        SELECT s.first_key, s.last_key, s.title_key, s.author_id, s.title, s.existing_id,
               CASE WHEN s.existing_id IS NULL THEN nextval(pg_get_serial_sequence('book', 'book_id')) ELSE s.existing_id END AS book_id
        FROM (
            SELECT f.first_key, f.last_key, f.title_key, f.first_line, ia.author_id, r.title, b.book_id AS existing_id
            FROM (
                SELECT first_key, last_key, title_key, min(line_number) AS first_line
                FROM import_row
                GROUP BY first_key, last_key, title_key
            ) AS f
            JOIN import_row AS r ON r.line_number = f.first_line
            JOIN import_author AS ia ON ia.first_key = f.first_key AND ia.last_key = f.last_key
            LEFT JOIN book AS b ON b.author_id = ia.existing_id AND b.title = r.title::citext COLLATE "C"
            ORDER BY f.first_line
        ) AS s;
        """;

    /// <summary>The new authors, in the order of the name index (<c>citext COLLATE "C"</c> orders as the keys' bytes).</summary>
    public const string InsertAuthors = """
        INSERT INTO author (author_id, first_name, last_name)
        SELECT author_id, first_name, last_name
        FROM import_author
        WHERE existing_id IS NULL
        ORDER BY last_key, first_key;
        """;

    public const string InsertPublishers = """
        INSERT INTO publisher (publisher_id, name)
        SELECT publisher_id, name
        FROM import_publisher
        WHERE existing_id IS NULL
        ORDER BY publisher_key;
        """;

    /// <summary>The new books, in the order of the title index.</summary>
    public const string InsertBooks = """
        INSERT INTO book (book_id, author_id, title)
        SELECT book_id, author_id, title
        FROM import_book
        WHERE existing_id IS NULL
        ORDER BY title_key, author_id;
        """;

    /// <summary>
    /// Every book–publisher pair of the file the catalog lacks, in key order. Nested loops are turned off for it
    /// (and the rest of the transaction): the planner multiplies the three key columns' selectivities as if they
    /// were independent, estimates one row for the join to the books, and would then scan the publishers once
    /// per row of the file.
    /// </summary>
    public const string InsertLinks = """
        SET LOCAL enable_nestloop = off;
        INSERT INTO book_publisher (book_id, publisher_id)
        SELECT DISTINCT ib.book_id, ip.publisher_id
        FROM import_row AS r
        JOIN import_book AS ib ON ib.first_key = r.first_key AND ib.last_key = r.last_key AND ib.title_key = r.title_key
        JOIN import_publisher AS ip ON ip.publisher_key = r.publisher_key
        ORDER BY ib.book_id, ip.publisher_id
        ON CONFLICT DO NOTHING;
        """;
}
