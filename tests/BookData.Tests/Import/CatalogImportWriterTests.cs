using BookData.Import;
using BookData.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BookData.Tests.Import;

/// <summary>The SQLite import's writer on its own: what it does when the database and its lookups disagree.</summary>
public sealed class CatalogImportWriterTests
{
    /// <summary>
    /// A book the lookups did not know about (added after they were loaded, which the write lock rules out
    /// in a real import) stops the import with the book's name, whether it was written on its own or in a
    /// statement with many others.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(40)]
    public async Task Write_NewBookTheDatabaseAlreadyHolds_ThrowsNamingTheBook(int newBooks)
    {
        await using var db = await TestDatabase.CreateAsync(BookDataProvider.Sqlite);
        await using var opened = await db.OpenConnectionAsync();
        var connection = (SqliteConnection)opened;
        Execute(connection, null, "INSERT INTO author (author_id, first_name, last_name) VALUES (1, 'Ann', 'Author');"
            + "INSERT INTO publisher (publisher_id, name) VALUES (1, 'Ace');");
        using var transaction = connection.BeginTransaction();
        using var writer = CatalogImportWriter.Create(connection, transaction, foreignKeysEnforced: true);
        Execute(connection, transaction, "INSERT INTO book (book_id, author_id, title) VALUES (1000, 1, 'book 0');");

        var write = () =>
        {
            for (var i = 0; i < newBooks; i++)
            {
                var title = $"Book {i}";
                writer.Write(new ImportRow(i + 2, 0, "", "", title, "", null, null)
                {
                    AuthorId = 1,
                    PublisherId = 1,
                    BookId = i + 1,
                    Adds = ImportRowAdds.Book,
                });
            }

            writer.Complete();
        };

        write.Should().Throw<BookDataDatabaseException>()
            .WithMessage("The import found no book 'Book 0' in the catalog, but the database already holds one with that name; nothing was written.");
    }

    /// <summary>
    /// With foreign keys set aside for the load, the writer proves them at the end from the ids when it can,
    /// and otherwise checks each reference. Both ways, a reference to a missing row stops the import and a
    /// catalog whose ids have gaps but whose references hold passes. A foreign key the proof does not know
    /// (a later migration's) is checked too.
    /// </summary>
    [Theory]
    [InlineData("", "INSERT INTO book (book_id, author_id, title) VALUES (2, 3, 'Dense, dangling')", "book")]
    [InlineData("", "INSERT INTO book_publisher (book_id, publisher_id) VALUES (2, 1)", "book_publisher")]
    [InlineData("", "INSERT INTO book_publisher (book_id, publisher_id) VALUES (1, 2)", "book_publisher")]
    [InlineData("DELETE FROM author WHERE author_id = 1;", "INSERT INTO book (book_id, author_id, title) VALUES (2, 1, 'Gaps, dangling')", "book")]
    [InlineData("DELETE FROM author WHERE author_id = 1;", "SELECT 1", null)]
    [InlineData("", "SELECT 1", null)]
    [InlineData("ALTER TABLE book ADD COLUMN series_id INTEGER REFERENCES publisher (publisher_id);", "UPDATE book SET series_id = 7", "book")]
    public async Task Complete_ForeignKeysSetAside_FindsAReferenceToAMissingRowAndNothingElse(string catalogChange, string importChange, string? badTable)
    {
        await using var db = await TestDatabase.CreateAsync(BookDataProvider.Sqlite);
        await using var opened = await db.OpenConnectionAsync();
        var connection = (SqliteConnection)opened;
        // Authors 1 and 2 (or only 2: ids with a gap), book 1 by author 2, published by publisher 1.
        Execute(connection, null, "INSERT INTO author (author_id, first_name, last_name) VALUES (1, 'Ann', 'One'), (2, 'Bob', 'Two');"
            + "INSERT INTO publisher (publisher_id, name) VALUES (1, 'Ace');"
            + "INSERT INTO book (book_id, author_id, title) VALUES (1, 2, 'Kept');"
            + "INSERT INTO book_publisher (book_id, publisher_id) VALUES (1, 1);"
            + catalogChange
            + "PRAGMA foreign_keys = OFF;");
        using var transaction = connection.BeginTransaction();
        using var writer = CatalogImportWriter.Create(connection, transaction, foreignKeysEnforced: false);
        Execute(connection, transaction, importChange);

        var complete = () => writer.Complete();

        if (badTable is null)
        {
            complete.Should().NotThrow();
        }
        else
        {
            complete.Should().Throw<BookDataDatabaseException>()
                .WithMessage($"The import wrote a row of table '{badTable}' that refers to a missing row*");
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
