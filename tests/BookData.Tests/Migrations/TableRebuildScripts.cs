using BookData.Migrations;

namespace BookData.Tests.Migrations;

/// <summary>
/// Test-only SQLite scripts that rebuild table <c>book</c> the way SQLite documents it (create the new table, copy,
/// drop the old one, rename, recreate its index and the view that reads it), numbered after every shipped script.
/// </summary>
internal static class TableRebuildScripts
{
    private const string Rebuild = """
        -- The view reads book: dropped first, or the rename fails ("error in view author_publisher").
        DROP VIEW author_publisher;

        CREATE TABLE new_book (
            book_id   INTEGER PRIMARY KEY,
            author_id INTEGER NOT NULL REFERENCES author (author_id),
            title     TEXT NOT NULL COLLATE NOCASE CHECK (length(title) BETWEEN 1 AND 500),
            isbn      TEXT,
            CONSTRAINT uq_book_author_title UNIQUE (author_id, title)
        ) STRICT;

        INSERT INTO new_book (book_id, author_id, title)
        SELECT book_id, author_id, title FROM book/*filter*/;

        DROP TABLE book;
        ALTER TABLE new_book RENAME TO book;

        CREATE INDEX ix_book_title ON book (title);

        CREATE VIEW author_publisher (author_id, publisher_id) AS
        SELECT DISTINCT b.author_id, bp.publisher_id
        FROM book AS b
        JOIN book_publisher AS bp ON bp.book_id = b.book_id;
        """;

    /// <summary>Rebuilds <c>book</c> with a new nullable <c>isbn</c> column, copying every row.</summary>
    public static MigrationScript AddIsbn { get; } = new(
        "9001_rebuild_book.sql", Rebuild);

    /// <summary>The same rebuild, but it copies only the first book, so the other books' publisher links dangle.</summary>
    public static MigrationScript LosesBooks { get; } = new(
        "9001_rebuild_book.sql",
        Rebuild.Replace("/*filter*/", " WHERE book_id = (SELECT min(book_id) FROM book)", StringComparison.Ordinal));

    /// <summary>The scripts BookData ships followed by <paramref name="script"/>.</summary>
    public static IReadOnlyList<MigrationScript> AfterShipped(MigrationScript script) => [.. EmbeddedMigrations.All, script];
}
