namespace BookData.Reports;

/// <summary>
/// The statements <see cref="CatalogReports"/> runs. Each ordering is a whole constant statement (the shared
/// body is joined to its ORDER BY at compile time, never at run time); ties go by name.
/// </summary>
internal static class ReportSql
{
    // One count per publisher, each a range of ix_book_publisher_publisher: about twice as fast as
    // grouping a join of all the links.
    private const string BooksPerPublisher = """
        SELECT p.name AS Publisher,
               (SELECT count(*) FROM book_publisher AS bp WHERE bp.publisher_id = p.publisher_id) AS TotalBooks
        FROM publisher AS p
        """;

    public const string BooksPerPublisherDescending = BooksPerPublisher + "\nORDER BY TotalBooks DESC, p.name, p.publisher_id;";

    public const string BooksPerPublisherAscending = BooksPerPublisher + "\nORDER BY TotalBooks ASC, p.name, p.publisher_id;";

    // The distinct author-publisher pairs are read book first: CROSS JOIN makes SQLite walk book in rowid
    // order and find each book's links by book_publisher's primary key, so both are read in order. Left to
    // itself, the planner walks ix_book_publisher_publisher and looks the books up in random order, which
    // is two to three times slower on a catalog larger than the page cache.
    private const string AuthorsPerPublisher = """
        SELECT p.name AS Publisher, coalesce(pa.TotalAuthors, 0) AS TotalAuthors
        FROM publisher AS p
        LEFT JOIN (
            SELECT bp.publisher_id, count(DISTINCT b.author_id) AS TotalAuthors
            FROM book AS b
            CROSS JOIN book_publisher AS bp ON bp.book_id = b.book_id
            GROUP BY bp.publisher_id
        ) AS pa ON pa.publisher_id = p.publisher_id
        """;

    public const string AuthorsPerPublisherDescending = AuthorsPerPublisher + "\nORDER BY TotalAuthors DESC, p.name, p.publisher_id;";

    public const string AuthorsPerPublisherAscending = AuthorsPerPublisher + "\nORDER BY TotalAuthors ASC, p.name, p.publisher_id;";

    private const string BooksPerAuthor = """
        SELECT a.author_id AS AuthorId, a.first_name AS FirstName, a.last_name AS LastName, count(b.book_id) AS TotalBooks
        FROM author AS a
        LEFT JOIN book AS b ON b.author_id = a.author_id
        GROUP BY a.author_id
        """;

    public const string BooksPerAuthorDescending = BooksPerAuthor + "\nORDER BY TotalBooks DESC, a.last_name, a.first_name, a.author_id;";

    public const string BooksPerAuthorAscending = BooksPerAuthor + "\nORDER BY TotalBooks ASC, a.last_name, a.first_name, a.author_id;";

    /// <summary>The whole hierarchy as one flat, ordered result: one row per author–book–publisher path.</summary>
    public const string Hierarchy = """
        SELECT a.author_id AS AuthorId, a.first_name AS FirstName, a.last_name AS LastName,
               b.book_id AS BookId, b.title AS Title,
               p.publisher_id AS PublisherId, p.name AS PublisherName
        FROM author AS a
        LEFT JOIN book AS b ON b.author_id = a.author_id
        LEFT JOIN book_publisher AS bp ON bp.book_id = b.book_id
        LEFT JOIN publisher AS p ON p.publisher_id = bp.publisher_id
        ORDER BY a.last_name, a.first_name, a.author_id, b.title, b.book_id, p.name, p.publisher_id;
        """;

    /// <summary>
    /// One page of the hierarchy in one statement: the authors of the page (<c>@Limit</c> from <c>@Offset</c>
    /// in the order of <see cref="Hierarchy"/>) with their books and publishers, and the number of authors in
    /// the catalog on every row. The page's authors are read from <c>uq_author_name</c> in order; each one's
    /// books by <c>uq_book_author_title</c>, their links by <c>book_publisher</c>'s primary key and the
    /// publishers by theirs, so the statement touches only the page's rows (and the author index up to the
    /// page, for the offset and the count). A page past the last yields one row of nulls carrying the count.
    /// </summary>
    public const string HierarchyPage = """
        WITH page AS (
            SELECT author_id, first_name, last_name
            FROM author
            ORDER BY last_name, first_name, author_id
            LIMIT @Limit OFFSET @Offset
        )
        SELECT a.author_id AS AuthorId, a.first_name AS FirstName, a.last_name AS LastName,
               b.book_id AS BookId, b.title AS Title,
               p.publisher_id AS PublisherId, p.name AS PublisherName,
               total.TotalCount
        FROM (SELECT count(*) AS TotalCount FROM author) AS total
        LEFT JOIN page AS a ON 1 = 1
        LEFT JOIN book AS b ON b.author_id = a.author_id
        LEFT JOIN book_publisher AS bp ON bp.book_id = b.book_id
        LEFT JOIN publisher AS p ON p.publisher_id = bp.publisher_id
        ORDER BY a.last_name, a.first_name, a.author_id, b.title, b.book_id, p.name, p.publisher_id;
        """;

    /// <summary>
    /// The catalog's sizes. The author-publisher pairs are the rows of the <c>author_publisher</c> view,
    /// counted book first for the reason given at <see cref="AuthorsPerPublisherDescending"/>.
    /// </summary>
    public const string Counts = """
        SELECT (SELECT count(*) FROM author) AS Authors,
               (SELECT count(*) FROM book) AS Books,
               (SELECT count(*) FROM publisher) AS Publishers,
               (SELECT count(*) FROM book_publisher) AS BookPublisherLinks,
               (SELECT count(*) FROM (
                   SELECT DISTINCT b.author_id, bp.publisher_id
                   FROM book AS b
                   CROSS JOIN book_publisher AS bp ON bp.book_id = b.book_id)) AS AuthorPublisherPairs;
        """;

}
