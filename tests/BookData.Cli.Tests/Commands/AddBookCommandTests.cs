using BookData.Authors;
using BookData.Books;
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
        result.Output.Should().Be("\"Foundation\" by Isaac Asimov was already in the catalog; linked it to Gnome Press (new publisher).\n".ReplaceLineEndings());
        (await db.CountAsync("book")).Should().Be(10);
        (await db.CountAsync("book_publisher")).Should().Be(13);
        (await PublishersOfAsync(db, "Isaac", "Asimov", "Foundation")).Should().Equal("Gnome Press", "Random House");
    }

    [Fact]
    public async Task AddBook_EverythingPresent_ChangesNothing()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync(
            "add-book", "--author", "stephen  king", "--title", "it", "--publisher", "RANDOM HOUSE", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Be("Nothing to add: \"It\" by Stephen King is already published by Random House.\n".ReplaceLineEndings());
        (await db.CountAsync("author")).Should().Be(7);
        (await db.CountAsync("book")).Should().Be(10);
        (await db.CountAsync("publisher")).Should().Be(4);
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

    [Fact]
    public async Task AddBook_FullNameWithTwoWordLastName_UsesTheExistingAuthor()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync(
            "add-book", "--author", "John Le Carre", "--title", "Smiley's People", "--publisher", "Berkley", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Be("Added \"Smiley's People\" by John Le Carre, published by Berkley.\n".ReplaceLineEndings());
        (await AuthorsAsync(db)).Should().Contain("John|Le Carre").And.NotContain("John Le|Carre").And.HaveCount(7);
        (await db.CountAsync("book")).Should().Be(11);
    }

    [Fact]
    public async Task AddBook_FirstAndLastName_UsesExactlyThatAuthor()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync(
            "add-book", "--first-name", "john", "--last-name", "LE CARRE", "--title", "Smiley's People", "--publisher", "Berkley", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Be("Added \"Smiley's People\" by John Le Carre, published by Berkley.\n".ReplaceLineEndings());
        (await db.CountAsync("author")).Should().Be(7);
        (await db.CountAsync("book")).Should().Be(11);
    }

    [Fact]
    public async Task AddBook_LastNameAlone_AddsAnAuthorKnownByOneName()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync(
            "add-book", "--last-name", "Homer", "--title", "The Odyssey", "--publisher", "Penguin Random House", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Be("Added \"The Odyssey\" by Homer, published by Penguin Random House (new author).\n".ReplaceLineEndings());
        (await AuthorsAsync(db)).Should().Contain("|Homer");
    }

    [Fact]
    public async Task AddBook_FullNameFittingTwoAuthors_ExitsWithBadInputListingThemAndWritesNothing()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var added = await CliRunner.RunAsync(
            "add-book", "--first-name", "John Le", "--last-name", "Carre", "--title", "Another Book", "--publisher", "Berkley", "--db", db.Path);
        added.ExitCode.Should().Be(0, added.ToString());
        var authors = await AuthorsAsync(db);
        var books = await db.CountAsync("book");
        var links = await db.CountAsync("book_publisher");

        var result = await CliRunner.RunAsync(
            "add-book", "--author", "john le carre", "--title", "Smiley's People", "--publisher", "Knopf", "--db", db.Path);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Output.Should().BeEmpty();
        result.Error.Trim().Should().Be(
            "error: The author name 'john le carre' fits 2 authors; name one exactly: "
            + "--first-name \"John\" --last-name \"Le Carre\"; --first-name \"John Le\" --last-name \"Carre\".");
        (await AuthorsAsync(db)).Should().Equal(authors);
        (await db.CountAsync("book")).Should().Be(books);
        (await db.CountAsync("book_publisher")).Should().Be(links);
        (await db.CountAsync("publisher WHERE name = 'Knopf'")).Should().Be(0);
    }

    [Theory]
    [InlineData("--author|John Le Carre|--last-name|Le Carre", "either with --author or with --first-name and --last-name, not both")]
    [InlineData("--author|John Le Carre|--first-name|John", "either with --author or with --first-name and --last-name, not both")]
    [InlineData("--first-name|John", "--first-name needs --last-name")]
    [InlineData("", "Name the author with --author")]
    public async Task AddBook_AuthorOptionsMixedOrMissing_ExitsWithUsageErrorAndWritesNothing(string authorArgs, string error)
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        string[] args = ["add-book", .. authorArgs.Split('|', StringSplitOptions.RemoveEmptyEntries), "--title", "A Book", "--publisher", "A Press", "--db", db.Path];

        var result = await CliRunner.RunAsync(args);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Contain(error);
        result.Output.Should().BeEmpty();
        (await db.CountAsync("author")).Should().Be(7);
        (await db.CountAsync("book")).Should().Be(10);
    }

    [Fact]
    public async Task AddBook_ZeroWidthSpaceInPublisher_ExitsWithBadInputNamingTheCharacterAndWritesNothing()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync(
            "add-book", "--author", "Stephen King", "--title", "Carrie", "--publisher", "Random\u200BHouse", "--db", db.Path);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Trim().Should().Be(
            "error: The publisher name contains the invisible format character U+200B at character 7, which is not allowed.");
        (await db.CountAsync("publisher")).Should().Be(4);
        (await db.CountAsync("book")).Should().Be(10);
    }

    [Fact]
    public async Task AddBook_TitleOf300Emoji_IsAcceptedAsThe300CharactersTheDatabaseCounts()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var title = string.Concat(Enumerable.Repeat("\U0001F600", 300));

        var result = await CliRunner.RunAsync(
            "add-book", "--author", "Stephen King", "--title", title, "--publisher", "Random House", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        (await db.CountAsync("book WHERE length(title) = 300")).Should().Be(1);
    }

    private static async Task<IReadOnlyList<string>> PublishersOfAsync(CliDatabase db, string firstName, string lastName, string title)
    {
        var author = await new AuthorRepository(db.Factory).FindByNameAsync(firstName, lastName);
        var books = new BookRepository(db.Factory);
        var book = await books.FindByTitleAsync(author!.AuthorId, title);
        return (await books.ListPublishersAsync(book!.BookId)).Select(publisher => publisher.Name).ToArray();
    }

    private static async Task<IReadOnlyList<string>> AuthorsAsync(CliDatabase db)
    {
        var page = await new AuthorRepository(db.Factory).ListAsync(1, 100);
        return page.Items.Select(author => $"{author.FirstName}|{author.LastName}").ToArray();
    }
}
