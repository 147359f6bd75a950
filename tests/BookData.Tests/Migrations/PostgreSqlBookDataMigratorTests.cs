using BookData.Authors;
using BookData.Connections;
using BookData.Migrations;
using BookData.Tests.Support;
using Dapper;
using Npgsql;

namespace BookData.Tests.Migrations;

[RequiresPostgreSql]
public sealed class PostgreSqlBookDataMigratorTests : BookDataMigratorTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;

    protected override string MissingTableError(string table) => $"relation \"{table}\" does not exist";

    protected override void ClearAllPools() => NpgsqlConnection.ClearAllPools();

    [ProviderFact]
    public async Task GetStatusAsync_DatabaseMissing_ReportsEverythingPendingAndCreatesNothing()
    {
        await using var missing = MissingDatabase.Create();

        var status = await new BookDataMigrator(missing.Factory()).GetStatusAsync();

        status.Applied.Should().BeEmpty();
        status.Pending.Should().Equal(BookDataMigrator.ScriptNames);
        status.Changed.Should().BeEmpty();
        status.Unknown.Should().BeEmpty();
        (await PostgreSqlTestServer.DatabaseExistsAsync(missing.Name)).Should().BeFalse();
    }

    [ProviderFact]
    public async Task MigrateAsync_DatabaseMissing_CreatesItAndAppliesEveryScript()
    {
        await using var missing = MissingDatabase.Create();
        var logger = new RecordingLogger();

        var result = await new BookDataMigrator(missing.Factory(), logger).MigrateAsync();

        result.Applied.Should().Equal(BookDataMigrator.ScriptNames);
        (await PostgreSqlTestServer.DatabaseExistsAsync(missing.Name)).Should().BeTrue();
        (await missing.Inspector.JournalAsync()).Should().Equal(BookDataMigrator.ScriptNames);
        (await missing.Inspector.TablesAsync()).Should().Contain(["author", "book", "book_publisher", "publisher"]);
        logger.Entries.Should().Contain(entry => entry.EventId == 6 && entry.Message.Contains(missing.Name, StringComparison.Ordinal));
    }

    [ProviderFact]
    public async Task MigrateAsync_TwoMigratorsOnMissingDatabase_BothSucceedAndApplyEachScriptOnce()
    {
        await using var missing = MissingDatabase.Create();
        var scripts = TestScripts.PostgreSql.All;
        var first = new BookDataMigrator(missing.Factory(), scripts);
        var second = new BookDataMigrator(missing.Factory(), scripts);

        var results = await Task.WhenAll(
            Task.Run(() => first.MigrateAsync()),
            Task.Run(() => second.MigrateAsync()));

        results.Sum(result => result.Applied.Count).Should().Be(3);
        (await missing.Inspector.JournalAsync()).Should().Equal(TestScripts.Names(scripts.ToArray()));
        (await missing.Inspector.ScalarAsync("SELECT count(*) FROM thing;")).Should().Be(1);
    }

    [ProviderFact]
    public async Task MigrateAsync_UserMayNotCreateDatabases_ThrowsNamingDatabaseAndFixAndCreatesNothing()
    {
        await using var missing = MissingDatabase.Create();
        var role = $"bookdata_test_role_{Guid.NewGuid():N}";
        await ExecuteAsServerUserAsync($"CREATE ROLE {role} LOGIN NOCREATEDB;");
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(missing.ConnectionString) { Username = role }.ConnectionString;
            var factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = connectionString, Provider = BookDataProvider.PostgreSql });

            var act = () => new BookDataMigrator(factory).MigrateAsync();

            var error = (await act.Should().ThrowAsync<BookDataDatabaseException>()).Which;
            error.Message.Should().Contain($"Database '{factory.DataSource}' does not exist and cannot be created")
                .And.Contain("permission denied to create database")
                .And.Contain("CREATEDB");
            (await PostgreSqlTestServer.DatabaseExistsAsync(missing.Name)).Should().BeFalse();
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsServerUserAsync($"DROP ROLE IF EXISTS {role};");
        }
    }

    [ProviderFact]
    public async Task MigrateAsync_ReadOnlyConnectionOpenedBefore_CitextColumnsReadOnBothConnections()
    {
        await using var database = await TestDatabase.CreateEmptyAsync(Provider);
        var migrator = new BookDataMigrator(database.Factory);
        (await migrator.GetStatusAsync()).Pending.Should().NotBeEmpty("the read-only connection is opened before the catalog types exist");

        await migrator.MigrateAsync();
        var authors = new AuthorRepository(database.Factory);
        var added = await authors.AddAsync("Isaac", "Asimov");

        (await authors.FindByNameAsync("isaac", "ASIMOV")).Should().Be(added);
        (await authors.GetByIdAsync(added.AuthorId)).Should().Be(new Author(added.AuthorId, "Isaac", "Asimov"));
        await using var readOnly = await database.Factory.OpenReadOnlyAsync();
        var read = await readOnly.QuerySingleAsync<Author>(
            "SELECT author_id AS AuthorId, first_name AS FirstName, last_name AS LastName FROM author WHERE last_name = 'asimov';");
        read.Should().Be(added);
    }

    private static async Task ExecuteAsServerUserAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgreSqlTestServer.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A database name the server does not have yet; dropped at dispose if a test created it.</summary>
    private sealed class MissingDatabase : IAsyncDisposable
    {
        private MissingDatabase(string connectionString)
        {
            ConnectionString = connectionString;
            Name = PostgreSqlTestServer.DatabaseName(connectionString);
            Inspector = DatabaseInspector.PostgreSql(connectionString);
        }

        public string ConnectionString { get; }

        public string Name { get; }

        public DatabaseInspector Inspector { get; }

        public static MissingDatabase Create() => new(PostgreSqlTestServer.NewDatabaseConnectionString());

        public BookDataConnectionFactory Factory() =>
            new(new BookDataOptions { ConnectionString = ConnectionString, Provider = BookDataProvider.PostgreSql, BusyTimeout = TimeSpan.FromSeconds(30) });

        public async ValueTask DisposeAsync() => await PostgreSqlTestServer.DropDatabaseAsync(Name);
    }
}
