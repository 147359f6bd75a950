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

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
