using BookData.Cli.Tests.Support;

namespace BookData.Cli.Tests.Commands;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_DbOption_LeavesOnlyTheDatabaseAndNoLockFile()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"bookdata-cli-demo-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var database = Path.Combine(folder, "demo.db");

            var result = await CliRunner.RunAsync("demo", "--db", database);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

            result.ExitCode.Should().Be(0, result.ToString());
            File.Exists(database + ".migrate.lock").Should().BeFalse();
            Directory.GetFiles(folder).Select(Path.GetFileName).Should().Equal("demo.db");
            (await CliDatabase.CountAsync(database, "book")).Should().Be(11);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Demo_NoArguments_PrintsTutorialFiguresInATempDatabase()
    {
        var result = await CliRunner.RunAsync("demo");
        await using var db = CliDatabase.Existing(DemoDatabasePath(result));

        result.ExitCode.Should().Be(0, result.ToString());
        db.Path.Should().StartWith(Path.GetTempPath());
        result.Output.Should().Contain("12 rows read; added 7 authors, 10 books, 4 publishers, 12 book–publisher links.");
        result.Output.Should().Contain("7 authors, 10 books, 4 publishers, 12 book–publisher links and 10 author–publisher pairs");
        result.Output.Should().Contain("7 authors, 11 books, 4 publishers, 13 book–publisher links and 10 author–publisher pairs");
        result.Output.Should().Contain("Added \"The Stand\" by Stephen King, published by Random House.");
        (await db.CountAsync("book")).Should().Be(11);
    }

    [Fact]
    public async Task Demo_Reports_ListPublishersInDescendingOrderWithTutorialCounts()
    {
        var result = await CliRunner.RunAsync("demo");
        await using var db = CliDatabase.Existing(DemoDatabasePath(result));

        var lines = result.Lines.ToList();
        var books = lines.FindIndex(line => line.Contains("Books per publisher", StringComparison.Ordinal));
        var authors = lines.FindIndex(line => line.Contains("Authors per publisher", StringComparison.Ordinal));
        books.Should().BeGreaterThan(0);
        authors.Should().BeGreaterThan(books);
        var booksTable = lines.Skip(books).Take(authors - books).Where(line => line.StartsWith("│ ", StringComparison.Ordinal)).Skip(1).ToArray();
        booksTable.Should().HaveCount(4);
        booksTable[0].Should().MatchRegex(@"│ Random House\s+│\s+4 │");
        booksTable[1].Should().MatchRegex(@"│ Simon & Schuster\s+│\s+4 │");
        booksTable[2].Should().MatchRegex(@"│ Berkley\s+│\s+2 │");
        booksTable[3].Should().MatchRegex(@"│ Penguin Random House\s+│\s+2 │");
        var authorsTable = lines.Skip(authors).Where(line => line.StartsWith("│ ", StringComparison.Ordinal)).Skip(1).Take(4).ToArray();
        authorsTable[0].Should().MatchRegex(@"│ Simon & Schuster\s+│\s+4 │");
        authorsTable[1].Should().MatchRegex(@"│ Random House\s+│\s+3 │");
        authorsTable[2].Should().MatchRegex(@"│ Berkley\s+│\s+2 │");
        authorsTable[3].Should().MatchRegex(@"│ Penguin Random House\s+│\s+1 │");
    }

    [Fact]
    public async Task Demo_SecondTree_ShowsTheStandUnderStephenKingOnly()
    {
        var result = await CliRunner.RunAsync("demo");
        await using var db = CliDatabase.Existing(DemoDatabasePath(result));

        var lines = result.Lines.ToList();
        var adding = lines.FindIndex(line => line.StartsWith("Adding \"The Stand\"", StringComparison.Ordinal));
        lines.Take(adding).Should().NotContain(line => line.EndsWith("The Stand", StringComparison.Ordinal));
        var after = lines.Skip(adding).ToList();
        var king = after.FindIndex(line => line.EndsWith("Stephen King", StringComparison.Ordinal));
        var nextAuthor = after.FindIndex(king + 1, line => line.EndsWith("John Le Carre", StringComparison.Ordinal));
        var stand = after.FindIndex(line => line.EndsWith("The Stand", StringComparison.Ordinal));
        stand.Should().BeGreaterThan(king).And.BeLessThan(nextAuthor);
        after[stand + 1].Should().EndWith("Random House");
    }

    [Fact]
    public async Task Demo_DbOptionWithNewFile_BuildsTheCatalogThere()
    {
        await using var db = CliDatabase.CreateEmpty();

        var result = await CliRunner.RunAsync("demo", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain(db.Path);
        (await db.CountAsync("book")).Should().Be(11);
        (await db.CountAsync("book_publisher")).Should().Be(13);
    }

    [Fact]
    public async Task Demo_DbOptionWithExistingCatalog_RefusesAndLeavesItAlone()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("demo", "--db", db.Path);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("already exists");
        (await db.CountAsync("book")).Should().Be(10);
    }

    [Fact]
    public async Task Demo_BookdataDbSet_IsNotUsed()
    {
        await using var untouched = CliDatabase.CreateEmpty();
        var environment = new Dictionary<string, string?> { ["BOOKDATA_DB"] = untouched.Path };

        var result = await CliRunner.RunAsync(environment, localDataFolder: "", "demo");
        await using var db = CliDatabase.Existing(DemoDatabasePath(result));

        result.ExitCode.Should().Be(0, result.ToString());
        db.Path.Should().NotBe(untouched.Path);
        File.Exists(untouched.Path).Should().BeFalse();
    }

    [Fact]
    public async Task Demo_AsProcessWithoutArguments_ExitsZeroWithTutorialFigures()
    {
        var result = await ToolProcess.RunAsync(null, "demo");
        await using var db = CliDatabase.Existing(DemoDatabasePath(result));

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("Added \"The Stand\" by Stephen King, published by Random House.")
            .And.Contain("11 books, 4 publishers, 13 book–publisher links");
        result.Error.Should().BeEmpty();
    }

    /// <summary>The demo names its database on its first line: "BookData demo: a fresh catalog in PATH".</summary>
    private static string DemoDatabasePath(CliResult result)
    {
        const string prefix = "BookData demo: a fresh catalog in ";
        var first = result.Lines[0];
        first.Should().StartWith(prefix, result.ToString());
        return first[prefix.Length..];
    }
}
