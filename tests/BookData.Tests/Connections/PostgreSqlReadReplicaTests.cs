using System.Data.Common;
using BookData.Authors;
using BookData.Books;
using BookData.Connections;
using BookData.Export;
using BookData.Hosting;
using BookData.Migrations;
using BookData.Reports;
using BookData.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace BookData.Tests.Connections;

/// <summary>
/// <see cref="BookDataOptions.ReadConnectionString"/> against the streaming replica CI starts: reads are served by the
/// replica, writes and migrations by the primary, and a replica that is down fails reads (naming it) but not writes.
/// </summary>
[RequiresPostgreSqlReplica]
[Collection(PostgreSqlReplicaTests.Name)]
public sealed class PostgreSqlReadReplicaTests
{
    private const string Secret = "replica-secret-4711";

    [ProviderFact]
    public async Task OpenReadOnlyAsync_ReadConnectionString_ConnectsToTheReplica()
    {
        await using var database = await TestDatabase.CreateAsync(BookDataProvider.PostgreSql);
        await PostgreSqlTestReplica.WaitForReplayAsync();
        var factory = ReplicatedFactory(database);

        await using var connection = await factory.OpenReadOnlyAsync();

        (await ServerAsync(connection)).Should().Be((true, ReplicaPort));
        factory.ReadDataSource.Should().Be($"127.0.0.1:{ReplicaPort}/{database.DatabaseName}");
        factory.DataSource.Should().Be($"127.0.0.1:{PrimaryPort}/{database.DatabaseName}");
        await using var primary = await factory.OpenAsync();
        (await ServerAsync(primary)).Should().Be((false, PrimaryPort));
    }

    [ProviderFact]
    public async Task OpenReadOnlyAsync_NoReadConnectionString_ConnectsToThePrimary()
    {
        await using var database = await TestDatabase.CreateAsync(BookDataProvider.PostgreSql);

        await using var connection = await database.Factory.OpenReadOnlyAsync();

        (await ServerAsync(connection)).Should().Be((false, PrimaryPort));
        database.Factory.ReadDataSource.Should().Be(database.Factory.DataSource);
    }

    [ProviderFact]
    public async Task Reads_ReplayPaused_ComeFromTheReplicaWhileTheWriteAnswersFromThePrimary()
    {
        await using var database = await TestDatabase.CreateAsync(BookDataProvider.PostgreSql);
        var factory = ReplicatedFactory(database);
        var books = new BookRepository(factory);
        await books.AddBookAsync(AuthorName.Create("Stephen", "King"), "It", "Viking");
        await PostgreSqlTestReplica.WaitForReplayAsync();

        AddBookResult added;
        await PauseReplayAsync();
        try
        {
            added = await books.AddBookAsync(AuthorName.Create("Isaac", "Asimov"), "Foundation", "Gnome Press");

            // The write's own answer is the primary's; every read is the replica's, which has not replayed it.
            added.Outcome.Should().Be(AddBookOutcome.BookCreated);
            added.Book.Title.Should().Be("Foundation");
            (await database.CountAsync("book")).Should().Be(2, "the write landed on the primary");
            (await books.GetByIdAsync(added.Book.BookId)).Should().BeNull();
            (await books.CountAsync()).Should().Be(1);
            (await books.SearchByTitleAsync("Foundation")).TotalCount.Should().Be(0);
            (await new AuthorRepository(factory).ListAsync()).Items.Select(author => author.LastName).Should().Equal("King");
            (await new CatalogReports(factory).GetHierarchyAsync()).Select(author => author.LastName).Should().Equal("King");
            (await new CatalogReports(factory).GetCountsAsync()).Books.Should().Be(1);
            (await ExportAsync(factory)).Should().NotContain("Foundation").And.Contain("King");
        }
        finally
        {
            await ResumeReplayAsync();
        }

        await PostgreSqlTestReplica.WaitForReplayAsync();
        (await books.GetByIdAsync(added.Book.BookId))!.Title.Should().Be("Foundation");
        (await books.SearchByTitleAsync("Foundation")).TotalCount.Should().Be(1);
        (await new CatalogReports(factory).GetCountsAsync()).Books.Should().Be(2);
        (await ExportAsync(factory)).Should().Contain("Foundation");
    }

    [ProviderFact]
    public async Task MigrateAsync_ReplicaBehind_MigratesThePrimaryAndStatusReadsThePrimary()
    {
        await using var database = TestDatabase.CreateMissing(BookDataProvider.PostgreSql);
        var factory = new BookDataConnectionFactory(new BookDataOptions
        {
            ConnectionString = database.Options.ConnectionString,
            ReadConnectionString = PostgreSqlTestReplica.ConnectionStringFor(database.DatabaseName!),
        }.UsePostgreSql());

        await PauseReplayAsync();
        try
        {
            var migrator = new BookDataMigrator(factory);
            var result = await migrator.MigrateAsync();
            var status = await migrator.GetStatusAsync();

            result.Applied.Should().Equal(BookDataMigrator.ScriptNames);
            status.Pending.Should().BeEmpty("the status is the primary's, whatever the replica has replayed");
            status.Applied.Should().HaveCount(BookDataMigrator.ScriptNames.Count);
            (await database.TableExistsAsync("book")).Should().BeTrue();
        }
        finally
        {
            await ResumeReplayAsync();
        }
    }

    [ProviderFact]
    public async Task CheckHealthAsync_PrimaryAndReplicaUp_IsHealthyAndNamesBoth()
    {
        await using var database = await TestDatabase.CreateAsync(BookDataProvider.PostgreSql);
        await PostgreSqlTestReplica.WaitForReplayAsync();
        var factory = ReplicatedFactory(database);

        var result = await CheckHealthAsync(factory);

        result.Status.Should().Be(HealthStatus.Healthy, result.Description);
        result.Description.Should().Contain(factory.DataSource).And.Contain(factory.ReadDataSource);
        result.Data["replica"].Should().Be("ok");
    }

    [ProviderFact]
    public async Task ReplicaDown_ReadsFailNamingTheReplicaWritesKeepWorkingAndHealthIsUnhealthy()
    {
        await using var database = await TestDatabase.CreateAsync(BookDataProvider.PostgreSql);
        var factory = ReplicatedFactory(database);
        var books = new BookRepository(factory);
        var reports = new CatalogReports(factory);

        await PostgreSqlTestReplica.StopAsync();
        try
        {
            var reads = new Func<Task>[]
            {
                () => books.CountAsync(),
                () => books.SearchByTitleAsync("Stand"),
                () => new AuthorRepository(factory).ListAsync(),
                () => reports.GetHierarchyAsync(),
                () => reports.BooksPerPublisherAsync(),
                () => ExportAsync(factory),
                () => factory.OpenReadOnlyAsync(),
            };
            foreach (var read in reads)
            {
                var error = (await read.Should().ThrowAsync<BookDataDatabaseException>()).Which;
                error.Message.Should().Contain("read replica").And.Contain(factory.ReadDataSource).And.Contain("no PostgreSQL server answered")
                    .And.NotContain(Secret);
                error.InnerException.Should().BeAssignableTo<DbException>();
            }

            var added = await books.AddBookAsync(AuthorName.Create("Stephen", "King"), "The Stand", "Doubleday");
            added.Outcome.Should().Be(AddBookOutcome.BookCreated);
            (await database.CountAsync("book")).Should().Be(1);

            var health = await CheckHealthAsync(factory);
            health.Status.Should().Be(HealthStatus.Unhealthy);
            health.Description.Should().Contain("read replica").And.Contain(factory.ReadDataSource).And.NotContain(Secret);
            health.Data["replica"].Should().Be("unavailable");
            health.Data["pending"].Should().Be(0, "the primary was checked too");
        }
        finally
        {
            await PostgreSqlTestReplica.StartAsync();
        }

        await PostgreSqlTestReplica.WaitForReplayAsync();
        (await books.CountAsync()).Should().Be(1, "the replica replays what was written while it was down");
    }

    private static int PrimaryPort => new NpgsqlConnectionStringBuilder(PostgreSqlTestServer.ConnectionString).Port;

    private static int ReplicaPort => new NpgsqlConnectionStringBuilder(PostgreSqlTestReplica.ConnectionString).Port;

    private static BookDataConnectionFactory ReplicatedFactory(TestDatabase database) =>
        new(new BookDataOptions
        {
            ConnectionString = database.Options.ConnectionString,
            ReadConnectionString = new NpgsqlConnectionStringBuilder(PostgreSqlTestReplica.ConnectionStringFor(database.DatabaseName!))
            {
                Password = Secret,
                Timeout = 3,
            }.ConnectionString,
        }.UsePostgreSql());

    private static async Task<(bool InRecovery, int Port)> ServerAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_is_in_recovery(), inet_server_port();";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetBoolean(0), reader.GetInt32(1));
    }

    private static async Task<string> ExportAsync(BookDataConnectionFactory factory)
    {
        using var stream = new MemoryStream();
        await new CatalogExporter(factory).ExportAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static Task<HealthCheckResult> CheckHealthAsync(BookDataConnectionFactory factory) =>
        new BookDataHealthCheck(factory, new BookDataMigrator(factory)).CheckHealthAsync(new HealthCheckContext());

    private static Task PauseReplayAsync() => OnReplicaAsync("SELECT pg_wal_replay_pause();");

    private static Task ResumeReplayAsync() => OnReplicaAsync("SELECT pg_wal_replay_resume();");

    private static async Task OnReplicaAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgreSqlTestReplica.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
