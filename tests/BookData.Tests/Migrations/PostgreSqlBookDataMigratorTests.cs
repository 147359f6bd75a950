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
        await using var missing = TestDatabase.CreateMissing(Provider);

        var status = await new BookDataMigrator(new BookDataConnectionFactory(missing.Options)).GetStatusAsync();

        status.Applied.Should().BeEmpty();
        status.Pending.Should().Equal(BookDataMigrator.ScriptNames);
        status.Changed.Should().BeEmpty();
        status.Unknown.Should().BeEmpty();
        (await missing.ExistsAsync()).Should().BeFalse();
    }

    [ProviderFact]
    public async Task MigrateAsync_DatabaseMissing_CreatesItAndAppliesEveryScript()
    {
        await using var missing = TestDatabase.CreateMissing(Provider);
        var inspector = DatabaseInspector.PostgreSql(missing.Options.ConnectionString);
        var logger = new RecordingLogger();

        var result = await new BookDataMigrator(new BookDataConnectionFactory(missing.Options), logger).MigrateAsync();

        result.Applied.Should().Equal(BookDataMigrator.ScriptNames);
        (await missing.ExistsAsync()).Should().BeTrue();
        (await inspector.JournalAsync()).Should().Equal(BookDataMigrator.ScriptNames);
        (await inspector.TablesAsync()).Should().Contain(["author", "book", "book_publisher", "publisher"]);
        logger.Entries.Should().Contain(entry => entry.EventId == 6 && entry.Message.Contains(missing.DatabaseName!, StringComparison.Ordinal));
    }

    [ProviderFact]
    public async Task MigrateAsync_TwoMigratorsOnMissingDatabase_BothSucceedAndApplyEachScriptOnce()
    {
        await using var missing = TestDatabase.CreateMissing(Provider);
        var inspector = DatabaseInspector.PostgreSql(missing.Options.ConnectionString);
        var scripts = TestScripts.PostgreSql.All;
        var first = new BookDataMigrator(new BookDataConnectionFactory(missing.Options), scripts);
        var second = new BookDataMigrator(new BookDataConnectionFactory(missing.Options), scripts);

        var results = await Task.WhenAll(
            Task.Run(() => first.MigrateAsync()),
            Task.Run(() => second.MigrateAsync()));

        results.Sum(result => result.Applied.Count).Should().Be(3);
        (await inspector.JournalAsync()).Should().Equal(TestScripts.Names(scripts.ToArray()));
        (await inspector.ScalarAsync("SELECT count(*) FROM thing;")).Should().Be(1);
    }

    [ProviderFact]
    public async Task MigrateAsync_UserMayNotCreateDatabases_ThrowsNamingDatabaseAndFixAndCreatesNothing()
    {
        await using var missing = TestDatabase.CreateMissing(Provider);
        var role = $"bookdata_test_role_{Guid.NewGuid():N}";
        await ExecuteAsServerUserAsync($"CREATE ROLE {role} LOGIN NOCREATEDB;");
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(missing.Options.ConnectionString) { Username = role }.ConnectionString;
            var factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = connectionString, Provider = BookDataProvider.PostgreSql }.UsePostgreSql());

            var act = () => new BookDataMigrator(factory).MigrateAsync();

            var error = (await act.Should().ThrowAsync<BookDataDatabaseException>()).Which;
            error.Message.Should().Contain($"Database '{factory.DataSource}' does not exist and cannot be created")
                .And.Contain("permission denied to create database")
                .And.Contain("CREATEDB");
            (await missing.ExistsAsync()).Should().BeFalse();
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
}
