namespace BookData.Books;

/// <summary>The statements <see cref="BookRepository"/> runs.</summary>
internal static class BookSql
{
    public const string GetById = """
        SELECT book_id AS BookId, author_id AS AuthorId, title AS Title
        FROM book
        WHERE book_id = @BookId;
        """;

    /// <summary>Finds an author's book by title; the column's NOCASE collation makes the comparison case-insensitive.</summary>
    public const string FindByAuthorAndTitleSqlite = """
        SELECT book_id AS BookId, author_id AS AuthorId, title AS Title
        FROM book
        WHERE author_id = @AuthorId AND title = @Title;
        """;

    public const string ListByAuthor = """
        SELECT book_id AS BookId, author_id AS AuthorId, title AS Title
        FROM book
        WHERE author_id = @AuthorId
        ORDER BY title, book_id;
        """;

    public const string CountMatchingTitle = """
        SELECT count(*)
        FROM book
        WHERE title LIKE @Pattern ESCAPE '\';
        """;

    public const string SearchByTitle = """
        SELECT b.book_id AS BookId, b.title AS Title, a.author_id AS AuthorId,
               a.first_name AS AuthorFirstName, a.last_name AS AuthorLastName
        FROM book AS b
        JOIN author AS a ON a.author_id = b.author_id
        WHERE b.title LIKE @Pattern ESCAPE '\'
        ORDER BY b.title, a.last_name, a.first_name, b.book_id
        LIMIT @Limit OFFSET @Offset;
        """;

    /// <summary>
    /// The first candidates of the trigram index, in rowid order (FTS5 stops after <c>@Limit</c>): how densely they
    /// lie among the books tells whether the text is in so many titles that reading every title is faster.
    /// </summary>
    public const string FirstTitleCandidatesSqlite = """
        SELECT rowid
        FROM book_title_fts
        WHERE book_title_fts MATCH @Trigrams
        LIMIT @Limit;
        """;

    /// <summary>
    /// Counts the titles containing the text through the trigram index: <c>@Trigrams</c> (the text's trigrams,
    /// AND-ed: <see cref="TitleSearch.TrigramQuery"/>) finds the candidates, the scan's exact LIKE predicate keeps only what the scan would count.
    /// </summary>
    public const string CountMatchingTitleIndexedSqlite = """
        SELECT count(*)
        FROM book_title_fts AS f
        JOIN book AS b ON b.book_id = f.rowid
        WHERE book_title_fts MATCH @Trigrams
          AND b.title LIKE @Pattern ESCAPE '\';
        """;

    /// <summary>
    /// <see cref="SearchByTitle"/> through the trigram index: the candidates come from <c>book_title_fts</c>,
    /// are kept by the same LIKE predicate, then sorted; for texts that match few books.
    /// </summary>
    public const string SearchByTitleIndexedSqlite = """
        SELECT b.book_id AS BookId, b.title AS Title, a.author_id AS AuthorId,
               a.first_name AS AuthorFirstName, a.last_name AS AuthorLastName
        FROM book_title_fts AS f
        JOIN book AS b ON b.book_id = f.rowid
        JOIN author AS a ON a.author_id = b.author_id
        WHERE book_title_fts MATCH @Trigrams
          AND b.title LIKE @Pattern ESCAPE '\'
        ORDER BY b.title, a.last_name, a.first_name, b.book_id
        LIMIT @Limit OFFSET @Offset;
        """;

    /// <summary>
    /// <see cref="SearchByTitle"/> among known candidates: <c>@Ids</c> is a JSON array of every candidate the trigram
    /// index found (all of them, from the probe), kept by the same LIKE predicate and sorted the same way; each row
    /// also carries the number of matches (<c>Total</c>, a window over every kept row, counted before <c>LIMIT</c>),
    /// so the page and the count cost one lookup of each candidate instead of two.
    /// </summary>
    public const string SearchByTitleAmongCandidatesSqlite = """
        SELECT b.book_id AS BookId, b.title AS Title, a.author_id AS AuthorId,
               a.first_name AS AuthorFirstName, a.last_name AS AuthorLastName, count(*) OVER () AS Total
        FROM book AS b
        JOIN author AS a ON a.author_id = b.author_id
        WHERE b.book_id IN (SELECT value FROM json_each(@Ids))
          AND b.title LIKE @Pattern ESCAPE '\'
        ORDER BY b.title, a.last_name, a.first_name, b.book_id
        LIMIT @Limit OFFSET @Offset;
        """;

    /// <summary>Counts the matches among known candidates (<c>@Ids</c>, as in <see cref="SearchByTitleAmongCandidatesSqlite"/>): for a page past the last match.</summary>
    public const string CountMatchingTitleAmongCandidatesSqlite = """
        SELECT count(*)
        FROM book AS b
        WHERE b.book_id IN (SELECT value FROM json_each(@Ids))
          AND b.title LIKE @Pattern ESCAPE '\';
        """;

    public const string Count = "SELECT count(*) FROM book;";

    public const string PublishersOfBook = """
        SELECT p.publisher_id AS PublisherId, p.name AS Name
        FROM book_publisher AS bp
        JOIN publisher AS p ON p.publisher_id = bp.publisher_id
        WHERE bp.book_id = @BookId
        ORDER BY p.name, p.publisher_id;
        """;

    public const string Insert = """
        INSERT INTO book (author_id, title)
        VALUES (@AuthorId, @Title)
        RETURNING book_id AS BookId, author_id AS AuthorId, title AS Title;
        """;

    /// <summary>Adds a book unless the author has one with the title (a concurrent writer may have added it): no row then.</summary>
    public const string InsertIfMissing = """
        INSERT INTO book (author_id, title)
        VALUES (@AuthorId, @Title)
        ON CONFLICT DO NOTHING
        RETURNING book_id AS BookId, author_id AS AuthorId, title AS Title;
        """;

    public const string Rename = """
        UPDATE book
        SET title = @Title
        WHERE book_id = @BookId
        RETURNING book_id AS BookId, author_id AS AuthorId, title AS Title;
        """;

    public const string Delete = "DELETE FROM book WHERE book_id = @BookId;";

    public const string Link = """
        INSERT INTO book_publisher (book_id, publisher_id)
        VALUES (@BookId, @PublisherId)
        ON CONFLICT DO NOTHING;
        """;

    public const string Unlink = """
        DELETE FROM book_publisher
        WHERE book_id = @BookId AND publisher_id = @PublisherId;
        """;
}
