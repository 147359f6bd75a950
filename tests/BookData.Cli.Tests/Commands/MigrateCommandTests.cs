using BookData.Cli.Tests.Support;
using BookData.Migrations;

namespace BookData.Cli.Tests.Commands;

public sealed class MigrateCommandTests
{
    [Fact]
    public async Task Migrate_BackupOnPostgreSql_RefusedWithPgDumpHintBeforeConnecting()
    {
        var result = await CliRunner.RunAsync("migrate", "--backup", "--connection", "Host=127.0.0.1;Port=1;Database=catalog");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().StartWith("error: migrate --backup copies SQLite database files").And.Contain("pg_dump --host=127.0.0.1 --port=1");
    }

    [Fact]
    public async Task Migrate_NewDatabase_AppliesEveryScript()
    {
        await using var db = CliDatabase.CreateEmpty();

        var result = await CliRunner.RunAsync("migrate", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        foreach (var script in BookDataMigrator.ScriptNames)
        {
            result.Output.Should().Contain($"Applied {script}");
        }

        (await db.CountAsync("schema_version")).Should().Be(BookDataMigrator.ScriptNames.Count);
    }

    [Fact]
    public async Task Migrate_SecondRun_AppliesNothing()
    {
        await using var db = CliDatabase.CreateEmpty();
        await CliRunner.RunAsync("migrate", "--db", db.Path);

        var result = await CliRunner.RunAsync("migrate", "--json", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        Json.Parse(result.Output).GetProperty("applied").GetArrayLength().Should().Be(0);
        (await db.CountAsync("schema_version")).Should().Be(BookDataMigrator.ScriptNames.Count);
    }

    [Fact]
    public async Task MigrateStatus_NewDatabase_ListsEveryScriptAsPendingWithoutApplyingAny()
    {
        await using var db = CliDatabase.CreateEmpty();

        var result = await CliRunner.RunAsync("migrate", "--status", "--json", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        var status = Json.Parse(result.Output);
        status.GetProperty("applied").GetArrayLength().Should().Be(0);
        status.GetProperty("pending").EnumerateArray().Select(name => name.GetString()).Should().Equal(BookDataMigrator.ScriptNames);
        File.Exists(db.Path).Should().BeFalse();
    }

    [Fact]
    public async Task MigrateStatus_MigratedDatabase_ListsAppliedScriptsWithDate()
    {
        await using var db = CliDatabase.CreateEmpty();
        await CliRunner.RunAsync("migrate", "--db", db.Path);

        var json = await CliRunner.RunAsync("migrate", "--status", "--json", "--db", db.Path);
        var table = await CliRunner.RunAsync("migrate", "--status", "--db", db.Path);

        var applied = Json.Parse(json.Output).GetProperty("applied").EnumerateArray().ToArray();
        applied.Select(entry => entry.GetProperty("name").GetString()).Should().Equal(BookDataMigrator.ScriptNames);
        applied[0].GetProperty("appliedUtc").GetDateTimeOffset().Should().BeAfter(DateTimeOffset.UtcNow.AddHours(-1));
        Json.Parse(json.Output).GetProperty("pending").GetArrayLength().Should().Be(0);
        table.ExitCode.Should().Be(0);
        table.Lines.Should().Contain(line => line.Contains(BookDataMigrator.ScriptNames[0], StringComparison.Ordinal)
            && line.Contains("applied", StringComparison.Ordinal)
            && line.Contains(DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Migrate_FileThatIsNotADatabase_ExitsWithDatabaseErrorInOneLine()
    {
        await using var db = CliDatabase.CreateEmpty();
        await File.WriteAllTextAsync(db.Path, "this is a text file, not a SQLite database, and it is long enough to have a header.\n");

        var result = await CliRunner.RunAsync("migrate", "--db", db.Path);

        result.ExitCode.Should().Be(3);
        result.Error.Should().StartWith("error: ").And.Contain("not a SQLite database");
        result.Error.Trim().Split('\n').Should().ContainSingle();
        result.Error.Should().NotContain(" at BookData");
    }

    [Fact]
    public async Task Migrate_VerboseFailure_PrintsStackTrace()
    {
        await using var db = CliDatabase.CreateEmpty();
        await File.WriteAllTextAsync(db.Path, "this is a text file, not a SQLite database, and it is long enough to have a header.\n");

        var result = await CliRunner.RunAsync("migrate", "--verbose", "--db", db.Path);

        result.ExitCode.Should().Be(3);
        result.Error.Should().Contain("BookDataDatabaseException").And.Contain(" at ");
    }

    [Fact]
    public async Task MigrateStatus_ChangedScript_IsReportedAsDrift()
    {
        await using var db = CliDatabase.CreateEmpty();
        await CliRunner.RunAsync("migrate", "--db", db.Path);
        await using (var connection = await db.Factory.OpenAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE schema_version SET checksum = 'not-the-real-checksum';";
            await command.ExecuteNonQueryAsync();
        }

        var result = await CliRunner.RunAsync("migrate", "--status", "--json", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        Json.Parse(result.Output).GetProperty("changed").EnumerateArray().Select(name => name.GetString())
            .Should().Equal(BookDataMigrator.ScriptNames);
    }

    [Fact]
    public async Task Command_OnACatalogAtAnOlderVersion_SaysOnStandardErrorThatItUpgradedIt()
    {
        // The catalog as the version before the last script left it.
        await using var db = await CliDatabase.CreateWithSampleAtVersionAsync(BookDataMigrator.ScriptNames.Count - 1);
        var last = BookDataMigrator.ScriptNames[^1];

        var upgraded = await CliRunner.RunAsync("books", "--db", db.Path);
        var again = await CliRunner.RunAsync("books", "--db", db.Path);

        upgraded.ExitCode.Should().Be(0, upgraded.ToString());
        upgraded.Error.Should().Be(
            $"note: upgraded catalog '{db.Path}' to this version's schema first (applied {last}); older versions of bookdata can no longer open it." + Environment.NewLine);
        upgraded.Output.Should().Be(again.Output);
        again.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task Command_OnANewCatalog_SaysNothingOfTheSchemaItCreated()
    {
        await using var db = CliDatabase.CreateEmpty();

        var result = await CliRunner.RunAsync("books", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task Command_DatabaseWithChangedScript_ExitsWithDatabaseErrorNamingIt()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        await using (var connection = await db.Factory.OpenAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE schema_version SET checksum = 'not-the-real-checksum';";
            await command.ExecuteNonQueryAsync();
        }

        var result = await CliRunner.RunAsync("add-book", "--author", "A B", "--title", "T", "--publisher", "P", "--db", db.Path);

        result.ExitCode.Should().Be(3);
        result.Error.Should().Contain(BookDataMigrator.ScriptNames[0])
            .And.Contain("or run 'bookdata migrate --allow-changed' to accept it").And.NotContain("BookData:AllowChangedMigrations");
        (await db.CountAsync("book")).Should().Be(10);
    }
}
