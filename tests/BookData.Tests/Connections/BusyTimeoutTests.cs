using BookData.Authors;
using BookData.Books;
using BookData.Connections;
using BookData.Tests.Support;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BookData.Tests.Connections;

/// <summary>
/// <see cref="BookDataOptions.BusyTimeout"/> on SQLite: honoured in milliseconds, and zero means "do not wait"
/// (Microsoft.Data.Sqlite alone would read a zero command timeout as "wait for ever" and round 0.2 s up to 1 s).
/// </summary>
public sealed class BusyTimeoutTests
{
    [Fact]
    public async Task AddBookAsync_BusyTimeoutZeroWhileAnotherWriterHoldsTheLock_FailsAtOnceWithLockError()
    {
        await using var db = await TestDatabase.CreateAsync();
        var books = new BookRepository(Factory(db, TimeSpan.Zero));
        await using var writer = await HoldWriteLockAsync(db);

        // Before zero meant "do not wait" it meant "no limit": the add would wait for ever, hence the guard.
        // SQLite runs synchronously on the caller's thread, so the add runs on a thread of its own.
        var add = Task.Run(() => books.AddBookAsync(AuthorName.Create("Isaac", "Asimov"), "Foundation", "Gnome Press")).WaitAsync(TimeSpan.FromSeconds(20));

        (await add.Invoking(task => task).Should().ThrowAsync<BookDataDatabaseException>())
            .WithMessage($"*'{db.Path}'*locked*busy timeout*");
        await writer.DisposeAsync();
        (await db.CountAsync("book")).Should().Be(0);
    }

    [Fact]
    public async Task AddBookAsync_SubSecondBusyTimeoutWhileLocked_FailsWithLockErrorWaitingOnlyInSqlitesBusyHandler()
    {
        await using var db = await TestDatabase.CreateAsync();
        var factory = Factory(db, TimeSpan.FromSeconds(0.2));
        var books = new BookRepository(factory);
        await using var writer = await HoldWriteLockAsync(db);

        var add = () => books.AddBookAsync(AuthorName.Create("Isaac", "Asimov"), "Foundation", "Gnome Press");

        (await add.Should().ThrowAsync<BookDataDatabaseException>()).WithMessage("*locked*busy timeout*");

        // The 0.2 s reaches SQLite's busy handler in milliseconds, and the driver does not retry on its own for a
        // whole second more (its command timeout counts whole seconds; a negative one turns its retry off).
        await using (var connection = await factory.OpenAsync())
        {
            (await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout;")).Should().Be(200);
            ((SqliteConnection)connection).DefaultTimeout.Should().BeNegative();
        }

        await writer.DisposeAsync();
        (await db.CountAsync("book")).Should().Be(0);
    }

    [Fact]
    public void ConnectionString_BusyTimeoutZero_NeverAsksTheDriverToWaitForEver()
    {
        var factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = "Data Source=unused.db", BusyTimeout = TimeSpan.Zero });

        new SqliteConnectionStringBuilder(factory.ConnectionString).DefaultTimeout.Should().Be(1);
    }

    [Fact]
    public void ConnectionString_PostgreSql_CarriesNoStartupOptions()
    {
        var factory = new BookDataConnectionFactory(new BookDataOptions
        {
            ConnectionString = "Host=db.example.com;Database=catalog;Username=app",
            BusyTimeout = TimeSpan.FromSeconds(0.2),
        }.UsePostgreSql());

        // lock_timeout is set inside each transaction (PooledPostgreSqlConnectionTests checks its value).
        new Npgsql.NpgsqlConnectionStringBuilder(factory.ConnectionString).Options.Should().BeNull();
    }

    private static BookDataConnectionFactory Factory(TestDatabase db, TimeSpan busyTimeout) =>
        new(new BookDataOptions { ConnectionString = $"Data Source={db.Path}", BusyTimeout = busyTimeout });

    /// <summary>A connection of its own (not pooled with the factory's) holding the write lock until disposed.</summary>
    private static async Task<SqliteConnection> HoldWriteLockAsync(TestDatabase db)
    {
        var connection = new SqliteConnection($"Data Source={db.Path};Pooling=False");
        await connection.OpenAsync();
        await connection.ExecuteAsync("BEGIN IMMEDIATE;");
        return connection;
    }
}
