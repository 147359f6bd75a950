using BookData.Cli.Tests.Support;

namespace BookData.Cli.Tests.Commands;

public sealed class BooksCommandTests
{
    [Fact]
    public async Task Books_SearchJson_HasTheShapeOfTheWebApiWithTheMatchingBooksInOrder()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("books", "--search", "THE", "--json", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        var page = Json.Parse(result.Output);
        Json.Keys(page).Should().Equal("items", "page", "pageSize", "totalCount", "totalPages");
        var items = page.GetProperty("items").EnumerateArray().ToArray();
        items.Should().AllSatisfy(item => Json.Keys(item).Should().Equal("id", "title", "author"));
        items.Select(item => item.GetProperty("title").GetString())
            .Should().Equal("Into The Abyss", "The Good Earth", "The Hunt For Red October", "The Shining", "The Silent Patient");
        items[3].GetProperty("author").GetString().Should().Be("Stephen King");
        page.GetProperty("page").GetInt32().Should().Be(1);
        page.GetProperty("pageSize").GetInt32().Should().Be(20);
        page.GetProperty("totalCount").GetInt64().Should().Be(5);
        page.GetProperty("totalPages").GetInt64().Should().Be(1);
    }

    [Fact]
    public async Task Books_SecondPage_PrintsTheNextBooksAndTheTotal()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("books", "--page", "2", "--page-size", "4", "--json", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        var page = Json.Parse(result.Output);
        page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("title").GetString())
            .Should().Equal("Patriot Games", "The Good Earth", "The Hunt For Red October", "The Shining");
        page.GetProperty("totalCount").GetInt64().Should().Be(10);
        page.GetProperty("totalPages").GetInt64().Should().Be(3);
    }

    [Fact]
    public async Task Books_Table_PrintsIdTitleAndAuthorOfEachMatch()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("books", "--search", "shin", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("Books: page 1 of 1, 1 book");
        result.Lines.Should().ContainSingle(line => line.Contains("The Shining") && line.Contains("Stephen King"));
        result.Output.Should().NotContain("Dead Zone");
    }

    [Fact]
    public async Task Books_NoMatch_PrintsAnEmptyPageAndSucceeds()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("books", "--search", "100%", "--json", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        var page = Json.Parse(result.Output);
        page.GetProperty("items").GetArrayLength().Should().Be(0);
        page.GetProperty("totalCount").GetInt64().Should().Be(0);
    }

    [Fact]
    public async Task Books_NoMatchTable_SaysNoBooksOnOneLineWithoutAnEmptyTable()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("books", "--search", "zzz", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Trim().Should().Be("No books found.");
    }

    [Fact]
    public async Task Books_PagePastTheLastTable_SaysWhichIsTheLastPage()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("books", "--page", "99", "--db", db.Path);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Trim().Should().Be("Page 99 is past the last page (1) of 10 books.");
    }

    [Theory]
    [InlineData("--page", "0", "--page 0 is not valid; pages are numbered from 1.")]
    [InlineData("--page", "-3", "--page -3 is not valid; pages are numbered from 1.")]
    [InlineData("--page-size", "0", "--page-size 0 is not valid; it must be between 1 and 1000.")]
    [InlineData("--page-size", "1001", "--page-size 1001 is not valid; it must be between 1 and 1000.")]
    public async Task Books_PageOutOfRange_IsAUsageErrorAndChangesNothing(string option, string value, string message)
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();
        var before = File.ReadAllBytes(db.Path);

        var result = await CliRunner.RunAsync("books", option, value, "--db", db.Path);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Contain(message);
        result.Output.Should().BeEmpty();
        File.ReadAllBytes(db.Path).Should().Equal(before);
    }

    [Fact]
    public async Task Books_PageNotANumber_IsAUsageError()
    {
        await using var db = await CliDatabase.CreateWithSampleAsync();

        var result = await CliRunner.RunAsync("books", "--page", "two", "--db", db.Path);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Contain("two");
    }

    [Fact]
    public async Task Help_ListsTheBooksCommandAndItsOptions()
    {
        var root = await CliRunner.RunAsync("--help");
        var books = await CliRunner.RunAsync("books", "--help");

        root.Output.Should().Contain("books");
        books.ExitCode.Should().Be(0);
        books.Output.Should().Contain("--search").And.Contain("--page").And.Contain("--page-size").And.Contain("--json");
    }
}
