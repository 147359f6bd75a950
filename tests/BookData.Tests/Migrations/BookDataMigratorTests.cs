using BookData.Connections;
using BookData.Migrations;
using BookData.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace BookData.Tests.Migrations;

public sealed class BookDataMigratorTests
{
    [Fact]
    public async Task MigrateAsync_FreshDatabase_AppliesEveryScriptInOrder()
    {
        await using var database = TestDatabase.CreateEmpty();

        var result = await new BookDataMigrator(database.Factory).MigrateAsync();

        result.Applied.Should().Equal(BookDataMigrator.ScriptNames);
        result.Applied.Should().StartWith("0001_create_catalog.sql");
        (await database.CountAsync("author")).Should().Be(0);
    }

    [Fact]
    public async Task MigrateAsync_SecondRun_AppliesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await new BookDataMigrator(database.Factory).MigrateAsync();

        result.Applied.Should().BeEmpty();
        (await database.CountAsync("schema_version")).Should().Be(BookDataMigrator.ScriptNames.Count);
    }

    [Fact]
    public async Task GetStatusAsync_BeforeAndAfterMigrating_ListsPendingThenApplied()
    {
        await using var database = TestDatabase.CreateEmpty();
        var migrator = new BookDataMigrator(database.Factory);

        var before = await migrator.GetStatusAsync();
        await migrator.MigrateAsync();
        var after = await migrator.GetStatusAsync();

        before.Applied.Should().BeEmpty();
        before.Pending.Should().Equal(BookDataMigrator.ScriptNames);
        after.IsUpToDate.Should().BeTrue();
        after.Applied.Select(entry => entry.Name).Should().Equal(BookDataMigrator.ScriptNames);
        after.Applied.Should().OnlyContain(entry => entry.Checksum.Length == 64);
    }

    [Fact]
    public async Task MigrateAsync_BrokenScript_NamesItAndKeepsEarlierScripts()
    {
        await using var database = TestDatabase.CreateEmpty();
        var scripts = new[]
        {
            new MigrationScript("0001_create_thing.sql", "CREATE TABLE thing (id INTEGER PRIMARY KEY) STRICT;"),
            new MigrationScript("0002_break_things.sql", "CREATE TABLE half (id INTEGER) STRICT; INSERT INTO no_such_table VALUES (1);"),
        };

        var act = () => new BookDataMigrator(database.Factory, scripts).MigrateAsync();

        var error = (await act.Should().ThrowAsync<BookDataMigrationException>()).Which;
        error.ScriptName.Should().Be("0002_break_things.sql");
        error.Message.Should().Contain("0002_break_things.sql").And.Contain("no such table: no_such_table");
        var status = await new BookDataMigrator(database.Factory, scripts).GetStatusAsync();
        status.Applied.Select(entry => entry.Name).Should().Equal("0001_create_thing.sql");
        (await database.CountAsync("sqlite_schema WHERE name = 'half'")).Should().Be(0);
        (await database.CountAsync("thing")).Should().Be(0);
    }

    [Fact]
    public async Task MigrateAsync_FailedScriptFixed_RerunAppliesOnlyTheFixedScript()
    {
        await using var folder = ScratchFolder.Create();
        var broken = new MigrationScript("0002_seed_thing.sql", "INSERT INTO thing (name) VALUES ('first'); INSERT INTO no_such_table VALUES (1);");
        var failing = () => folder.Migrator([TestScripts.CreateThing, broken]).MigrateAsync();
        (await failing.Should().ThrowAsync<BookDataMigrationException>()).Which.ScriptName.Should().Be("0002_seed_thing.sql");
        (await DatabaseInspector.JournalAsync(folder.DatabasePath)).Should().Equal("0001_create_thing.sql");
        (await DatabaseInspector.ScalarAsync(folder.DatabasePath, "SELECT count(*) FROM thing;")).Should().Be(0);

        var result = await folder.Migrator([TestScripts.CreateThing, TestScripts.SeedThing]).MigrateAsync();

        result.Applied.Should().Equal("0002_seed_thing.sql");
        (await DatabaseInspector.JournalAsync(folder.DatabasePath)).Should().Equal("0001_create_thing.sql", "0002_seed_thing.sql");
        (await DatabaseInspector.ScalarAsync(folder.DatabasePath, "SELECT count(*) FROM thing;")).Should().Be(1);
    }

    [Fact]
    public async Task MigrateAsync_AppliesScripts_LogsOneInformationEntryPerScript()
    {
        await using var folder = ScratchFolder.Create();
        var logger = new RecordingLogger();

        await new BookDataMigrator(folder.Factory(), TestScripts.All, logger).MigrateAsync();

        var information = logger.Messages(LogLevel.Information);
        information.Should().HaveCount(3);
        information[0].Should().Contain("0001_create_thing.sql").And.Contain(folder.DatabasePath);
        information[1].Should().Contain("0002_seed_thing.sql");
        information[2].Should().Contain("0003_create_other.sql");
        logger.Entries.Should().NotContain(entry => entry.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task MigrateAsync_UpToDate_LogsNoInformationEntry()
    {
        await using var folder = ScratchFolder.Create();
        await folder.Migrator(TestScripts.All).MigrateAsync();
        var logger = new RecordingLogger();

        var result = await new BookDataMigrator(folder.Factory(), TestScripts.All, logger).MigrateAsync();

        result.Applied.Should().BeEmpty();
        logger.Entries.Should().NotContain(entry => entry.Level >= LogLevel.Information);
    }

    [Fact]
    public async Task GetStatusAsync_MissingFile_ReportsEverythingPendingAndCreatesNothing()
    {
        await using var folder = ScratchFolder.Create();

        var status = await folder.Migrator(TestScripts.All).GetStatusAsync();

        status.Applied.Should().BeEmpty();
        status.Pending.Should().Equal(TestScripts.Names(TestScripts.CreateThing, TestScripts.SeedThing, TestScripts.CreateOther));
        status.Changed.Should().BeEmpty();
        status.Unknown.Should().BeEmpty();
        folder.FileNames().Should().BeEmpty();
    }

    [Fact]
    public async Task GetStatusAsync_AfterAllConnectionsClosed_ReadsTheJournal()
    {
        await using var folder = ScratchFolder.Create();
        await folder.Migrator([TestScripts.CreateThing]).MigrateAsync();
        SqliteConnection.ClearAllPools();

        var status = await folder.Migrator(TestScripts.All).GetStatusAsync();

        status.Applied.Select(entry => entry.Name).Should().Equal("0001_create_thing.sql");
        status.Applied[0].Checksum.Should().Be(TestScripts.CreateThing.Checksum);
        status.Pending.Should().Equal("0002_seed_thing.sql", "0003_create_other.sql");
        status.IsUpToDate.Should().BeFalse();
    }

    [Fact]
    public async Task MigrateAsync_SharedInMemoryDatabase_AppliesEachScriptOnce()
    {
        var connectionString = $"Data Source=bookdata-memory-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        var factory = new BookDataConnectionFactory(new BookDataOptions { ConnectionString = connectionString });
        await using var keeper = await factory.OpenAsync();

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, 4)
            .Select(_ => Task.Run(async () =>
            {
                await start.Task;
                return await new BookDataMigrator(factory, TestScripts.All).MigrateAsync();
            }))
            .ToArray();
        start.SetResult();
        var results = await Task.WhenAll(racers);

        results.Sum(result => result.Applied.Count).Should().Be(3);
        results.Should().OnlyContain(result => result.BackupPath == null);
        (await CountAsync(keeper, "schema_version")).Should().Be(3);
        (await CountAsync(keeper, "thing")).Should().Be(1);
    }

    private static async Task<long> CountAsync(System.Data.Common.DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table};";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
