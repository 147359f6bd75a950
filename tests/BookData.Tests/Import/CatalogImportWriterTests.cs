using System.Text;
using BookData.Books;
using BookData.Import;
using BookData.Tests.Support;
using Microsoft.Data.Sqlite;

using BookData.Import.Sqlite;

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

            writer.Complete(CancellationToken.None);
        };

        write.Should().Throw<BookDataDatabaseException>()
            .WithMessage("The import found no book 'Book 0' in the catalog, but the database already holds one with that name; nothing was written.");
    }

    /// <summary>
    /// With foreign keys set aside for the load, the writer proves them at the end from the ids when it can,
    /// and otherwise checks each reference. Both ways, a reference to a missing row stops the import, naming
    /// the table; so does one through a foreign key the proof does not know (a later migration's).
    /// </summary>
    [Theory]
    [InlineData("", "INSERT INTO book (book_id, author_id, title) VALUES (2, 3, 'Dense, dangling')", "book")]
    [InlineData("", "INSERT INTO book_publisher (book_id, publisher_id) VALUES (2, 1)", "book_publisher")]
    [InlineData("", "INSERT INTO book_publisher (book_id, publisher_id) VALUES (1, 2)", "book_publisher")]
    [InlineData(AuthorIdsWithAGap, "INSERT INTO book (book_id, author_id, title) VALUES (2, 1, 'Gaps, dangling')", "book")]
    [InlineData("ALTER TABLE book ADD COLUMN series_id INTEGER REFERENCES publisher (publisher_id);", "UPDATE book SET series_id = 7", "book")]
    public async Task Complete_ForeignKeysSetAsideAndAReferenceToAMissingRow_ThrowsNamingTheTable(string catalogChange, string importChange, string badTable)
    {
        await using var db = await TestDatabase.CreateAsync(BookDataProvider.Sqlite);
        await using var opened = await db.OpenConnectionAsync();
        var connection = (SqliteConnection)opened;
        CreateCatalogWithForeignKeysOff(connection, catalogChange);
        using var transaction = connection.BeginTransaction();
        using var writer = CatalogImportWriter.Create(connection, transaction, foreignKeysEnforced: false);
        Execute(connection, transaction, importChange);

        var complete = () => writer.Complete(CancellationToken.None);

        complete.Should().Throw<BookDataDatabaseException>()
            .WithMessage($"The import wrote a row of table '{badTable}' that refers to a missing row*");
    }

    /// <summary>
    /// References that hold pass, whether the ids are dense (proven from them) or have a gap (checked one by
    /// one), and the rows the writer queued are all written.
    /// </summary>
    [Theory]
    [InlineData("")]
    [InlineData(AuthorIdsWithAGap)]
    public async Task Complete_ForeignKeysSetAsideAndEveryReferenceHolds_WritesTheQueuedRows(string catalogChange)
    {
        await using var db = await TestDatabase.CreateAsync(BookDataProvider.Sqlite);
        await using var opened = await db.OpenConnectionAsync();
        var connection = (SqliteConnection)opened;
        CreateCatalogWithForeignKeysOff(connection, catalogChange);
        using var transaction = connection.BeginTransaction();
        using var writer = CatalogImportWriter.Create(connection, transaction, foreignKeysEnforced: false);

        writer.Write(new ImportRow(2, 0, "", "", "Added", "", null, null) { AuthorId = 2, PublisherId = 1, BookId = 2, Adds = ImportRowAdds.Book });
        writer.Complete(CancellationToken.None);

        writer.Should().BeEquivalentTo(new { BooksAdded = 1L, LinksAdded = 1L }, o => o.ExcludingMissingMembers());
        Count(connection, transaction, "SELECT count(*) FROM book_publisher WHERE book_id = 2 AND publisher_id = 1").Should().Be(1);
        Count(connection, transaction, "SELECT count(*) FROM book").Should().Be(2);
    }

    /// <summary>
    /// Into an empty catalog the (author, title) index is set aside for the load and built after it. Should the
    /// load write one book twice under titles SQLite holds equal (which the lookups rule out), the build fails:
    /// the writer names the book, and the caller's rollback leaves nothing written.
    /// </summary>
    [Fact]
    public async Task Complete_EmptyCatalogAndOneBookWrittenTwice_ThrowsNamingTheBook()
    {
        await using var db = await TestDatabase.CreateAsync(BookDataProvider.Sqlite);
        await using var opened = await db.OpenConnectionAsync();
        var connection = (SqliteConnection)opened;
        Execute(connection, null, "PRAGMA foreign_keys = OFF;");
        using (var transaction = connection.BeginTransaction())
        {
            using var writer = CatalogImportWriter.Create(connection, transaction, foreignKeysEnforced: false);
            writer.Ids.IsCatalogEmpty.Should().BeTrue();
            Count(connection, transaction, "SELECT count(*) FROM sqlite_schema WHERE name = 'uq_book_author_title'").Should().Be(0, "the index is set aside for the load");
            writer.Write(new ImportRow(2, 0, "Ann", "Author", "Twice Told", "Ace", null, null)
            {
                AuthorId = 1, PublisherId = 1, BookId = 1, Adds = ImportRowAdds.Author | ImportRowAdds.Publisher | ImportRowAdds.Book,
            });
            writer.Write(new ImportRow(3, 0, "", "", "TWICE TOLD", "", null, null) { AuthorId = 1, PublisherId = 1, BookId = 2, Adds = ImportRowAdds.Book });

            var complete = () => writer.Complete(CancellationToken.None);

            complete.Should().Throw<BookDataDatabaseException>()
                .WithMessage("The import wrote the book 'Twice Told' twice for one author, which should be impossible; nothing was written.")
                .WithInnerException<SqliteException>();
        }

        Execute(connection, null, "PRAGMA foreign_keys = ON;");
        Count(connection, null, "SELECT count(*) FROM book").Should().Be(0);
        Count(connection, null, "SELECT count(*) FROM sqlite_schema WHERE name = 'uq_book_author_title'").Should().Be(1, "the rollback puts the index back");
    }

    /// <summary>
    /// Into an empty catalog the title search index is built beside the other index builds and copied in: the
    /// writer says it took that build, and after the commit every new title is found, by the index's own check too.
    /// When the search table carries a setting of its own, which creating it again would lose, or is not the table
    /// migration 0002 creates (here: one that keeps each title's size, in a table the build does not copy), the
    /// writer fills the index on the import's connection instead, and the table stays as it was.
    /// </summary>
    [Theory]
    [InlineData(null, "")]
    [InlineData("INSERT INTO book_title_fts (book_title_fts, rank) VALUES ('automerge', 8);", "automerge=8")]
    [InlineData(TitleSearchTableWithSizes, "")]
    public async Task Complete_EmptyCatalog_BuildsTheTitleSearchIndexBesideOnlyForTheMigrationsPlainTable(string? catalogChange, string settings)
    {
        await using var db = await TestDatabase.CreateAsync(BookDataProvider.Sqlite);
        if (catalogChange is not null)
        {
            await CatalogDump.ExecuteAsync(db, catalogChange);
        }

        var tableBefore = await CatalogDump.QueryAsync(db, "SELECT sql FROM sqlite_schema WHERE name LIKE 'book_title_fts%' ORDER BY name");
        await using (var opened = await db.OpenConnectionAsync())
        {
            var connection = (SqliteConnection)opened;
            Execute(connection, null, "PRAGMA foreign_keys = OFF;");
            using var transaction = connection.BeginTransaction();
            using var writer = CatalogImportWriter.Create(connection, transaction, foreignKeysEnforced: false);
            for (var i = 0; i < 500; i++)
            {
                writer.Write(Resolve(writer.Ids, i, $"Author {i % 450 % 7}", $"Title {i % 450:D3} of the shelf", $"Publisher {i % 3}"));
            }

            writer.Complete(CancellationToken.None);
            transaction.Commit();
            Execute(connection, null, "PRAGMA foreign_keys = ON;");

            writer.TitleSearchBuiltBeside.Should().Be(catalogChange is null);
            writer.BooksAdded.Should().Be(450);
        }

        (await CatalogDump.IntegrityProblemsAsync(db)).Should().BeEmpty();
        var found = await new BookRepository(db.Factory).SearchByTitleAsync("OF THE SHELF", pageSize: 10);
        found.TotalCount.Should().Be(450);
        (await new BookRepository(db.Factory).SearchByTitleAsync("title 123")).Items.Should().ContainSingle();
        var stored = await CatalogDump.QueryAsync(db, "SELECT k, v FROM book_title_fts_config WHERE k <> 'version'");
        string.Join(",", stored.Select(row => $"{row[0]}={row[1]}")).Should().Be(settings);
        (await CatalogDump.QueryAsync(db, "SELECT sql FROM sqlite_schema WHERE name LIKE 'book_title_fts%' ORDER BY name")).Should().BeEquivalentTo(tableBefore, options => options.WithStrictOrdering());
    }

    /// <summary>
    /// Cancelling after the load stops the index builds: a statement that runs when the token is cancelled is
    /// interrupted, the writer reports the cancellation, and the caller's rollback leaves the catalog as it was, its
    /// indexes and search index back in place. Here the token is cancelled from inside SQLite (its progress handler),
    /// so it happens while a statement of the completion runs; a token cancelled before the completion starts builds nothing.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Complete_Cancelled_ThrowsCancelledAndTheRollbackLeavesTheCatalogAsItWas(bool whileAStatementRuns)
    {
        await using var db = await TestDatabase.CreateAsync(BookDataProvider.Sqlite);
        var before = await CatalogDump.AllRowsAsync(db);
        await using (var opened = await db.OpenConnectionAsync())
        {
            var connection = (SqliteConnection)opened;
            Execute(connection, null, "PRAGMA foreign_keys = OFF;");
            using var cancellation = new CancellationTokenSource();
            using (var transaction = connection.BeginTransaction())
            {
                using var writer = CatalogImportWriter.Create(connection, transaction, foreignKeysEnforced: false);
                for (var i = 0; i < 3000; i++)
                {
                    writer.Write(Resolve(writer.Ids, i, $"Author {i % 40}", $"Title {i}", $"Publisher {i % 3}"));
                }

                var steps = 0;
                if (whileAStatementRuns)
                {
                    SQLitePCL.raw.sqlite3_progress_handler(connection.Handle, 100, _ =>
                    {
                        if (++steps == 50)
                        {
                            cancellation.Cancel();
                        }

                        return 0;
                    }, null);
                }
                else
                {
                    await cancellation.CancelAsync();
                }

                var complete = () => writer.Complete(cancellation.Token);

                complete.Should().Throw<OperationCanceledException>();
                SQLitePCL.raw.sqlite3_progress_handler(connection.Handle, 0, null, null);
                if (whileAStatementRuns)
                {
                    steps.Should().BeGreaterThanOrEqualTo(50, "the token was cancelled while SQLite ran a statement");
                }
            }

            Execute(connection, null, "PRAGMA foreign_keys = ON;");
        }

        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
        (await CatalogDump.IntegrityProblemsAsync(db)).Should().BeEmpty();
    }

    /// <summary>Migration 0002's search table created again by an owner, with FTS5's default of keeping each title's size.</summary>
    private const string TitleSearchTableWithSizes = """
        DROP TABLE book_title_fts;
        CREATE VIRTUAL TABLE book_title_fts USING fts5(title, content = 'book', content_rowid = 'book_id', detail = none, tokenize = 'trigram case_sensitive 0 remove_diacritics 0');
        """;

    /// <summary>Resolves a row as the parser does, by the writer's lookups.</summary>
    private static ImportRow Resolve(CatalogIds ids, int line, string lastName, string title, string publisher) =>
        ids.Resolve(
            line + 2,
            0,
            new ImportField(default, string.Empty),
            new ImportField(Encoding.UTF8.GetBytes(lastName), lastName),
            new ImportField(Encoding.UTF8.GetBytes(title), title),
            new ImportField(Encoding.UTF8.GetBytes(publisher), publisher));

    /// <summary>Deletes author 1, who has no books, so the author ids are 2 alone: not 1 to the row count.</summary>
    private const string AuthorIdsWithAGap = "DELETE FROM author WHERE author_id = 1;";

    /// <summary>Authors 1 and 2, book 1 by author 2 at publisher 1, then <paramref name="change"/>; foreign keys off on the connection.</summary>
    private static void CreateCatalogWithForeignKeysOff(SqliteConnection connection, string change) =>
        Execute(connection, null, "INSERT INTO author (author_id, first_name, last_name) VALUES (1, 'Ann', 'One'), (2, 'Bob', 'Two');"
            + "INSERT INTO publisher (publisher_id, name) VALUES (1, 'Ace');"
            + "INSERT INTO book (book_id, author_id, title) VALUES (1, 2, 'Kept');"
            + "INSERT INTO book_publisher (book_id, publisher_id) VALUES (1, 1);"
            + change
            + "PRAGMA foreign_keys = OFF;");

    private static long Count(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
