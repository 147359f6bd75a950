using BookData.Cli.Tests.Support;

namespace BookData.Cli.Tests.Commands;

/// <summary>What every command shares: the database location, usage errors, help.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Command_BookdataDbEnvironmentVariable_ChoosesDatabaseWhenNoDbOption()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var environment = new Dictionary<string, string?> { ["BOOKDATA_DB"] = db.Path };

        var result = await CliRunner.RunAsync(environment, localDataFolder: "", "report", "books-per-publisher", "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        Json.Parse(result.Output).GetArrayLength().Should().Be(4);
    }

    [Fact]
    public async Task Command_DbOption_WinsOverEnvironmentVariable()
    {
        await using var chosen = await CliDatabase.CreateWithSampleAsync();
        await using var other = CliDatabase.CreateEmpty();
        var environment = new Dictionary<string, string?> { ["BOOKDATA_DB"] = other.Path };

        var result = await CliRunner.RunAsync(environment, localDataFolder: "", "report", "books-per-publisher", "--json", "--db", chosen.Path);

        Json.Parse(result.Output).GetArrayLength().Should().Be(4);
        File.Exists(other.Path).Should().BeFalse();
    }

    [Fact]
    public async Task Command_NoDbOptionOrEnvironment_UsesBookdataFolderInLocalData()
    {
        var localData = Path.Combine(Path.GetTempPath(), $"bookdata-cli-local-{Guid.NewGuid():N}");
        try
        {
            var result = await CliRunner.RunAsync(
                new Dictionary<string, string?>(), localData, "add-book", "--author", "Ann Leckie", "--title", "Ancillary Justice", "--publisher", "Orbit");

            result.ExitCode.Should().Be(0, result.ToString());
            var expected = Path.Combine(localData, "bookdata", "bookdata.db");
            File.Exists(expected).Should().BeTrue();
            (await CliDatabase.CountAsync(expected, "book")).Should().Be(1);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(localData, recursive: true);
        }
    }

    [Fact]
    public async Task Command_Unknown_ExitsWithUsageError()
    {
        var result = await CliRunner.RunAsync("frobnicate");

        result.ExitCode.Should().Be(1);
        result.Error.Should().StartWith("error: ").And.Contain("frobnicate").And.Contain("bookdata --help");
        result.Output.Should().BeEmpty();
    }

    [Fact]
    public async Task Command_Unknown_PrintsOneErrorNamingIt()
    {
        var result = await CliRunner.RunAsync("foo");

        result.ExitCode.Should().Be(1);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Equal("error: unknown command 'foo' for 'bookdata'.", "Run 'bookdata --help' for usage.");
        result.Error.Should().NotContain("Required command");
    }

    [Fact]
    public async Task Command_UnknownAfterOption_PrintsOneErrorNamingIt()
    {
        var result = await CliRunner.RunAsync("--verbose", "frobnicate", "--json");

        result.ExitCode.Should().Be(1);
        result.Error.Should().StartWith("error: unknown command 'frobnicate' for 'bookdata'.").And.NotContain("Required command");
    }

    [Fact]
    public async Task Command_None_PrintsHelpAndExitsWithUsageCode()
    {
        var result = await CliRunner.RunAsync();

        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain("Usage:").And.Contain("Commands:").And.Contain("Exit codes:");
        result.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task Command_UnknownOption_ExitsWithUsageError()
    {
        var result = await CliRunner.RunAsync("authors", "--colour");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("--colour");
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("migrate")]
    [InlineData("import")]
    [InlineData("export")]
    [InlineData("report")]
    [InlineData("authors")]
    [InlineData("add-book")]
    [InlineData("sql")]
    [InlineData("backup")]
    public async Task Help_EveryCommand_ShowsAnExampleAndTheDbOption(string command)
    {
        var result = await CliRunner.RunAsync(command, "--help");

        result.ExitCode.Should().Be(0);
        result.Output.Should().Contain($"Example: bookdata {command}").And.Contain("--db");
    }
}
