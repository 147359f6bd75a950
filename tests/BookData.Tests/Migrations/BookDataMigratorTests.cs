using BookData.Migrations;
using BookData.Tests.Support;
using Microsoft.Extensions.Logging;

namespace BookData.Tests.Migrations;

/// <summary>
/// What the migrator does on every provider (one subclass per provider; the SQLite- and PostgreSQL-only cases
/// live in <see cref="SqliteBookDataMigratorTests"/> and <see cref="PostgreSqlBookDataMigratorTests"/>).
/// </summary>
public abstract class BookDataMigratorTests
{
    protected abstract BookDataProvider Provider { get; }

    /// <summary>The database's error for a statement on a table that does not exist, as the migration message quotes it.</summary>
    protected abstract string MissingTableError(string table);

    /// <summary>Closes every pooled connection of the provider's driver.</summary>
    protected abstract void ClearAllPools();

    [ProviderFact]
    public async Task MigrateAsync_FreshDatabase_AppliesEveryScriptInOrder()
    {
        await using var database = await TestDatabase.CreateEmptyAsync(Provider);

        var result = await new BookDataMigrator(database.Factory).MigrateAsync();

        result.Applied.Should().Equal(BookDataMigrator.ScriptNames);
        result.Applied.Should().StartWith("0001_create_catalog.sql");
        (await database.CountAsync("author")).Should().Be(0);
    }

    [ProviderFact]
    public async Task MigrateAsync_SecondRun_AppliesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);

        var result = await new BookDataMigrator(database.Factory).MigrateAsync();

        result.Applied.Should().BeEmpty();
        (await database.CountAsync("schema_version")).Should().Be(BookDataMigrator.ScriptNames.Count);
    }

    [ProviderFact]
    public async Task GetStatusAsync_BeforeAndAfterMigrating_ListsPendingThenApplied()
    {
        await using var database = await TestDatabase.CreateEmptyAsync(Provider);
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

    [ProviderFact]
    public async Task MigrateAsync_BrokenScript_NamesItAndKeepsEarlierScripts()
    {
        await using var database = await ScratchDatabase.CreateAsync(Provider);
        var scripts = new[]
        {
            new MigrationScript("0001_create_thing.sql", "CREATE TABLE thing (id integer PRIMARY KEY);"),
            new MigrationScript("0002_break_things.sql", "CREATE TABLE half (id integer); INSERT INTO no_such_table VALUES (1);"),
        };

        var act = () => database.Migrator(scripts).MigrateAsync();

        var error = (await act.Should().ThrowAsync<BookDataMigrationException>()).Which;
        error.ScriptName.Should().Be("0002_break_things.sql");
        error.Message.Should().Contain("0002_break_things.sql").And.Contain(MissingTableError("no_such_table"));
        var status = await database.Migrator(scripts).GetStatusAsync();
        status.Applied.Select(entry => entry.Name).Should().Equal("0001_create_thing.sql");
        (await database.Inspector.TablesAsync()).Should().NotContain("half");
        (await database.Inspector.ScalarAsync("SELECT count(*) FROM thing;")).Should().Be(0);
    }

    [ProviderFact]
    public async Task MigrateAsync_FailedScriptFixed_RerunAppliesOnlyTheFixedScript()
    {
        await using var database = await ScratchDatabase.CreateAsync(Provider);
        var scripts = database.Scripts;
        var broken = new MigrationScript("0002_seed_thing.sql", "INSERT INTO thing (name) VALUES ('first'); INSERT INTO no_such_table VALUES (1);");
        var failing = () => database.Migrator([scripts.CreateThing, broken]).MigrateAsync();
        (await failing.Should().ThrowAsync<BookDataMigrationException>()).Which.ScriptName.Should().Be("0002_seed_thing.sql");
        (await database.Inspector.JournalAsync()).Should().Equal("0001_create_thing.sql");
        (await database.Inspector.ScalarAsync("SELECT count(*) FROM thing;")).Should().Be(0);

        var result = await database.Migrator([scripts.CreateThing, scripts.SeedThing]).MigrateAsync();

        result.Applied.Should().Equal("0002_seed_thing.sql");
        (await database.Inspector.JournalAsync()).Should().Equal("0001_create_thing.sql", "0002_seed_thing.sql");
        (await database.Inspector.ScalarAsync("SELECT count(*) FROM thing;")).Should().Be(1);
    }

    [ProviderFact]
    public async Task MigrateAsync_AppliesScripts_LogsOneInformationEntryPerScript()
    {
        await using var database = await ScratchDatabase.CreateAsync(Provider);
        var logger = new RecordingLogger();

        await new BookDataMigrator(database.Factory(), database.Scripts.All, logger).MigrateAsync();

        var information = logger.Messages(LogLevel.Information);
        information.Should().HaveCount(3);
        information[0].Should().Contain("0001_create_thing.sql").And.Contain(database.DataSource);
        information[1].Should().Contain("0002_seed_thing.sql");
        information[2].Should().Contain("0003_create_other.sql");
        logger.Entries.Should().NotContain(entry => entry.Level >= LogLevel.Warning);
    }

    [ProviderFact]
    public async Task MigrateAsync_UpToDate_LogsNoInformationEntry()
    {
        await using var database = await ScratchDatabase.CreateAsync(Provider);
        await database.Migrator(database.Scripts.All).MigrateAsync();
        var logger = new RecordingLogger();

        var result = await new BookDataMigrator(database.Factory(), database.Scripts.All, logger).MigrateAsync();

        result.Applied.Should().BeEmpty();
        logger.Entries.Should().NotContain(entry => entry.Level >= LogLevel.Information);
    }

    [ProviderFact]
    public async Task GetStatusAsync_AfterAllConnectionsClosed_ReadsTheJournal()
    {
        await using var database = await ScratchDatabase.CreateAsync(Provider);
        var scripts = database.Scripts;
        await database.Migrator([scripts.CreateThing]).MigrateAsync();
        ClearAllPools();

        var status = await database.Migrator(scripts.All).GetStatusAsync();

        status.Applied.Select(entry => entry.Name).Should().Equal("0001_create_thing.sql");
        status.Applied[0].Checksum.Should().Be(scripts.CreateThing.Checksum);
        status.Pending.Should().Equal("0002_seed_thing.sql", "0003_create_other.sql");
        status.IsUpToDate.Should().BeFalse();
    }
}
