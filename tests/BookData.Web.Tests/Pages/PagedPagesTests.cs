using System.Text.RegularExpressions;
using BookData.Authors;
using BookData.Books;
using BookData.Web.Tests.Support;

namespace BookData.Web.Tests.Pages;

/// <summary>The paged pages with more than a page to show (their own catalog: the sample plus 30 authors with a book each).</summary>
public sealed class PagedPagesTests(CatalogAppFactory factory) : IClassFixture<CatalogAppFactory>
{
    [Fact]
    public async Task GetAuthors_SecondPage_ShowsTheNextTwentyAuthorsWithPager()
    {
        await AddAuthorsAsync();
        var client = factory.CreateClient();

        var first = await client.GetStringAsync("/authors");
        var second = await client.GetStringAsync("/authors?page=2");

        var firstNames = AuthorNames(first);
        var secondNames = AuthorNames(second);
        firstNames.Should().HaveCount(20);
        secondNames.Should().HaveCount(17);
        firstNames.Concat(secondNames).Should().OnlyHaveUniqueItems();
        firstNames[0].Should().Be("Isaac Asimov");
        secondNames[^1].Should().Be("Zed Writer29");
        first.Should().Contain("Page 1 of 2").And.Contain("href=\"/authors?page=2\" rel=\"next\"");
        second.Should().Contain("Page 2 of 2").And.Contain("href=\"/authors?page=1\" rel=\"prev\"").And.NotContain("rel=\"next\"");
    }

    [Fact]
    public async Task GetBooks_SecondPageOfSearch_LinksBackToTheFirstPageOfTheSameSearch()
    {
        await AddAuthorsAsync();

        var html = await factory.CreateClient().GetStringAsync("/books?search=Paged%20Book&page=2");

        html.Should().Contain("30 books with “Paged Book” in the title.").And.Contain("<cite>Paged Book 20</cite>");
        html.Should().Contain("<a href=\"/books?search=Paged%20Book&amp;page=1\" rel=\"prev\">").And.Contain("Page 2 of 2");
    }

    private async Task AddAuthorsAsync()
    {
        factory.StartServer();
        var authors = new AuthorRepository(factory.OpenDatabase());
        if (await authors.CountAsync() > 7)
        {
            return;
        }

        var books = new BookRepository(factory.OpenDatabase());
        for (var i = 0; i < 30; i++)
        {
            var author = await authors.AddAsync("Zed", $"Writer{i:00}");
            await books.AddAsync(author.AuthorId, $"Paged Book {i:00}");
        }
    }

    private static List<string> AuthorNames(string html) =>
        Regex.Matches(html, "<span class=\"author\">([^<]+)</span>").Select(match => match.Groups[1].Value).ToList();
}
