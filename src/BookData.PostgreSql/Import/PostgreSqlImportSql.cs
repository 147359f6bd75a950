namespace BookData.PostgreSql.Import;

/// <summary>
/// The statements of the CSV import on PostgreSQL: the rows are copied into a staging table, then moved
/// into the catalog with one set-based statement per table, all in the import's transaction.
/// </summary>
/// <remarks>
/// Each insert takes the first row of the file for every author, publisher, book and link the catalog
/// lacks (<c>DISTINCT ON ... ORDER BY line_number</c>, compared case-insensitively through citext), so the
/// first spelling seen is the one stored, and inserts them in order of first appearance, so identity ids
/// follow the file as they do on SQLite. <c>NOT EXISTS</c> leaves rows already in the catalog alone without
/// drawing ids for them; <c>ON CONFLICT DO NOTHING</c> covers a concurrent writer that adds the same
/// row while the import runs. Each statement's affected-row count is what the import added.
/// Authors and publishers are first reduced to their exact spellings by hashing (cheap), so the
/// case-insensitive sort that finds each one's first spelling only sees the distinct spellings; the
/// spellings go back to <c>citext COLLATE "C"</c>, so they compare exactly as the catalog's columns do.
/// </remarks>
internal static class PostgreSqlImportSql
{
    /// <summary>The staging table: the normalized rows of the file, gone when the transaction ends.</summary>
    public const string CreateStaging = """
        CREATE TEMP TABLE import_row (
            line_number bigint NOT NULL,
            first_name  citext COLLATE "C" NOT NULL,
            last_name   citext COLLATE "C" NOT NULL,
            title       citext COLLATE "C" NOT NULL,
            publisher   citext COLLATE "C" NOT NULL
        ) ON COMMIT DROP;
        """;

    /// <summary>The binary COPY that streams the rows into the staging table, in this column order.</summary>
    public const string CopyRows = """
        COPY import_row (line_number, first_name, last_name, title, publisher) FROM STDIN (FORMAT BINARY);
        """;

    /// <summary>
    /// Lets the import's sorts and hashes (over every row of the file) run in memory rather than on disk;
    /// for this transaction only.
    /// </summary>
    public const string SetWorkMemory = """
        SET LOCAL work_mem = '64MB';
        """;

    /// <summary>Gives the planner the staging table's size and value distribution before the inserts read it.</summary>
    public const string AnalyzeStaging = """
        ANALYZE import_row;
        """;

    public const string InsertAuthors = """
        INSERT INTO author (first_name, last_name)
        SELECT first_seen.first_name, first_seen.last_name
        FROM (
            SELECT DISTINCT ON (spelling.last_name, spelling.first_name) spelling.line_number, spelling.first_name, spelling.last_name
            FROM (
                SELECT min(r.line_number) AS line_number, r.first_name::text::citext COLLATE "C" AS first_name, r.last_name::text::citext COLLATE "C" AS last_name
                FROM import_row AS r
                GROUP BY r.first_name::text, r.last_name::text
            ) AS spelling
            ORDER BY spelling.last_name, spelling.first_name, spelling.line_number
        ) AS first_seen
        WHERE NOT EXISTS (
            SELECT 1
            FROM author AS a
            WHERE a.last_name = first_seen.last_name AND a.first_name = first_seen.first_name)
        ORDER BY first_seen.line_number
        ON CONFLICT DO NOTHING;
        """;

    public const string InsertPublishers = """
        INSERT INTO publisher (name)
        SELECT first_seen.publisher
        FROM (
            SELECT DISTINCT ON (spelling.publisher) spelling.line_number, spelling.publisher
            FROM (
                SELECT min(r.line_number) AS line_number, r.publisher::text::citext COLLATE "C" AS publisher
                FROM import_row AS r
                GROUP BY r.publisher::text
            ) AS spelling
            ORDER BY spelling.publisher, spelling.line_number
        ) AS first_seen
        WHERE NOT EXISTS (
            SELECT 1
            FROM publisher AS p
            WHERE p.name = first_seen.publisher)
        ORDER BY first_seen.line_number
        ON CONFLICT DO NOTHING;
        """;

    public const string InsertBooks = """
        INSERT INTO book (author_id, title)
        SELECT first_seen.author_id, first_seen.title
        FROM (
            SELECT DISTINCT ON (a.author_id, r.title) r.line_number, a.author_id, r.title
            FROM import_row AS r
            JOIN author AS a ON a.last_name = r.last_name AND a.first_name = r.first_name
            ORDER BY a.author_id, r.title, r.line_number
        ) AS first_seen
        WHERE NOT EXISTS (
            SELECT 1
            FROM book AS b
            WHERE b.author_id = first_seen.author_id AND b.title = first_seen.title)
        ORDER BY first_seen.line_number
        ON CONFLICT DO NOTHING;
        """;

    /// <summary>
    /// For the rest of the transaction (the links), joins by hashing rather than by index lookups: the planner
    /// prices an index lookup on a citext column far below its cost, and would otherwise look up every row of
    /// the file in the book and publisher indexes. A hash join reads each catalog table once, as the SQLite
    /// import reads the catalog's ids once.
    /// </summary>
    public const string PreferHashJoins = """
        SET LOCAL enable_nestloop = off;
        """;

    public const string InsertLinks = """
        INSERT INTO book_publisher (book_id, publisher_id)
        SELECT DISTINCT b.book_id, p.publisher_id
        FROM import_row AS r
        JOIN author AS a ON a.last_name = r.last_name AND a.first_name = r.first_name
        JOIN book AS b ON b.author_id = a.author_id AND b.title = r.title
        JOIN publisher AS p ON p.name = r.publisher
        ON CONFLICT DO NOTHING;
        """;
}
