using BookData.Authors;
using BookData.Books;
using BookData.Connections;
using BookData.Tests.Support;
using Dapper;

namespace BookData.Tests.Connections;

public sealed class ConnectionSettingsTests
{
    [Fact]
    public async Task OpenAsync_FileDatabase_EnforcesForeignKeysUsesWalAndBusyTimeout()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var connection = await db.Factory.OpenAsync();

        (await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys;")).Should().Be(1);
        (await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode;")).Should().Be("wal");
        (await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout;")).Should().Be(30_000);
        (await connection.ExecuteScalarAsync<long>("PRAGMA synchronous;")).Should().Be(1);
    }

    [Fact]
    public async Task OpenAsync_SynchronousFull_AppliesIt()
    {
        await using var db = await TestDatabase.CreateAsync();
        var factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = $"Data Source={db.Path}", Synchronous = SynchronousMode.Full });
        await using var connection = await factory.OpenAsync();

        (await connection.ExecuteScalarAsync<long>("PRAGMA synchronous;")).Should().Be(2);
    }

    [Fact]
    public async Task OpenAsync_PooledConnectionChangedByEarlierUser_GetsForeignKeysAndBusyTimeoutBack()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using (var first = await db.Factory.OpenAsync())
        {
            await first.ExecuteAsync("PRAGMA foreign_keys = OFF; PRAGMA busy_timeout = 5;");
        }

        await using var connection = await db.Factory.OpenAsync();

        (await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys;")).Should().Be(1);
        (await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout;")).Should().Be(30_000);
    }

    [Fact]
    public async Task OpenAsync_PooledConnectionLastUsedWithSynchronousFull_GetsNormalBack()
    {
        await using var db = await TestDatabase.CreateAsync();
        var full = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = $"Data Source={db.Path}", Synchronous = SynchronousMode.Full });
        await using (var first = await full.OpenAsync())
        {
            (await first.ExecuteScalarAsync<long>("PRAGMA synchronous;")).Should().Be(2);
        }

        await using var connection = await db.Factory.OpenAsync();

        (await connection.ExecuteScalarAsync<long>("PRAGMA synchronous;")).Should().Be(1);
    }

    [Fact]
    public async Task ConnectionString_OpenedDirectly_EnforcesForeignKeys()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(db.Factory.ConnectionString);
        await connection.OpenAsync();

        (await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys;")).Should().Be(1);
    }

    [Fact]
    public async Task OpenReadOnlyAsync_Write_IsRefused()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var connection = await db.Factory.OpenReadOnlyAsync();

        var act = () => connection.ExecuteAsync("INSERT INTO publisher (name) VALUES ('Sneaky');");

        (await act.Should().ThrowAsync<Microsoft.Data.Sqlite.SqliteException>()).Which.SqliteErrorCode.Should().Be(8);
        (await db.CountAsync("publisher")).Should().Be(0);
    }

    [Fact]
    public async Task OpenAsync_MissingFolder_ThrowsDatabaseErrorNamingPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}", "catalog.db");
        var factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = $"Data Source={path}" });

        var act = () => factory.OpenAsync();

        (await act.Should().ThrowAsync<BookDataDatabaseException>()).Which.Message.Should().Contain(path);
    }

    [Fact]
    public void Constructor_EmptyConnectionString_ThrowsValidationNamingSetting()
    {
        var act = () => new BookDataConnectionFactory(new BookDataOptions());

        act.Should().Throw<BookDataValidationException>().Which.Field.Should().Be("BookData:ConnectionString");
    }

    [Fact]
    public void Constructor_MalformedConnectionString_ThrowsValidation()
    {
        var act = () => new BookDataConnectionFactory(new BookDataOptions { ConnectionString = "Data Source=x.db;Bogus Key=1" });

        act.Should().Throw<BookDataValidationException>().WithMessage("*malformed*");
    }

    [Fact]
    public async Task AddBookAsync_TwoConnectionsWritingAtOnce_BothSucceed()
    {
        await using var db = await TestDatabase.CreateAsync();
        var first = new BookRepository(db.Factory);
        var second = new BookRepository(new BookDataConnectionFactory(db.Options));

        var writes = Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            (i % 2 == 0 ? first : second).AddBookAsync(AuthorName.FromFullName($"Writer {i % 3}"), $"Book {i}", $"Press {i % 4}")));
        var results = await Task.WhenAll(writes);

        results.Should().OnlyContain(r => r.Outcome == AddBookOutcome.BookCreated);
        (await db.CountAsync("book")).Should().Be(20);
        (await db.CountAsync("author")).Should().Be(3);
        (await db.CountAsync("publisher")).Should().Be(4);
    }
}
