using BookData.Cli.Tests.Support;

namespace BookData.Cli.Tests.Commands;

public sealed class AuthorsCommandTests
{
    [Fact]
    public async Task Authors_Json_HasDesignShapeWithBooksAndPublishersInOrder()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("authors", "--json", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        var authors = Json.Parse(result.Output).EnumerateArray().ToArray();
        authors.Should().AllSatisfy(author => Json.Keys(author).Should().Equal("firstName", "lastName", "books"));
        var king = authors.Single(author => author.GetProperty("lastName").GetString() == "King");
        king.GetProperty("firstName").GetString().Should().Be("Stephen");
        var books = king.GetProperty("books").EnumerateArray().ToArray();
        books.Should().AllSatisfy(book => Json.Keys(book).Should().Equal("title", "publishers"));
        books.Select(book => book.GetProperty("title").GetString()).Should().Equal("Dead Zone", "It", "The Shining");
        books[1].GetProperty("publishers").EnumerateArray().Select(publisher => publisher.GetString())
            .Should().Equal("Penguin Random House", "Random House");
    }

    [Fact]
    public async Task Authors_Json_OrdersAuthorsByLastNameThenFirstName()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("authors", "--json", "--db", db.Path);

        Json.Parse(result.Output).EnumerateArray().Select(author => author.GetProperty("lastName").GetString())
            .Should().Equal("Asimov", "Buck", "Clancy", "King", "Le Carre", "Michaelides", "Shaben");
    }

    [Fact]
    public async Task Authors_Tree_PrintsAuthorThenBooksThenPublishersInOrder()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("authors", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        var lines = result.Lines.Select(line => line.Trim(' ', '│', '├', '└', '─')).ToList();
        var expected = new[]
        {
            "Authors", "Isaac Asimov", "Foundation", "Random House",
            "Pearl Buck", "The Good Earth", "Random House", "Simon & Schuster",
            "Tom Clancy", "Patriot Games", "Simon & Schuster", "The Hunt For Red October", "Berkley",
            "Stephen King", "Dead Zone", "Random House", "It", "Penguin Random House", "Random House",
            "The Shining", "Penguin Random House",
            "John Le Carre", "Tinker, Tailor, Solider, Spy: A George Smiley Novel", "Berkley",
            "Alex Michaelides", "The Silent Patient", "Simon & Schuster",
            "Carol Shaben", "Into The Abyss", "Simon & Schuster",
        };
        lines.Where(line => line.Length > 0).Should().Equal(expected);
    }

    [Fact]
    public async Task Authors_TreeIndentation_NestsBooksUnderAuthorsAndPublishersUnderBooks()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("authors", "--db", db.Path);

        var lines = result.Lines.ToList();
        var author = lines.FindIndex(line => line.EndsWith("Isaac Asimov", StringComparison.Ordinal));
        lines[author + 1].Should().EndWith("Foundation");
        lines[author + 2].Should().EndWith("Random House");
        var authorIndent = lines[author].IndexOf("Isaac Asimov", StringComparison.Ordinal);
        var bookIndent = lines[author + 1].IndexOf("Foundation", StringComparison.Ordinal);
        var publisherIndent = lines[author + 2].IndexOf("Random House", StringComparison.Ordinal);
        authorIndent.Should().BeLessThan(bookIndent);
        bookIndent.Should().BeLessThan(publisherIndent);
    }

    [Fact]
    public async Task Authors_NewDatabaseFile_MigratesItFirstAndPrintsEmptyArray()
    {
        await using var db = CliDatabase.CreateEmpty();

        var result = await CliRunner.RunAsync("authors", "--json", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        Json.Parse(result.Output).GetArrayLength().Should().Be(0);
        (await db.CountAsync("schema_version")).Should().BeGreaterThan(0);
    }
}
