using BookData.Authors;
using BookData.Books;
using BookData.Import;
using BookData.Tests.Support;
using Dapper;

namespace BookData.Tests.Import;

/// <summary>
/// The write-ahead log does not keep the size a large import gave it: the import checkpoints and truncates it at
/// the end, and <c>journal_size_limit</c> caps what later writers leave. SQLite only.
/// </summary>
public sealed class WriteAheadLogSizeTests
{
    [Fact]
    public async Task ImportAsync_LargeImportIntoNonEmptyCatalogThenAddBooks_WalAtMostAQuarterOfTheDatabase()
    {
        await using var db = await TestDatabase.CreateAsync();
        await SampleCatalog.LoadAsync(db);
        using var csv = TempFile.WithText(CatalogImporterDiskFullTests.Catalog(30_000));

        var summary = await new CatalogImporter(db.Factory).ImportAsync(csv.Path);
        var books = new BookRepository(db.Factory);
        for (var i = 0; i < 20; i++)
        {
            await books.AddBookAsync(AuthorName.Create("Stephen", "King"), $"Added After The Import {i}", "Random House");
        }

        // Measured while the pool still holds the connections open, as in a long-running host.
        var database = new FileInfo(db.Path).Length;
        // No -wal file at all (the last connection closed and SQLite removed it) is an empty log.
        var walFile = new FileInfo(db.Path + "-wal");
        var log = walFile.Exists ? walFile.Length : 0;
        summary.BooksAdded.Should().Be(30_000);
        database.Should().BeGreaterThan(4L * 1024 * 1024, "the import is large enough to grow the log");
        log.Should().BeLessThanOrEqualTo(database / 4, $"the database is {database:N0} bytes");
        (await db.CountAsync("book")).Should().Be(10 + 30_000 + 20);
        await using var connection = await db.OpenConnectionAsync();
        (await connection.ExecuteScalarAsync<string>("PRAGMA integrity_check;")).Should().Be("ok");
    }

    [Fact]
    public async Task ImportAsync_ReaderHoldsAnOlderSnapshot_SucceedsAndTheReaderKeepsItsSnapshot()
    {
        await using var db = await TestDatabase.CreateAsync();
        await SampleCatalog.LoadAsync(db);
        using var csv = TempFile.WithText(CatalogImporterDiskFullTests.Catalog(5_000));
        await using var reader = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db.Path};Pooling=False");
        await reader.OpenAsync();
        await using var snapshot = reader.BeginTransaction(deferred: true);
        (await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM book;", transaction: snapshot)).Should().Be(10);

        var summary = await new CatalogImporter(db.Factory).ImportAsync(csv.Path);

        summary.BooksAdded.Should().Be(5_000);
        (await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM book;", transaction: snapshot)).Should().Be(10);
        (await db.CountAsync("book")).Should().Be(5_010);
    }
}
