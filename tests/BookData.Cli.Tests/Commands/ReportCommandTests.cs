using BookData.Cli.Tests.Support;

namespace BookData.Cli.Tests.Commands;

public sealed class ReportCommandTests
{
    [Fact]
    public async Task Report_BooksPerPublisherJson_GivesTutorialFiguresWithDesignKeys()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("report", "books-per-publisher", "--json", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        var rows = Json.Parse(result.Output).EnumerateArray().ToArray();
        rows.Should().AllSatisfy(row => Json.Keys(row).Should().Equal("publisher", "totalBooks"));
        rows.Select(row => (row.GetProperty("publisher").GetString(), row.GetProperty("totalBooks").GetInt64()))
            .Should().Equal(("Random House", 4L), ("Simon & Schuster", 4L), ("Berkley", 2L), ("Penguin Random House", 2L));
    }

    [Fact]
    public async Task Report_AuthorsPerPublisherJson_GivesTutorialFiguresWithDesignKeys()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("report", "authors-per-publisher", "--json", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        var rows = Json.Parse(result.Output).EnumerateArray().ToArray();
        rows.Should().AllSatisfy(row => Json.Keys(row).Should().Equal("publisher", "totalAuthors"));
        rows.Select(row => (row.GetProperty("publisher").GetString(), row.GetProperty("totalAuthors").GetInt64()))
            .Should().Equal(("Simon & Schuster", 4L), ("Random House", 3L), ("Berkley", 2L), ("Penguin Random House", 1L));
    }

    [Fact]
    public async Task Report_BooksPerAuthorJson_GivesFullNamesAndCounts()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("report", "books-per-author", "--json", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        var rows = Json.Parse(result.Output).EnumerateArray().ToArray();
        rows.Should().AllSatisfy(row => Json.Keys(row).Should().Equal("author", "totalBooks"));
        rows.Select(row => (row.GetProperty("author").GetString(), row.GetProperty("totalBooks").GetInt64()))
            .Should().Equal(
                ("Stephen King", 3L),
                ("Tom Clancy", 2L),
                ("Isaac Asimov", 1L),
                ("Pearl Buck", 1L),
                ("John Le Carre", 1L),
                ("Alex Michaelides", 1L),
                ("Carol Shaben", 1L));
    }

    [Fact]
    public async Task Report_OrderAsc_SortsCountsAscendingWithTiesByName()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("report", "books-per-publisher", "--order", "asc", "--json", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        Json.Parse(result.Output).EnumerateArray().Select(row => row.GetProperty("publisher").GetString())
            .Should().Equal("Berkley", "Penguin Random House", "Random House", "Simon & Schuster");
    }

    [Fact]
    public async Task Report_WithoutJson_PrintsTableRowsWithCounts()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("report", "books-per-publisher", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("Books per publisher");
        var rows = result.Lines.Where(line => line.Contains("Random House", StringComparison.Ordinal)
            || line.Contains("Simon & Schuster", StringComparison.Ordinal)
            || line.Contains("Berkley", StringComparison.Ordinal)).ToArray();
        rows.Should().HaveCount(4);
        rows[0].Should().MatchRegex(@"Random House\s+│\s+4");
        rows[1].Should().MatchRegex(@"Simon & Schuster\s+│\s+4");
        rows[2].Should().MatchRegex(@"Berkley\s+│\s+2");
        rows[3].Should().MatchRegex(@"Penguin Random House\s+│\s+2");
    }

    [Fact]
    public async Task Report_UnknownReportName_ExitsWithUsageError()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("report", "books-per-planet", "--db", db.Path);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("books-per-planet");
        result.Output.Should().NotContain("Random House");
    }

    [Fact]
    public async Task Report_UnknownOrder_ExitsWithUsageError()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("report", "books-per-author", "--order", "sideways", "--db", db.Path);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("sideways");
    }

    [Theory]
    [InlineData("books-per-publisher")]
    [InlineData("authors-per-publisher")]
    [InlineData("books-per-author")]
    public async Task Report_NewDatabaseFile_MigratesItFirstAndPrintsEmptyArray(string report)
    {
        await using var db = CliDatabase.CreateEmpty();

        var result = await CliRunner.RunAsync("report", report, "--json", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        Json.Parse(result.Output).GetArrayLength().Should().Be(0);
        (await db.CountAsync("schema_version")).Should().BeGreaterThan(0);
    }
}
