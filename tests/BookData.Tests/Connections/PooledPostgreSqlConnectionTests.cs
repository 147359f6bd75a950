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
