using System.Net;
using BookData.Web.Tests.Support;

namespace BookData.Web.Tests.Pages;

public sealed class PagesTests(CatalogAppFactory factory) : IClassFixture<CatalogAppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/authors")]
    [InlineData("/publishers")]
    [InlineData("/books")]
    [InlineData("/signin")]
    public async Task GetPage_AnyPage_Returns200HtmlWithStylesheet(string path)
    {
        var client = factory.CreateClient();

        using var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var html = await response.Content.ReadAsStringAsync();
        var stylesheet = System.Text.RegularExpressions.Regex.Match(html, "<link rel=\"stylesheet\" href=\"([^\"]+)\"").Groups[1].Value;
        stylesheet.Should().StartWith("/css/site");
        using var css = await client.GetAsync(stylesheet);
        css.StatusCode.Should().Be(HttpStatusCode.OK);
        css.Content.Headers.ContentType!.MediaType.Should().Be("text/css");
    }

    [Fact]
    public async Task GetOverview_SampleCatalog_ShowsCountsAndBothPublisherReports()
    {
        var html = await factory.CreateClient().GetStringAsync("/");

        html.Should().Contain("<strong>7</strong> authors").And.Contain("<strong>10</strong> books")
            .And.Contain("<strong>4</strong> publishers").And.Contain("<strong>12</strong> book–publisher links");
        html.Should().Contain("Books per publisher").And.Contain("Authors per publisher");
        html.Should().Contain("<td>Simon &amp; Schuster</td><td class=\"number\">4</td>");
    }

    [Fact]
    public async Task GetAuthors_SampleCatalog_ShowsEachAuthorsBooksAndPublishers()
    {
        var html = await factory.CreateClient().GetStringAsync("/authors");

        html.Should().Contain("<span class=\"author\">Stephen King</span>");
        html.Should().Contain("<cite>It</cite>").And.Contain("— Penguin Random House, Random House");
        html.IndexOf("Isaac Asimov", StringComparison.Ordinal).Should().BeLessThan(html.IndexOf("Carol Shaben", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", new[] { "Random House", "Simon &amp; Schuster", "Berkley", "Penguin Random House" })]
    [InlineData("?sort=name&order=asc", new[] { "Berkley", "Penguin Random House", "Random House", "Simon &amp; Schuster" })]
    [InlineData("?sort=name&order=desc", new[] { "Simon &amp; Schuster", "Random House", "Penguin Random House", "Berkley" })]
    [InlineData("?sort=authors&order=desc", new[] { "Simon &amp; Schuster", "Random House", "Berkley", "Penguin Random House" })]
    [InlineData("?sort=authors&order=asc", new[] { "Penguin Random House", "Berkley", "Random House", "Simon &amp; Schuster" })]
    [InlineData("?sort=books&order=asc", new[] { "Berkley", "Penguin Random House", "Random House", "Simon &amp; Schuster" })]
    [InlineData("?sort=NAME&order=ASC", new[] { "Berkley", "Penguin Random House", "Random House", "Simon &amp; Schuster" })]
    public async Task GetPublishers_SortAndOrder_ListsPublishersInThatOrder(string query, string[] expected)
    {
        var html = await factory.CreateClient().GetStringAsync("/publishers" + query);

        var rows = System.Text.RegularExpressions.Regex.Matches(html, "<tr><td>([^<]+)</td>").Select(match => match.Groups[1].Value);
        rows.Should().Equal(expected);
    }

    [Fact]
    public async Task GetPublishers_SampleCatalog_ShowsBookAndAuthorCountsPerPublisher()
    {
        var html = await factory.CreateClient().GetStringAsync("/publishers");

        html.Should().Contain("<tr><td>Simon &amp; Schuster</td><td class=\"number\">4</td><td class=\"number\">4</td></tr>");
        html.Should().Contain("<tr><td>Penguin Random House</td><td class=\"number\">2</td><td class=\"number\">1</td></tr>");
    }

    [Fact]
    public async Task GetBooks_SearchAndPage_ShowsThatPageOfMatchingTitles()
    {
        var html = await factory.CreateClient().GetStringAsync("/books?search=the");

        html.Should().Contain("5 books with “the” in the title.");
        html.Should().Contain("<cite>Into The Abyss</cite>").And.Contain("<cite>The Silent Patient</cite>");
        html.Should().NotContain("<cite>Foundation</cite>");
    }

    [Theory]
    [InlineData("/books", "0")]
    [InlineData("/books", "-3")]
    [InlineData("/books", "many")]
    [InlineData("/authors", "0")]
    [InlineData("/authors", "many")]
    [InlineData("/authors", "99999999999")]
    public async Task GetPagedPage_InvalidPage_Returns400PageNamingTheValue(string path, string page)
    {
        using var response = await factory.CreateClient().GetAsync($"{path}?page={page}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain($"The page &#x27;{page}&#x27; is not valid; it must be a whole number from 1.");
        html.Should().NotContain("<cite>");
    }

    [Theory]
    [InlineData("?sort=nonsense", "The sort &#x27;nonsense&#x27; is not known; use &#x27;books&#x27;, &#x27;name&#x27;, &#x27;authors&#x27;.")]
    [InlineData("?sort=name&order=sideways", "The order &#x27;sideways&#x27; is not known; use &#x27;asc&#x27; or &#x27;desc&#x27;.")]
    public async Task GetPublishers_UnknownSortOrOrder_Returns400PageNamingTheParameter(string query, string message)
    {
        using var response = await factory.CreateClient().GetAsync("/publishers" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain(message);
        html.Should().NotContain("<tr><td>");
    }

    [Fact]
    public async Task GetAuthors_PastTheLastPage_SaysWhichIsTheLast()
    {
        var html = await factory.CreateClient().GetStringAsync("/authors?page=3");

        html.Should().Contain("There is no page 3; the last is page 1.").And.NotContain("<cite>");
    }

    [Fact]
    public async Task GetUnknownPage_Returns404ErrorPageWithoutDetails()
    {
        using var response = await factory.CreateClient().GetAsync("/no/such/page");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("There is no such page.");
    }
}
