namespace BookData.Export;

/// <summary>The export's statements.</summary>
internal static class ExportSql
{
    /// <summary>
    /// One row per book–publisher pair, ordered by the names as the <c>NOCASE</c> columns compare them,
    /// then by ids, so the order is fully determined by the catalog's content.
    /// </summary>
    /// <remarks>
    /// <c>CROSS JOIN</c> fixes SQLite's join order: authors in the order of their unique (last, first)
    /// index, each author's books in the order of the unique (author, title) index, so rows stream out
    /// already sorted and only each book's few publishers are sorted, instead of all rows at the end
    /// (half the time on a million rows).
    /// </remarks>
    /// <summary>
    /// Every book–publisher pair with its author, in the export's order. CROSS JOIN makes SQLite read the
    /// tables in the written order instead of choosing its own.
    /// </summary>
    public const string SelectRowsSqlite = """
        SELECT a.first_name AS FirstName, a.last_name AS LastName, b.title AS Title, p.name AS Publisher
        FROM author AS a
        CROSS JOIN book AS b ON b.author_id = a.author_id
        CROSS JOIN book_publisher AS bp ON bp.book_id = b.book_id
        CROSS JOIN publisher AS p ON p.publisher_id = bp.publisher_id
        ORDER BY a.last_name, a.first_name, b.title, p.name, a.author_id, b.book_id, p.publisher_id;
        """;

    public const string CountLeftOut = """
        SELECT (SELECT count(*) FROM book AS b
                WHERE NOT EXISTS (SELECT 1 FROM book_publisher AS bp WHERE bp.book_id = b.book_id)) AS BooksWithoutPublisher,
               (SELECT count(*) FROM author AS a
                WHERE NOT EXISTS (SELECT 1 FROM book AS b WHERE b.author_id = a.author_id)) AS AuthorsWithoutBooks;
        """;
}
