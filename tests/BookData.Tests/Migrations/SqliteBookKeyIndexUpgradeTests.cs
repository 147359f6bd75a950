using BookData.Books;
using BookData.Connections;
using BookData.Import;
using BookData.Tests.Import;
using BookData.Migrations;
using BookData.Tests.Support;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BookData.Tests.Migrations;

/// <summary>
/// Migration 0003 on SQLite rebuilds <c>book</c> to turn its (author, title) key from a table constraint into a
/// unique index of the same name. Applied to a catalog that 0002 left holding books: every row, link and search
/// answer stays, and the key still refuses a second book of the same author and title.
/// </summary>
public sealed class SqliteBookKeyIndexUpgradeTests
{
    private const string Script = "0003_index_book_author_title.sql";

    [Fact]
    public async Task MigrateAsync_PopulatedCatalogAtSecondVersion_KeepsEveryRowLinkAndSearchAnswer()
    {
        await using var db = await CreatePopulatedAtSecondVersionAsync();
        var before = await CatalogDump.DataRowsAsync(db);
        var links = await CatalogDump.LinksAsync(db);
        var searches = await SearchAllAsync(db);

        var result = await new BookDataMigrator(db.Factory).MigrateAsync();

        result.Applied.Should().Equal(Script);
        links.Should().NotBeEmpty();
        (await CatalogDump.DataRowsAsync(db)).Should().Equal(before);
        (await CatalogDump.LinksAsync(db)).Should().Equal(links);
        (await CatalogDump.IntegrityProblemsAsync(db)).Should().BeEmpty();
        (await SearchAllAsync(db)).Should().Equal(searches);
        (await new BookDataMigrator(db.Factory).GetStatusAsync()).IsUpToDate.Should().BeTrue();
    }

    [Fact]
    public async Task MigrateAsync_PopulatedCatalogAtSecondVersion_TheKeyIsANamedUniqueIndexThatStillRefusesADuplicate()
    {
        await using var db = await CreatePopulatedAtSecondVersionAsync();

        await new BookDataMigrator(db.Factory).MigrateAsync();

        (await CatalogDump.QueryAsync(db, "SELECT name, sql FROM sqlite_schema WHERE tbl_name = 'book' AND type = 'index' ORDER BY name"))
            .Select(row => $"{row[0]}: {row[1]}").Should().Equal(
                "ix_book_title: CREATE INDEX ix_book_title ON book (title)",
                "uq_book_author_title: CREATE UNIQUE INDEX uq_book_author_title ON book (author_id, title)");
        await using var connection = await db.OpenConnectionAsync();
        var (authorId, title) = await connection.QuerySingleAsync<(long, string)>("SELECT author_id, title FROM book ORDER BY book_id LIMIT 1;");
        var duplicate = () => connection.ExecuteAsync(
            "INSERT INTO book (author_id, title) VALUES (@AuthorId, @Title);", new { AuthorId = authorId, Title = title.ToUpperInvariant() });
        (await duplicate.Should().ThrowAsync<SqliteException>()).Which.Message.Should().Contain("UNIQUE constraint failed: book.author_id, book.title");
    }

    /// <summary>An owner who dropped the derived view migrates all the same (the rebuild does not need it).</summary>
    [Fact]
    public async Task MigrateAsync_DerivedViewDropped_AppliesAndLeavesItDropped()
    {
        await using var db = await CreatePopulatedAtSecondVersionAsync();
        await CatalogDump.ExecuteAsync(db, "DROP VIEW author_publisher;");

        (await new BookDataMigrator(db.Factory).MigrateAsync()).Applied.Should().Equal(Script);

        (await CatalogDump.QueryAsync(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'author_publisher'")).Single()[0].Should().Be("0");
        (await CatalogDump.IntegrityProblemsAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task MigrateAsync_PopulatedCatalogAtSecondVersion_DeletingABookStillTakesItsLinksAndItsSearchEntry()
    {
        await using var db = await CreatePopulatedAtSecondVersionAsync();
        await new BookDataMigrator(db.Factory).MigrateAsync();
        await using var connection = await db.OpenConnectionAsync();
        var bookId = await connection.ExecuteScalarAsync<long>("SELECT book_id FROM book WHERE title = 'Rivière Été';");
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM book_publisher WHERE book_id = @BookId;", new { BookId = bookId })).Should().Be(1);

        await connection.ExecuteAsync("DELETE FROM book WHERE book_id = @BookId;", new { BookId = bookId });

        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM book_publisher WHERE book_id = @BookId;", new { BookId = bookId })).Should().Be(0);
        (await new BookRepository(db.Factory).SearchByTitleAsync("Rivière")).TotalCount.Should().Be(0);
        (await CatalogDump.IntegrityProblemsAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task MigrateAsync_PopulatedCatalogWithBackupBeforeMigrate_BacksUpTheSecondVersion()
    {
        await using var db = await CreatePopulatedAtSecondVersionAsync();
        var before = await CatalogDump.DataRowsAsync(db);
        var factory = new BookDataConnectionFactory(new BookDataOptions
        {
            ConnectionString = db.Options.ConnectionString,
            BackupBeforeMigrate = true,
        });

        var result = await new BookDataMigrator(factory).MigrateAsync();

        result.Applied.Should().Equal(Script);
        result.BackupPath.Should().NotBeNull();
        await using var backup = TestDatabase.ForFile(result.BackupPath!);
        (await CatalogDump.DataRowsAsync(db)).Should().Equal(before);
        (await CatalogDump.DataRowsAsync(backup)).Should().Equal(before);
        (await CatalogDump.IntegrityProblemsAsync(backup)).Should().BeEmpty();
        (await new BookDataMigrator(backup.Factory).GetStatusAsync()).Pending.Should().Equal(Script);
        (await CatalogDump.QueryAsync(backup, "SELECT count(*) FROM sqlite_schema WHERE name = 'uq_book_author_title'")).Single()[0].Should().Be("0");
    }

    /// <summary>
    /// The rebuild would lose a column, foreign key, index or trigger the catalog's owner put on book (or their change to
    /// BookData's index): it stops first, and nothing changes, the owner's object included.
    /// </summary>
    [Theory]
    [InlineData("CREATE INDEX my_book_author ON book (author_id)", "SELECT count(*) FROM sqlite_schema WHERE name = 'my_book_author'", "my_book_author")]
    [InlineData("CREATE TRIGGER my_book_audit AFTER UPDATE ON book BEGIN SELECT 1; END", "SELECT count(*) FROM sqlite_schema WHERE name = 'my_book_audit'", "my_book_audit")]
    [InlineData("CREATE TRIGGER my_book_shout AFTER UPDATE ON BOOK BEGIN SELECT 1; END", "SELECT count(*) FROM sqlite_schema WHERE name = 'my_book_shout'", "my_book_shout")]
    [InlineData("ALTER TABLE book ADD COLUMN isbn TEXT; UPDATE book SET isbn = 'isbn-' || book_id", "SELECT count(*) FROM book WHERE isbn = 'isbn-' || book_id", "isbn")]
    [InlineData("ALTER TABLE book ADD COLUMN loud TEXT GENERATED ALWAYS AS (upper(title)) VIRTUAL", "SELECT count(loud) FROM book", "loud")]
    [InlineData("ALTER TABLE book ADD COLUMN series_id INTEGER REFERENCES publisher (publisher_id)", "SELECT count(*) FROM pragma_foreign_key_list('book')", "series_id, foreign key series_id")]
    [InlineData("DROP INDEX ix_book_title; CREATE INDEX ix_book_title ON book (title DESC)", "SELECT sql FROM sqlite_schema WHERE name = 'ix_book_title'", "ix_book_title")]
    public async Task MigrateAsync_BookCarriesAnObjectOfTheOwner_FailsNamingItAndTheRemedyAndChangesNothing(string create, string ownObject, string found)
    {
        await using var db = await CreatePopulatedAtSecondVersionAsync();
        await CatalogDump.ExecuteAsync(db, create);
        var before = await CatalogDump.AllRowsAsync(db);
        var ownBefore = (await CatalogDump.QueryAsync(db, ownObject)).Single()[0];

        var migrate = () => new BookDataMigrator(db.Factory).MigrateAsync();

        var error = (await migrate.Should().ThrowAsync<BookDataMigrationException>()).Which;
        error.ScriptName.Should().Be(Script);
        error.Message.Should().Contain("book has columns, foreign keys, indexes or triggers that BookData did not create").And.Contain("migrate, then add them back")
            .And.EndWith($" It found: {found}.");
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
        (await CatalogDump.QueryAsync(db, ownObject)).Single()[0].Should().Be(ownBefore).And.NotBe("0");
        (await new BookDataMigrator(db.Factory).GetStatusAsync()).Pending.Should().Equal(Script);
    }

    /// <summary>
    /// The owner changed book's own definition (a foreign key's action, an extra CHECK), which the rebuild would replace
    /// by BookData's without a word: the migration stops before the script, naming the table and both definitions, and
    /// nothing changes, the owner's definition included.
    /// </summary>
    [Theory]
    [InlineData("REFERENCES author (author_id),", "REFERENCES author (author_id) ON DELETE CASCADE,", "ON DELETE CASCADE")]
    [InlineData("CHECK (length(title) BETWEEN 1 AND 500)", "CHECK (length(title) BETWEEN 1 AND 500) CHECK (title NOT LIKE '%forbidden%')", "NOT LIKE '%forbidden%'")]
    public async Task MigrateAsync_OwnerChangedBooksDefinition_FailsNamingBothDefinitionsAndChangesNothing(string bookDataText, string ownersText, string ownersPart)
    {
        await using var db = await CreatePopulatedAtSecondVersionAsync();
        await ChangeBookDefinitionAsync(db, bookDataText, ownersText);
        var definition = (await CatalogDump.QueryAsync(db, "SELECT sql FROM sqlite_schema WHERE name = 'book'")).Single()[0];
        definition.Should().Contain(ownersPart);
        var before = await CatalogDump.AllRowsAsync(db);

        var migrate = () => new BookDataMigrator(db.Factory).MigrateAsync();

        var error = (await migrate.Should().ThrowAsync<BookDataMigrationException>()).Which;
        error.ScriptName.Should().Be(Script);
        error.Message.Should().StartWith($"Migration script '{Script}' rebuilds table 'book' of database ")
            .And.Contain("Nothing was changed.")
            .And.Contain($"The catalog's: CREATE TABLE book ( book_id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL {(ownersPart.StartsWith("ON", StringComparison.Ordinal) ? "REFERENCES author (author_id) ON DELETE CASCADE" : "REFERENCES author (author_id)")}")
            .And.Contain(ownersPart)
            .And.Contain("BookData's: CREATE TABLE book ( book_id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES author (author_id), title TEXT NOT NULL COLLATE NOCASE CHECK (length(title) BETWEEN 1 AND 500),");
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
        (await CatalogDump.QueryAsync(db, "SELECT sql FROM sqlite_schema WHERE name = 'book'")).Single()[0].Should().Be(definition);
        (await new BookDataMigrator(db.Factory).GetStatusAsync()).Pending.Should().Equal(Script);
    }

    /// <summary>
    /// A view of the owner's that reads book, another table's trigger that does, and a changed author_publisher keep
    /// working through the rebuild, as they were.
    /// </summary>
    [Fact]
    public async Task MigrateAsync_OwnerViewAndTriggerReadBook_KeepsThemReadingTheRebuiltTable()
    {
        await using var db = await CreatePopulatedAtSecondVersionAsync();
        await CatalogDump.ExecuteAsync(db, """
            DROP VIEW author_publisher;
            CREATE VIEW author_publisher (author_id, publisher_id, books) AS
            SELECT b.author_id, bp.publisher_id, count(*) FROM book AS b JOIN book_publisher AS bp ON bp.book_id = b.book_id GROUP BY 1, 2;
            CREATE VIEW my_titles AS SELECT title FROM book;
            CREATE TABLE my_log (books INTEGER);
            CREATE TRIGGER my_publisher_added AFTER INSERT ON publisher BEGIN INSERT INTO my_log SELECT count(*) FROM book; END;
            """);
        var books = (await CatalogDump.QueryAsync(db, "SELECT count(*) FROM book")).Single()[0];

        await new BookDataMigrator(db.Factory).MigrateAsync();

        (await CatalogDump.QueryAsync(db, "SELECT count(*) FROM my_titles")).Single()[0].Should().Be(books);
        await CatalogDump.ExecuteAsync(db, "INSERT INTO publisher (name) VALUES ('Late Press');");
        (await CatalogDump.QueryAsync(db, "SELECT books FROM my_log")).Single()[0].Should().Be(books);
        (await CatalogDump.QueryAsync(db, "SELECT sum(books) FROM author_publisher")).Single()[0].Should().Be(
            (await CatalogDump.QueryAsync(db, "SELECT count(*) FROM book_publisher")).Single()[0]);
        (await CatalogDump.IntegrityProblemsAsync(db)).Should().BeEmpty();
    }

    /// <summary>A disk that fills up during the rebuild: the error says so and what to do, and the catalog stays at 0002.</summary>
    [RequiresTinyFileSystemFact]
    public async Task MigrateAsync_DiskFillsDuringTheRebuild_ThrowsDiskFullNamingTheScriptAndKeepsTheCatalog()
    {
        using var disk = TinyFileSystem.Mount(16384);
        await using var db = TestDatabase.ForFile(Path.Combine(disk.Folder, "catalog.db"));
        await new BookDataMigrator(db.Factory, db.Factory.CatalogProvider.MigrationScripts.Take(2).ToArray()).MigrateAsync();
        using (var csv = TempFile.WithText(CatalogImporterDiskFullTests.Catalog(20_000)))
        {
            await new CatalogImporter(db.Factory).ImportAsync(csv.Path);
        }

        var before = await CatalogDump.AllRowsAsync(db);
        var filler = disk.Fill();
        using (var stream = new FileStream(filler, FileMode.Open))
        {
            // Room for the migration's lock file and a little of the log, not for a second copy of book.
            stream.SetLength(stream.Length - (256 * 1024));
        }

        var migrate = () => new BookDataMigrator(db.Factory).MigrateAsync();

        var error = (await migrate.Should().ThrowAsync<BookDataMigrationException>()).Which;
        error.ScriptName.Should().Be(Script);
        error.Message.Should().Contain($"Migration script '{Script}' failed on database '{db.Path}': the disk is full")
            .And.Contain("Free some space and migrate again; the script was rolled back");
        File.Delete(filler);
        (await CatalogImporterDiskFullTests.IntegrityCheckAsync(db)).Should().Be("ok");
        (await CatalogDump.AllRowsAsync(db)).Should().Equal(before);
        (await new BookDataMigrator(db.Factory).GetStatusAsync()).Pending.Should().Equal(Script);
    }

    /// <summary>A database at migration 0002, holding the sample catalog and a title linked to a publisher of its own.</summary>
    /// <summary>
    /// Changes book's stored definition in place, as SQLite documents for changes that leave the stored rows valid
    /// (https://www.sqlite.org/lang_altertable.html, "Making other kinds of table schema changes").
    /// </summary>
    private static async Task ChangeBookDefinitionAsync(TestDatabase db, string bookDataText, string ownersText)
    {
        await using (var connection = await db.OpenConnectionAsync())
        {
            var version = await connection.ExecuteScalarAsync<long>("PRAGMA schema_version;");
            await connection.ExecuteAsync(
                "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, @From, @To) WHERE type = 'table' AND name = 'book';",
                new { From = bookDataText, To = ownersText });
            await connection.ExecuteAsync($"PRAGMA schema_version = {version + 1}; PRAGMA writable_schema = OFF;");
        }

        SqliteConnection.ClearAllPools();
    }

    private static async Task<TestDatabase> CreatePopulatedAtSecondVersionAsync()
    {
        var db = await TestDatabase.CreateEmptyAsync(BookDataProvider.Sqlite);
        try
        {
            var firstTwo = db.Factory.CatalogProvider.MigrationScripts.Take(2).ToArray();
            firstTwo.Select(script => script.Name).Should().Equal("0001_create_catalog.sql", "0002_index_book_title_search.sql");
            await new BookDataMigrator(db.Factory, firstTwo).MigrateAsync();
            await SampleCatalog.LoadAsync(db);
            await using var connection = await db.OpenConnectionAsync();
            await connection.ExecuteAsync("""
                INSERT INTO publisher (name) VALUES ('Éditions du Fleuve');
                INSERT INTO book (author_id, title) VALUES ((SELECT min(author_id) FROM author), 'Rivière Été');
                INSERT INTO book_publisher (book_id, publisher_id)
                VALUES ((SELECT book_id FROM book WHERE title = 'Rivière Été'), (SELECT publisher_id FROM publisher WHERE name = 'Éditions du Fleuve'));
                """);
            (await CatalogDump.QueryAsync(db, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'sqlite_autoindex_book_%'")).Single()[0].Should().Be("1");
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>Each query's total and the ids of its first page, from the repository (the index, or the scan for short texts).</summary>
    private static async Task<IReadOnlyList<string>> SearchAllAsync(TestDatabase db)
    {
        var books = new BookRepository(db.Factory);
        var lines = new List<string>();
        foreach (var text in new[] { "river", "Rivière", "Tale", "of", "e", "%" })
        {
            var page = await books.SearchByTitleAsync(text);
            lines.Add($"{text}: {page.TotalCount}: {string.Join(',', page.Items.Select(book => book.BookId))}");
        }

        return lines;
    }
}
