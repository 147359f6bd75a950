namespace BookData.Reports;

/// <summary>
/// The statements <see cref="CatalogReports"/> runs. Each ordering is a whole constant statement (the shared
/// body is joined to its ORDER BY at compile time, never at run time); ties go by name.
/// </summary>
internal static class ReportSql
{
    private const string BooksPerPublisher = """
        SELECT p.name AS Publisher, count(bp.book_id) AS TotalBooks
        FROM publisher AS p
        LEFT JOIN book_publisher AS bp ON bp.publisher_id = p.publisher_id
        GROUP BY p.publisher_id
        """;

    public const string BooksPerPublisherDescending = BooksPerPublisher + "\nORDER BY TotalBooks DESC, p.name, p.publisher_id;";

    public const string BooksPerPublisherAscending = BooksPerPublisher + "\nORDER BY TotalBooks ASC, p.name, p.publisher_id;";

    private const string AuthorsPerPublisher = """
        SELECT p.name AS Publisher, count(DISTINCT b.author_id) AS TotalAuthors
        FROM publisher AS p
        LEFT JOIN book_publisher AS bp ON bp.publisher_id = p.publisher_id
        LEFT JOIN book AS b ON b.book_id = bp.book_id
        GROUP BY p.publisher_id
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

    public const string Counts = """
        SELECT (SELECT count(*) FROM author) AS Authors,
               (SELECT count(*) FROM book) AS Books,
               (SELECT count(*) FROM publisher) AS Publishers,
               (SELECT count(*) FROM book_publisher) AS BookPublisherLinks,
               (SELECT count(*) FROM author_publisher) AS AuthorPublisherPairs;
        """;
}
