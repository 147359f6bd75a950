using BookData.Migrations;
using BookData.Tests.Support;
using Microsoft.Extensions.Logging;

namespace BookData.Tests.Migrations;

/// <summary>Applied scripts changed since (drift) and journaled scripts this library does not carry, on every provider.</summary>
public abstract class MigrationDriftTests
{
    protected abstract BookDataProvider Provider { get; }

    [ProviderFact]
    public async Task MigrateAsync_AppliedScriptChanged_ThrowsNamingScriptAndAppliesNothing()
    {
        await using var database = await ScratchDatabase.CreateAsync(Provider);
        var scripts = database.Scripts;
        await database.Migrator([scripts.CreateThing]).MigrateAsync();

        var act = () => database.Migrator([scripts.ChangedCreateThing, scripts.SeedThing]).MigrateAsync();

        var error = (await act.Should().ThrowAsync<BookDataMigrationException>()).Which;
        error.ScriptName.Should().Be("0001_create_thing.sql");
        error.Message.Should().Contain("'0001_create_thing.sql' was changed after it was applied").And.Contain("AllowChangedMigrations");
        (await database.Inspector.JournalAsync()).Should().Equal("0001_create_thing.sql");
        (await database.Inspector.ScalarAsync("SELECT count(*) FROM thing;")).Should().Be(0);
    }

    [ProviderFact]
    public async Task MigrateAsync_AppliedScriptChangedAndNothingPending_Throws()
    {
        await using var database = await ScratchDatabase.CreateAsync(Provider);
        var scripts = database.Scripts;
        await database.Migrator([scripts.CreateThing]).MigrateAsync();

        var act = () => database.Migrator([scripts.ChangedCreateThing]).MigrateAsync();

        (await act.Should().ThrowAsync<BookDataMigrationException>()).Which.ScriptName.Should().Be("0001_create_thing.sql");
        (await database.Inspector.ChecksumAsync("0001_create_thing.sql")).Should().Be(scripts.CreateThing.Checksum);
    }

    [ProviderFact]
    public async Task MigrateAsync_ChangedScriptAccepted_WarnsAndAppliesPendingScripts()
    {
        await using var database = await ScratchDatabase.CreateAsync(Provider);
        var scripts = database.Scripts;
        await database.Migrator([scripts.CreateThing]).MigrateAsync();
        var logger = new RecordingLogger();
        var factory = database.Factory(options => options.AllowChangedMigrations = true);

        var result = await new BookDataMigrator(factory, [scripts.ChangedCreateThing, scripts.SeedThing], logger).MigrateAsync();

        result.Applied.Should().Equal("0002_seed_thing.sql");
        logger.Messages(LogLevel.Warning).Should().ContainSingle().Which.Should().Contain("0001_create_thing.sql");
        (await database.Inspector.JournalAsync()).Should().Equal("0001_create_thing.sql", "0002_seed_thing.sql");
        (await database.Inspector.ChecksumAsync("0001_create_thing.sql")).Should().Be(scripts.CreateThing.Checksum);
        (await database.Inspector.ScalarAsync("SELECT count(*) FROM thing;")).Should().Be(1);
    }

    [ProviderFact]
    public async Task MigrateAsync_OnlyLineEndingsChanged_IsNotDrift()
    {
        await using var database = await ScratchDatabase.CreateAsync(Provider);
        var scripts = database.Scripts;
        await database.Migrator([scripts.CreateThing]).MigrateAsync();
        var crlf = new MigrationScript(
            scripts.CreateThing.Name,
            scripts.CreateThing.Contents.Replace("\n", "\r\n", StringComparison.Ordinal));

        var result = await database.Migrator([crlf, scripts.SeedThing]).MigrateAsync();

        result.Applied.Should().Equal("0002_seed_thing.sql");
    }

    [ProviderFact]
    public async Task MigrateAsync_EmbeddedScriptChecksumTampered_ThrowsNamingScript()
    {
        await using var database = await ScratchDatabase.CreateAsync(Provider);
        await new BookDataMigrator(database.Factory()).MigrateAsync();
        await database.Inspector.ExecuteAsync(
            "UPDATE schema_version SET checksum = 'feedface' WHERE script_name = '0001_create_catalog.sql';");

        var act = () => new BookDataMigrator(database.Factory()).MigrateAsync();

        var error = (await act.Should().ThrowAsync<BookDataMigrationException>()).Which;
        error.ScriptName.Should().Be("0001_create_catalog.sql");
        error.Message.Should().Contain("0001_create_catalog.sql").And.Contain(database.DataSource);
    }

    [ProviderFact]
    public async Task MigrateAsync_JournalListsUnknownScript_ThrowsNewerVersionAndAppliesNothing()
    {
        await using var database = await ScratchDatabase.CreateAsync(Provider);
        var scripts = database.Scripts;
        await database.Migrator([scripts.CreateThing, scripts.SeedThing]).MigrateAsync();

        var act = () => database.Migrator([scripts.CreateThing, scripts.CreateOther]).MigrateAsync();

        var error = (await act.Should().ThrowAsync<BookDataMigrationException>()).Which;
        error.ScriptName.Should().Be("0002_seed_thing.sql");
        error.Message.Should().Contain("migrated by a newer version of BookData: unknown script 0002_seed_thing.sql");
        (await database.Inspector.JournalAsync()).Should().Equal("0001_create_thing.sql", "0002_seed_thing.sql");
        (await database.Inspector.TablesAsync()).Should().NotContain("other");
    }

    [ProviderFact]
    public async Task MigrateAsync_JournalListsUnknownScriptEvenWhenChangesAllowed_Throws()
    {
        await using var database = await ScratchDatabase.CreateAsync(Provider);
        var scripts = database.Scripts;
        await database.Migrator([scripts.CreateThing, scripts.SeedThing]).MigrateAsync();

        var act = () => database.Migrator([scripts.CreateThing], options => options.AllowChangedMigrations = true).MigrateAsync();

        (await act.Should().ThrowAsync<BookDataMigrationException>()).Which.ScriptName.Should().Be("0002_seed_thing.sql");
    }

    [ProviderFact]
    public async Task GetStatusAsync_ChangedAndUnknownScripts_ListsThemWithoutThrowing()
    {
        await using var database = await ScratchDatabase.CreateAsync(Provider);
        var scripts = database.Scripts;
        await database.Migrator([scripts.CreateThing, scripts.SeedThing]).MigrateAsync();

        var status = await database.Migrator([scripts.ChangedCreateThing, scripts.CreateOther]).GetStatusAsync();

        status.Applied.Select(entry => entry.Name).Should().Equal("0001_create_thing.sql", "0002_seed_thing.sql");
        status.Pending.Should().Equal("0003_create_other.sql");
        status.Changed.Should().Equal("0001_create_thing.sql");
        status.Unknown.Should().Equal("0002_seed_thing.sql");
    }
}
