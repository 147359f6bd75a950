using BookData.Migrations;
using Microsoft.Extensions.Logging;

namespace BookData.Tests.Migrations;

public sealed class MigrationDriftTests
{
    private static readonly MigrationScript ChangedCreateThing = new(
        "0001_create_thing.sql",
        "CREATE TABLE thing (thing_id INTEGER PRIMARY KEY, name TEXT NOT NULL, extra TEXT) STRICT;\n");

    [Fact]
    public async Task MigrateAsync_AppliedScriptChanged_ThrowsNamingScriptAndAppliesNothing()
    {
        await using var folder = ScratchFolder.Create();
        await folder.Migrator([TestScripts.CreateThing]).MigrateAsync();

        var act = () => folder.Migrator([ChangedCreateThing, TestScripts.SeedThing]).MigrateAsync();

        var error = (await act.Should().ThrowAsync<BookDataMigrationException>()).Which;
        error.ScriptName.Should().Be("0001_create_thing.sql");
        error.Message.Should().Contain("'0001_create_thing.sql' was changed after it was applied").And.Contain("AllowChangedMigrations");
        (await DatabaseInspector.JournalAsync(folder.DatabasePath)).Should().Equal("0001_create_thing.sql");
        (await DatabaseInspector.ScalarAsync(folder.DatabasePath, "SELECT count(*) FROM thing;")).Should().Be(0);
    }

    [Fact]
    public async Task MigrateAsync_AppliedScriptChangedAndNothingPending_Throws()
    {
        await using var folder = ScratchFolder.Create();
        await folder.Migrator([TestScripts.CreateThing]).MigrateAsync();

        var act = () => folder.Migrator([ChangedCreateThing]).MigrateAsync();

        (await act.Should().ThrowAsync<BookDataMigrationException>()).Which.ScriptName.Should().Be("0001_create_thing.sql");
        (await DatabaseInspector.ChecksumAsync(folder.DatabasePath, "0001_create_thing.sql")).Should().Be(TestScripts.CreateThing.Checksum);
    }

    [Fact]
    public async Task MigrateAsync_ChangedScriptAccepted_WarnsAndAppliesPendingScripts()
    {
        await using var folder = ScratchFolder.Create();
        await folder.Migrator([TestScripts.CreateThing]).MigrateAsync();
        var logger = new RecordingLogger();
        var factory = folder.Factory(options => options.AllowChangedMigrations = true);

        var result = await new BookDataMigrator(factory, [ChangedCreateThing, TestScripts.SeedThing], logger).MigrateAsync();

        result.Applied.Should().Equal("0002_seed_thing.sql");
        logger.Messages(LogLevel.Warning).Should().ContainSingle().Which.Should().Contain("0001_create_thing.sql");
        (await DatabaseInspector.JournalAsync(folder.DatabasePath)).Should().Equal("0001_create_thing.sql", "0002_seed_thing.sql");
        (await DatabaseInspector.ChecksumAsync(folder.DatabasePath, "0001_create_thing.sql")).Should().Be(TestScripts.CreateThing.Checksum);
        (await DatabaseInspector.ScalarAsync(folder.DatabasePath, "SELECT count(*) FROM thing;")).Should().Be(1);
    }

    [Fact]
    public async Task MigrateAsync_OnlyLineEndingsChanged_IsNotDrift()
    {
        await using var folder = ScratchFolder.Create();
        await folder.Migrator([TestScripts.CreateThing]).MigrateAsync();
        var crlf = new MigrationScript(
            TestScripts.CreateThing.Name,
            TestScripts.CreateThing.Contents.Replace("\n", "\r\n", StringComparison.Ordinal));

        var result = await folder.Migrator([crlf, TestScripts.SeedThing]).MigrateAsync();

        result.Applied.Should().Equal("0002_seed_thing.sql");
    }

    [Fact]
    public async Task MigrateAsync_EmbeddedScriptChecksumTampered_ThrowsNamingScript()
    {
        await using var folder = ScratchFolder.Create();
        await new BookDataMigrator(folder.Factory()).MigrateAsync();
        await DatabaseInspector.ExecuteAsync(
            folder.DatabasePath,
            "UPDATE schema_version SET checksum = 'feedface' WHERE script_name = '0001_create_catalog.sql';");

        var act = () => new BookDataMigrator(folder.Factory()).MigrateAsync();

        var error = (await act.Should().ThrowAsync<BookDataMigrationException>()).Which;
        error.ScriptName.Should().Be("0001_create_catalog.sql");
        error.Message.Should().Contain("0001_create_catalog.sql").And.Contain(folder.DatabasePath);
    }

    [Fact]
    public async Task MigrateAsync_JournalListsUnknownScript_ThrowsNewerVersionAndAppliesNothing()
    {
        await using var folder = ScratchFolder.Create();
        await folder.Migrator([TestScripts.CreateThing, TestScripts.SeedThing]).MigrateAsync();

        var act = () => folder.Migrator([TestScripts.CreateThing, TestScripts.CreateOther]).MigrateAsync();

        var error = (await act.Should().ThrowAsync<BookDataMigrationException>()).Which;
        error.ScriptName.Should().Be("0002_seed_thing.sql");
        error.Message.Should().Contain("migrated by a newer version of BookData: unknown script 0002_seed_thing.sql");
        (await DatabaseInspector.JournalAsync(folder.DatabasePath)).Should().Equal("0001_create_thing.sql", "0002_seed_thing.sql");
        (await DatabaseInspector.TablesAsync(folder.DatabasePath)).Should().NotContain("other");
    }

    [Fact]
    public async Task MigrateAsync_JournalListsUnknownScriptEvenWhenChangesAllowed_Throws()
    {
        await using var folder = ScratchFolder.Create();
        await folder.Migrator([TestScripts.CreateThing, TestScripts.SeedThing]).MigrateAsync();

        var act = () => folder.Migrator([TestScripts.CreateThing], options => options.AllowChangedMigrations = true).MigrateAsync();

        (await act.Should().ThrowAsync<BookDataMigrationException>()).Which.ScriptName.Should().Be("0002_seed_thing.sql");
    }

    [Fact]
    public async Task GetStatusAsync_ChangedAndUnknownScripts_ListsThemWithoutThrowing()
    {
        await using var folder = ScratchFolder.Create();
        await folder.Migrator([TestScripts.CreateThing, TestScripts.SeedThing]).MigrateAsync();

        var status = await folder.Migrator([ChangedCreateThing, TestScripts.CreateOther]).GetStatusAsync();

        status.Applied.Select(entry => entry.Name).Should().Equal("0001_create_thing.sql", "0002_seed_thing.sql");
        status.Pending.Should().Equal("0003_create_other.sql");
        status.Changed.Should().Equal("0001_create_thing.sql");
        status.Unknown.Should().Equal("0002_seed_thing.sql");
    }
}
