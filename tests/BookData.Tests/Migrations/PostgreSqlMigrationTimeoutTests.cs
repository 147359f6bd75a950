using BookData.Migrations;
using BookData.Tests.Support;

namespace BookData.Tests.Migrations;

/// <summary>
/// <see cref="BookDataOptions.MigrationTimeout"/> on a real PostgreSQL server: it bounds each script statement, and
/// nothing else (Npgsql's default 30-second command timeout used to fail any script statement that ran longer).
/// </summary>
[RequiresPostgreSql]
public sealed class PostgreSqlMigrationTimeoutTests
{
    private const BookDataProvider Provider = BookDataProvider.PostgreSql;

    /// <summary>Creates table <c>slow</c>, then sleeps for <paramref name="seconds"/>.</summary>
    private static MigrationScript SlowScript(int seconds) =>
        new("0002_slow.sql", $"CREATE TABLE slow (slow_id bigint PRIMARY KEY);\nSELECT pg_sleep({seconds});\n");

    [ProviderFact]
    public async Task MigrateAsync_ScriptRunsLongerThanMigrationTimeout_ThrowsNamingScriptAndTimeoutAndRollsTheScriptBack()
    {
        await using var database = await ScratchDatabase.CreateAsync(Provider);
        var scripts = new[] { database.Scripts.CreateThing, SlowScript(10), database.Scripts.CreateOther };
        var migrator = database.Migrator(scripts, options => options.MigrationTimeout = TimeSpan.FromSeconds(2));

        var act = () => migrator.MigrateAsync();

        var error = (await act.Should().ThrowAsync<BookDataMigrationException>()).Which;
        error.ScriptName.Should().Be("0002_slow.sql");
        error.Message.Should().StartWith(
            $"Migration script '0002_slow.sql' ran longer than the migration timeout (2 s, BookData:MigrationTimeout) on database '{database.DataSource}' and was cancelled");
        (await database.Inspector.JournalAsync()).Should().Equal(database.Scripts.CreateThing.Name);
        (await database.Inspector.TablesAsync()).Should().Contain("thing").And.NotContain("slow").And.NotContain("other");
    }

    /// <summary>Takes 31 seconds: nothing cuts a script statement at Npgsql's default of 30.</summary>
    [ProviderFact]
    public async Task MigrateAsync_ScriptLongerThanThirtySecondsWithinMigrationTimeout_AppliesIt()
    {
        await using var database = await ScratchDatabase.CreateAsync(Provider);
        var scripts = new[] { database.Scripts.CreateThing, SlowScript(31) };

        var result = await database.Migrator(scripts, options => options.MigrationTimeout = TimeSpan.FromSeconds(60)).MigrateAsync();

        result.Applied.Should().Equal(database.Scripts.CreateThing.Name, "0002_slow.sql");
        (await database.Inspector.JournalAsync()).Should().Equal(database.Scripts.CreateThing.Name, "0002_slow.sql");
        (await database.Inspector.TablesAsync()).Should().Contain("slow");
    }
}
