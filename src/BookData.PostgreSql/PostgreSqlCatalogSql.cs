namespace BookData.PostgreSql;

/// <summary>
/// The PostgreSQL text of the statements whose SQLite text PostgreSQL does not accept or runs badly
/// (<see cref="BookData.Providers.CatalogStatements"/>); every other statement is shared with SQLite.
/// </summary>
internal static class PostgreSqlCatalogSql
{
    /// <summary>
    /// Finds an author by name. The parameters are cast to citext: compared with a text parameter, a citext
    /// column would be compared case-sensitively.
    /// </summary>
    public const string FindAuthorByName = """
        SELECT author_id AS AuthorId, first_name AS FirstName, last_name AS LastName
        FROM author
        WHERE last_name = @LastName::citext AND first_name = @FirstName::citext;
        """;

    /// <summary>
    /// Finds a publisher by name. The parameter is cast to citext: compared with a text parameter, a citext
    /// column would be compared case-sensitively.
    /// </summary>
    public const string FindPublisherByName = """
        SELECT publisher_id AS PublisherId, name AS Name
        FROM publisher
        WHERE name = @Name::citext;
        """;

    /// <summary>
    /// Finds an author's book by title. The parameter is cast to citext: compared with a text parameter, a
    /// citext column would be compared case-sensitively.
    /// </summary>
    public const string FindBookByAuthorAndTitle = """
        SELECT book_id AS BookId, author_id AS AuthorId, title AS Title
        FROM book
        WHERE author_id = @AuthorId AND title = @Title::citext;
        """;

    /// <summary>Every book–publisher pair with its author, in the export's order.</summary>
    public const string ExportRows = """
        SELECT a.first_name AS FirstName, a.last_name AS LastName, b.title AS Title, p.name AS Publisher
        FROM author AS a
        JOIN book AS b ON b.author_id = a.author_id
        JOIN book_publisher AS bp ON bp.book_id = b.book_id
        JOIN publisher AS p ON p.publisher_id = bp.publisher_id
        ORDER BY a.last_name, a.first_name, b.title, p.name, a.author_id, b.book_id, p.publisher_id;
        """;

    // PostgreSQL has no CROSS JOIN ... ON, and its planner needs no hint.
    private const string AuthorsPerPublisher = """
        SELECT p.name AS Publisher, coalesce(pa.TotalAuthors, 0) AS TotalAuthors
        FROM publisher AS p
        LEFT JOIN (
            SELECT bp.publisher_id, count(DISTINCT b.author_id) AS TotalAuthors
            FROM book AS b
            JOIN book_publisher AS bp ON bp.book_id = b.book_id
            GROUP BY bp.publisher_id
        ) AS pa ON pa.publisher_id = p.publisher_id
        """;

    public const string AuthorsPerPublisherDescending = AuthorsPerPublisher + "\nORDER BY TotalAuthors DESC, p.name, p.publisher_id;";

    public const string AuthorsPerPublisherAscending = AuthorsPerPublisher + "\nORDER BY TotalAuthors ASC, p.name, p.publisher_id;";

    /// <summary>The catalog's sizes on PostgreSQL, where the author-publisher pairs are counted through the view.</summary>
    public const string Counts = """
        SELECT (SELECT count(*) FROM author) AS Authors,
               (SELECT count(*) FROM book) AS Books,
               (SELECT count(*) FROM publisher) AS Publishers,
               (SELECT count(*) FROM book_publisher) AS BookPublisherLinks,
               (SELECT count(*) FROM author_publisher) AS AuthorPublisherPairs;
        """;

    /// <summary>Creates the journal table when it does not exist yet, in the connection's current schema.</summary>
    public const string CreateJournal = """
        CREATE TABLE IF NOT EXISTS schema_version (
            script_name text NOT NULL PRIMARY KEY,
            checksum    text NOT NULL,
            applied_utc text NOT NULL
        );
        """;

    /// <summary>1 when the journal table exists in the connection's current schema, else 0.</summary>
    public const string JournalExists = """
        SELECT count(*)
        FROM pg_catalog.pg_tables
        WHERE schemaname = current_schema() AND tablename = 'schema_version';
        """;

    /// <summary>How many tables, indexes, views and sequences the connection's current schema holds; 0 for a new database.</summary>
    public const string CountSchemaObjects = """
        SELECT count(*)
        FROM pg_catalog.pg_class AS c
        JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema();
        """;

    /// <summary>The health check's statement: a round trip to the server.</summary>
    public const string HealthProbe = "SELECT 1;";

    /// <summary>
    /// The health check's read once the schema is current: the first author, or a made-up row of the same citext
    /// columns when there is none, so Npgsql always decodes citext values as the repositories do.
    /// </summary>
    public const string HealthRead = """
        (SELECT author_id AS AuthorId, first_name AS FirstName, last_name AS LastName
         FROM author
         ORDER BY author_id
         LIMIT 1)
        UNION ALL
        SELECT 0, ''::citext COLLATE "C", 'none'::citext COLLATE "C"
        LIMIT 1;
        """;

    /// <summary>
    /// Counts the titles containing the text through the pg_trgm index on <c>title::text</c>: ILIKE on that
    /// expression (backslash is LIKE's default escape) can use the index, and the scan's own predicate decides.
    /// </summary>
    public const string CountMatchingTitleIndexed = """
        SELECT count(*)
        FROM book
        WHERE title::text ILIKE @Pattern
          AND title LIKE @Pattern ESCAPE '\';
        """;

    /// <summary><c>BookSql.SearchByTitle</c> with the index-usable ILIKE on <c>title::text</c> beside the exact predicate.</summary>
    public const string SearchByTitleIndexed = """
        SELECT b.book_id AS BookId, b.title AS Title, a.author_id AS AuthorId,
               a.first_name AS AuthorFirstName, a.last_name AS AuthorLastName
        FROM book AS b
        JOIN author AS a ON a.author_id = b.author_id
        WHERE b.title::text ILIKE @Pattern
          AND b.title LIKE @Pattern ESCAPE '\'
        ORDER BY b.title, a.last_name, a.first_name, b.book_id
        LIMIT @Limit OFFSET @Offset;
        """;
}
