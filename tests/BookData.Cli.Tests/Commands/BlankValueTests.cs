using BookData.Cli.Tests.Support;

namespace BookData.Cli.Tests.Commands;

/// <summary>
/// An option or argument given with an empty or white-space value is a usage error on every command, never the same
/// as leaving it out; an environment variable set to an empty value counts as unset.
/// </summary>
public sealed class BlankValueTests
{
    public static TheoryData<string[], string> BlankValues() => new()
    {
        { ["add-book", "--author", "Stephen King", "--title", "The Stand", "--publisher", "Random House", "--db", ""], "--db is empty" },
        { ["add-book", "--author", "Stephen King", "--title", "The Stand", "--publisher", "Random House", "--db", "  "], "--db is empty" },
        { ["--db", "", "authors"], "--db is empty" },
        { ["authors", "--connection", ""], "--connection is empty" },
        { ["migrate", "--connection", " \t"], "--connection is empty" },
        { ["report", "books-per-author", "--db", ""], "--db is empty" },
        { ["import", "", "--db", "{db}"], "The FILE argument is empty" },
        { ["export", " ", "--db", "{db}"], "The FILE argument is empty" },
        { ["backup", "", "--db", "{db}"], "The FILE argument is empty" },
        { ["sql", "", "--db", "{db}"], "The QUERY argument is empty" },
        { ["demo", "--db", ""], "--db is empty" },
        { ["add-book", "--author", "", "--title", "The Stand", "--publisher", "Random House", "--db", "{db}"], "--author is empty" },
        { ["add-book", "--author", "Stephen King", "--title", " ", "--publisher", "Random House", "--db", "{db}"], "--title is empty" },
        { ["add-book", "--author", "Stephen King", "--title", "The Stand", "--publisher", "", "--db", "{db}"], "--publisher is empty" },
    };

    [Theory]
    [MemberData(nameof(BlankValues))]
    public async Task Command_BlankValue_ExitsWithUsageErrorAndWritesNothing(string[] args, string message)
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var dataFolder = db.SiblingPath("-data");
        Directory.CreateDirectory(dataFolder);
        var environment = new Dictionary<string, string?> { ["BOOKDATA_DB"] = db.Path };
        var books = await db.CountAsync("book");
        var links = await db.CountAsync("book_publisher");

        var result = await CliRunner.RunAsync(
            environment, dataFolder, args.Select(arg => arg == "{db}" ? db.Path : arg).ToArray());

        try
        {
            result.ExitCode.Should().Be(1, result.ToString());
            result.Error.Should().StartWith($"error: {message}; give it a value").And.NotContain("\n  at ");
            result.Error.TrimEnd().Should().NotContain("\n");
            result.Output.Should().BeEmpty();
            Directory.GetFileSystemEntries(dataFolder).Should().BeEmpty("the default database must not be created");
            (await db.CountAsync("book")).Should().Be(books);
            (await db.CountAsync("book_publisher")).Should().Be(links);
        }
        finally
        {
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    [Fact]
    public async Task AddBook_DbFromAnUnsetShellVariable_AsAProcess_ExitsWithUsageErrorAndLeavesTheDefaultDatabaseUncreated()
    {
        await using var db = CliDatabase.CreateEmpty();
        var dataHome = db.SiblingPath("-xdg");
        Directory.CreateDirectory(dataHome);
        try
        {
            var result = await ToolProcess.RunAsync(
                null,
                new Dictionary<string, string> { ["XDG_DATA_HOME"] = dataHome },
                "add-book", "--author", "Stephen King", "--title", "The Stand", "--publisher", "Random House", "--db", "");

            result.ExitCode.Should().Be(1, result.ToString());
            result.Error.Should().Be("error: --db is empty; give it a value or leave --db out." + Environment.NewLine);
            Directory.GetFileSystemEntries(dataHome).Should().BeEmpty();
        }
        finally
        {
            Directory.Delete(dataHome, recursive: true);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Command_EmptyEnvironmentVariables_CountAsUnset(string empty)
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var environment = new Dictionary<string, string?>
        {
            ["BOOKDATA_DB"] = db.Path,
            ["BOOKDATA_CONNECTION"] = empty,
            ["BOOKDATA_BUSY_TIMEOUT"] = empty,
        };

        var result = await CliRunner.RunAsync(environment, localDataFolder: "", "report", "books-per-author", "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("Stephen King");
    }

    [Fact]
    public async Task Command_EmptyBookdataDb_UsesTheDefaultDatabase()
    {
        await using var db = CliDatabase.CreateEmpty();
        var dataFolder = db.SiblingPath("-data");
        Directory.CreateDirectory(dataFolder);
        try
        {
            var environment = new Dictionary<string, string?> { ["BOOKDATA_DB"] = "" };

            var result = await CliRunner.RunAsync(environment, dataFolder, "authors", "--json");

            result.ExitCode.Should().Be(0, result.ToString());
            File.Exists(Path.Combine(dataFolder, "bookdata", "bookdata.db")).Should().BeTrue();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataFolder, recursive: true);
        }
    }
}
