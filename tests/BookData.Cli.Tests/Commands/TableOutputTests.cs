using BookData.Cli.Tests.Support;

namespace BookData.Cli.Tests.Commands;

/// <summary>Tables and trees on standard output have no spaces at the end of any line, titles included.</summary>
public sealed class TableOutputTests
{
    public static TheoryData<string[]> TableCommands => new()
    {
        new[] { "report", "books-per-publisher" },
        new[] { "report", "authors-per-publisher" },
        new[] { "report", "books-per-author" },
        new[] { "authors" },
        new[] { "migrate", "--status" },
        new[] { "sql", "SELECT first_name, last_name FROM author" },
    };

    [Theory]
    [MemberData(nameof(TableCommands))]
    public async Task Command_Table_HasNoTrailingSpacesOnAnyLine(string[] command)
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync([.. command, "--db", db.Path]);

        result.ExitCode.Should().Be(0, result.ToString());
        var lines = result.Output.Split('\n');
        lines.Should().HaveCountGreaterThan(3);
        lines.Where(line => line.EndsWith(' ') || line.EndsWith('\t')).Should().BeEmpty();
        lines.Should().Contain(line => line.Contains('│') || line.Contains('├') || line.Contains('└'), "a table or tree was printed");
    }

    [Fact]
    public async Task Demo_Tables_HaveNoTrailingSpacesOnAnyLine()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"bookdata-cli-demo-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var result = await CliRunner.RunAsync("demo", "--db", Path.Combine(folder, "demo.db"));

            result.ExitCode.Should().Be(0, result.ToString());
            result.Output.Split('\n').Where(line => line.EndsWith(' ')).Should().BeEmpty();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
