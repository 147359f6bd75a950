using BookData.Authors;
using BookData.Books;
using BookData.Connections;
using BookData.Tests.Support;
using Dapper;
using Npgsql;

namespace BookData.Tests.Connections;

/// <summary>
/// The command timeout on a real PostgreSQL server: a statement waiting for a lock is limited by
/// <see cref="BookDataOptions.BusyTimeout"/> alone (Npgsql's default 30-second command timeout used to cut it), and a
/// statement that runs longer than <see cref="BookDataOptions.CommandTimeout"/> fails with an error that says so.
/// </summary>
[RequiresPostgreSql]
public sealed class PostgreSqlTimeoutTests
{
    private static readonly AuthorName Asimov = AuthorName.Create("Isaac", "Asimov");

    /// <summary>The one test here that takes longer than 30 seconds: the lock is held for 32.</summary>
    [ProviderFact]
    public async Task AddBookAsync_LockHeldLongerThanThirtySecondsWithinBusyTimeout_WaitsAndSucceeds()
    {
        await using var db = await SeededAsync();
        var books = new BookRepository(Factory(db, options => options.BusyTimeout = TimeSpan.FromSeconds(35)));
        await using var holder = await HoldAuthorRowLockAsync(db);

        var add = books.AddBookAsync(Asimov, "I, Robot", "Gnome Press");
        await Task.WhenAny(add, Task.Delay(TimeSpan.FromSeconds(32)));
        add.IsCompleted.Should().BeFalse("the add waits for the row lock, which is still held");
        await holder.DisposeAsync();

        (await add).Outcome.Should().Be(AddBookOutcome.BookCreated);
        (await db.CountAsync("book")).Should().Be(2);
    }

    [ProviderFact]
    public async Task AddBookAsync_BusyTimeoutOneSecondWhileRowLocked_FailsWithLockErrorAndWritesNothing()
    {
        await using var db = await SeededAsync();
        var factory = Factory(db, options => options.BusyTimeout = TimeSpan.FromSeconds(1));
        var books = new BookRepository(factory);
        await using var holder = await HoldAuthorRowLockAsync(db);

        var add = () => books.AddBookAsync(Asimov, "I, Robot", "Gnome Press");

        var error = (await add.Should().ThrowAsync<BookDataDatabaseException>()).Which;
        error.Message.Should().Be($"Database '{factory.DataSource}' stayed locked by another writer for longer than the busy timeout.");
        error.InnerException.Should().BeOfType<PostgresException>().Which.SqlState.Should().Be(PostgresErrorCodes.LockNotAvailable);
        await holder.DisposeAsync();
        (await db.CountAsync("book")).Should().Be(1);
    }

    [ProviderFact]
    public async Task AddBookAsync_StatementRunsLongerThanCommandTimeout_FailsNamingTheCommandTimeoutAndWritesNothing()
    {
        await using var db = await SeededAsync();
        await using (var connection = await db.OpenConnectionAsync())
        {
            // A trigger that makes the insert of a book take 5 seconds.
            await connection.ExecuteAsync(
                """
                CREATE FUNCTION slow_book() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(5); RETURN NEW; END $$;
                CREATE TRIGGER slow_book BEFORE INSERT ON book FOR EACH ROW EXECUTE FUNCTION slow_book();
                """);
        }

        var factory = Factory(db, options =>
        {
            options.BusyTimeout = TimeSpan.FromSeconds(0.5);
            options.CommandTimeout = TimeSpan.FromSeconds(2);
        });
        var books = new BookRepository(factory);

        var add = () => books.AddBookAsync(Asimov, "I, Robot", "Gnome Press");

        var error = (await add.Should().ThrowAsync<BookDataDatabaseException>()).Which;
        error.Message.Should().StartWith($"Database '{factory.DataSource}': a statement ran longer than the command timeout (BookData:CommandTimeout")
            .And.Contain("was cancelled");
        error.InnerException.Should().BeOfType<NpgsqlException>().Which.InnerException.Should().BeOfType<TimeoutException>();
        (await db.CountAsync("book")).Should().Be(1);
        (await db.CountAsync("author")).Should().Be(1);
    }

    private static async Task<TestDatabase> SeededAsync()
    {
        var db = await TestDatabase.CreateAsync(BookDataProvider.PostgreSql);
        await new BookRepository(db.Factory).AddBookAsync(Asimov, "Foundation", "Gnome Press");
        return db;
    }

    private static BookDataConnectionFactory Factory(TestDatabase db, Action<BookDataOptions> configure)
    {
        var options = new BookDataOptions { ConnectionString = db.Options.ConnectionString };
        configure(options);
        return new BookDataConnectionFactory(options.UsePostgreSql());
    }

    /// <summary>
    /// Another session's transaction holding the author's row lock (<c>FOR UPDATE</c>) until disposed: adding a book
    /// by that author waits for it, since the book's foreign key check locks the author row too.
    /// </summary>
    private static async Task<IAsyncDisposable> HoldAuthorRowLockAsync(TestDatabase db)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Options.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        (await connection.QueryAsync<long>("SELECT author_id FROM author FOR UPDATE;", transaction: transaction)).Should().ContainSingle();
        return connection;
    }
}
