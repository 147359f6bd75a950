using BookData.Cli.Tests.Support;

namespace BookData.Cli.Tests.Commands;

public sealed class AddBookCommandTests
{
    [Fact]
    public async Task AddBook_NewBookByKnownAuthor_CreatesBookAndLink()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync(
            "add-book", "--author", "Stephen King", "--title", "The Stand", "--publisher", "Random House", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("Added \"The Stand\" by Stephen King, published by Random House.");
        (await db.CountAsync("book")).Should().Be(11);
        (await db.CountAsync("book_publisher")).Should().Be(13);
        (await db.CountAsync("author")).Should().Be(7);
    }

    [Fact]
    public async Task AddBook_ExistingBookWithNewPublisher_LinksPublisherAndSaysItIsNew()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync(
            "add-book", "--author", "Isaac Asimov", "--title", "Foundation", "--publisher", "Gnome Press", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("already in the catalog; linked it to Gnome Press (new publisher)");
        (await db.CountAsync("book")).Should().Be(10);
        (await db.CountAsync("book_publisher")).Should().Be(13);
    }

    [Fact]
    public async Task AddBook_EverythingPresent_ChangesNothing()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync(
            "add-book", "--author", "stephen  king", "--title", "it", "--publisher", "RANDOM HOUSE", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().StartWith("Nothing to add");
        (await db.CountAsync("book")).Should().Be(10);
        (await db.CountAsync("book_publisher")).Should().Be(12);
    }

    [Fact]
    public async Task AddBook_BlankTitle_ExitsWithUsageErrorAndWritesNothing()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync(
            "add-book", "--author", "New Author", "--title", "   ", "--publisher", "New Press", "--db", db.Path);

        result.ExitCode.Should().Be(1);
        result.Error.Should().StartWith("error: ").And.Contain("title");
        result.Error.Trim().Split('\n').Should().ContainSingle("the error is one line without --verbose");
        (await db.CountAsync("author")).Should().Be(7);
        (await db.CountAsync("publisher")).Should().Be(4);
        (await db.CountAsync("book")).Should().Be(10);
    }

    [Fact]
    public async Task AddBook_MissingPublisherOption_ExitsWithUsageErrorAndWritesNothing()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("add-book", "--author", "New Author", "--title", "New Book", "--db", db.Path);

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("--publisher");
        (await db.CountAsync("book")).Should().Be(10);
    }
}
