using BookData.Migrations;
using BookData.Tests.Support;

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
}
