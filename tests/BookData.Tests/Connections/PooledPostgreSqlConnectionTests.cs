using BookData.Authors;
using BookData.Connections;
using BookData.Migrations;
using BookData.Tests.Migrations;
using BookData.Tests.Support;
using Npgsql;

namespace BookData.Tests.Connections;

/// <summary>
/// What BookData guarantees through PgBouncer in transaction pooling mode, where no startup option reaches the server
/// and each transaction may run on another server connection: read-only connections refuse writes, the busy timeout
/// bounds a lock wait, and a database the server lacks is named as missing (or created by the migrator).
/// </summary>
[RequiresPostgreSqlPooled]
public sealed class PooledPostgreSqlConnectionTests
{
    [ProviderFact]
    public async Task OpenReadOnlyAsync_ThroughPooler_WriteFailsWithReadOnlyErrorAndWritesNothing()
    {
        await using var db = await TestDatabase.CreatePooledAsync();
        await using var connection = (NpgsqlConnection)await db.Factory.OpenReadOnlyAsync();
        await using var command = new NpgsqlCommand("INSERT INTO publisher (name) VALUES ('Gnome Press');", connection);

        var write = () => command.ExecuteNonQueryAsync();

        (await write.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.ReadOnlySqlTransaction);
        (await db.CountAsync("publisher")).Should().Be(0);
    }

    [ProviderFact]
    public async Task RenameAsync_ThroughPoolerWhileAnotherWriterHoldsTheRow_FailsWithLockErrorAfterBusyTimeout()
    {
        await using var db = await TestDatabase.CreatePooledAsync();
        var author = await new AuthorRepository(db.Factory).AddAsync("Isaac", "Asimov");
        var factory = new BookDataConnectionFactory(new BookDataOptions
        {
            ConnectionString = db.Options.ConnectionString,
            BusyTimeout = TimeSpan.FromMilliseconds(300),
        }.UsePostgreSql());
        await using var holder = await db.OpenConnectionAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var lockRow = holder.CreateCommand())
        {
            lockRow.Transaction = transaction;
            lockRow.CommandText = $"SELECT author_id FROM author WHERE author_id = {author.AuthorId} FOR UPDATE;";
            await lockRow.ExecuteScalarAsync();
        }

        // Without the busy timeout inside the transaction, the rename would wait for ever; the bound only guards the test.
        var rename = () => new AuthorRepository(factory).RenameAsync(author.AuthorId, "Paul", "French").WaitAsync(TimeSpan.FromSeconds(20));

        (await rename.Should().ThrowAsync<BookDataDatabaseException>())
            .WithMessage($"*'{factory.DataSource}'*locked*busy timeout*")
            .WithInnerException<PostgresException>().Which.SqlState.Should().Be(PostgresErrorCodes.LockNotAvailable);
        await transaction.RollbackAsync();
        (await new AuthorRepository(db.Factory).GetByIdAsync(author.AuthorId)).Should().Be(author);
    }

    [ProviderTheory]
    [InlineData(0.2, false, "200ms", "off")]
    [InlineData(0, false, "1ms", "off")]
    [InlineData(12, true, "12s", "on")]
    public async Task BeginTransactionAsync_ThroughPooler_SetsBusyTimeoutAndReadOnlyInsideTheTransactionOnly(
        double busySeconds, bool readOnly, string lockTimeout, string transactionReadOnly)
    {
        await using var db = await TestDatabase.CreatePooledAsync();
        var factory = new BookDataConnectionFactory(new BookDataOptions
        {
            ConnectionString = db.Options.ConnectionString,
            BusyTimeout = TimeSpan.FromSeconds(busySeconds),
        }.UsePostgreSql());
        await using var connection = (NpgsqlConnection)await factory.OpenAsync();

        await using (var transaction = await factory.BeginTransactionAsync(connection, readOnly, CancellationToken.None))
        {
            (await ShowAsync(connection, "lock_timeout")).Should().Be(lockTimeout);
            (await ShowAsync(connection, "transaction_read_only")).Should().Be(transactionReadOnly);
            await transaction.RollbackAsync();
        }

        // Nothing stays on the session (the server connection goes back to the pooler's other clients).
        (await ShowAsync(connection, "lock_timeout")).Should().Be("0");
        (await ShowAsync(connection, "transaction_read_only")).Should().Be("off");
    }

    [ProviderFact]
    public async Task OpenAsync_ThroughPoolerDatabaseMissing_ThrowsNamingTheDatabaseAndCreatesNothing()
    {
        await using var missing = MissingPooled(out var factory);

        var open = () => factory.OpenAsync();

        (await open.Should().ThrowAsync<BookDataDatabaseException>())
            .WithMessage($"*'{factory.DataSource}'*no such database*pooler*");
        (await missing.ExistsAsync()).Should().BeFalse();
    }

    [ProviderFact]
    public async Task GetStatusAsync_ThroughPoolerDatabaseMissing_ReportsEverythingPendingAndCreatesNothing()
    {
        await using var missing = MissingPooled(out var factory);

        var status = await new BookDataMigrator(factory).GetStatusAsync().WaitAsync(TimeSpan.FromSeconds(60));

        status.Pending.Should().Equal(BookDataMigrator.ScriptNames);
        (await missing.ExistsAsync()).Should().BeFalse();
    }

    [ProviderFact]
    public async Task MigrateAsync_ThroughPoolerDatabaseMissing_CreatesItAndAppliesEveryScript()
    {
        await using var missing = MissingPooled(out var factory);
        var inspector = DatabaseInspector.PostgreSql(missing.Options.ConnectionString);

        var result = await new BookDataMigrator(factory).MigrateAsync().WaitAsync(TimeSpan.FromSeconds(60));

        result.Applied.Should().Equal(BookDataMigrator.ScriptNames);
        (await inspector.JournalAsync()).Should().Equal(BookDataMigrator.ScriptNames);
        (await new AuthorRepository(factory).CountAsync()).Should().Be(0);
    }

    private static async Task<string?> ShowAsync(NpgsqlConnection connection, string setting)
    {
        await using var command = new NpgsqlCommand($"SHOW {setting};", connection);
        return (string?)await command.ExecuteScalarAsync();
    }

    /// <summary>A database name the server does not have (dropped at dispose if a test created it), and a factory reaching it through the pooler.</summary>
    private static TestDatabase MissingPooled(out BookDataConnectionFactory factory)
    {
        var missing = TestDatabase.CreateMissing(BookDataProvider.PostgreSql);
        factory = new BookDataConnectionFactory(new BookDataOptions
        {
            ConnectionString = PostgreSqlTestPooler.ConnectionStringFor(missing.DatabaseName!),
        }.UsePostgreSql());
        return missing;
    }
}
