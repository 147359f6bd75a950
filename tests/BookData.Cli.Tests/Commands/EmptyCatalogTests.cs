using BookData.Cli.Tests.Support;

namespace BookData.Cli.Tests.Commands;

/// <summary>
/// <c>authors</c> and <c>report</c> on a catalog that holds nothing: not an error (exit 0), and the output says the
/// catalog is empty, where it is and how to fill it.
/// </summary>
public sealed class EmptyCatalogTests
{
    public static TheoryData<string[]> ReadingCommands => new()
    {
        new[] { "authors" },
        new[] { "report", "books-per-publisher" },
        new[] { "report", "authors-per-publisher" },
        new[] { "report", "books-per-author", "--order", "asc" },
    };

    [Theory]
    [MemberData(nameof(ReadingCommands))]
    public async Task Command_EmptyCatalog_SaysItIsEmptyWhereAndHowToFillIt(string[] command)
    {
        await using var db = CliDatabase.CreateEmpty();

        var result = await CliRunner.RunAsync([.. command, "--db", db.Path]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Error.Should().BeEmpty();
        result.Output.Should().Contain($"The catalog in '{db.Path}' is empty.")
            .And.Contain("bookdata import FILE")
            .And.Contain("bookdata demo");
        (await db.CountAsync("author")).Should().Be(0);
    }

    [Fact]
    public async Task Report_CatalogWithAuthorsButNoPublishers_PrintsTheEmptyTableNotTheEmptyCatalogMessage()
    {
        await using var db = CliDatabase.CreateEmpty();
        (await CliRunner.RunAsync("migrate", "--db", db.Path)).ExitCode.Should().Be(0);
        await using (var connection = await db.Factory.OpenAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO author (first_name, last_name) VALUES ('Ann', 'Leckie');";
            await command.ExecuteNonQueryAsync();
        }

        var result = await CliRunner.RunAsync("report", "books-per-publisher", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("Books per publisher").And.NotContain("is empty");
    }

    [Theory]
    [MemberData(nameof(ReadingCommands))]
    public async Task Command_EmptyCatalogJson_PrintsAnEmptyArrayOnly(string[] command)
    {
        await using var db = CliDatabase.CreateEmpty();

        var result = await CliRunner.RunAsync([.. command, "--json", "--db", db.Path]);

        result.ExitCode.Should().Be(0, result.ToString());
        Json.Parse(result.Output).GetArrayLength().Should().Be(0);
    }
}
