using System.Net;
using System.Text.Json;
using BookData.Web.Tests.Support;

namespace BookData.Web.Tests.Api;

public sealed class AuthorsApiTests(CatalogAppFactory factory) : IClassFixture<CatalogAppFactory>
{
    [Fact]
    public async Task GetAuthors_SampleCatalog_ReturnsFirstPageOfTreeInCliShapeByLastName()
    {
        var json = await factory.CreateClient().GetStringAsync("/api/authors");

        using var page = JsonDocument.Parse(json);
        var items = page.RootElement.GetProperty("items");
        items.EnumerateArray().Select(author => author.GetProperty("lastName").GetString())
            .Should().Equal("Asimov", "Buck", "Clancy", "King", "Le Carre", "Michaelides", "Shaben");
        json.Should().StartWith("""{"items":[{"firstName":"Isaac","lastName":"Asimov","books":[{"title":"Foundation","publishers":["Random House"]}]},{"firstName":"Pearl","lastName":"Buck","books":[{"title":"The Good Earth","publishers":["Random House","Simon & Schuster"]}]},""");
        json.Should().EndWith("""],"page":1,"pageSize":20,"totalCount":7,"totalPages":1}""");
        var king = items.EnumerateArray().Single(author => author.GetProperty("lastName").GetString() == "King");
        king.GetProperty("books").EnumerateArray().Select(book => book.GetProperty("title").GetString())
            .Should().Equal("Dead Zone", "It", "The Shining");
        king.GetProperty("books")[1].GetProperty("publishers").EnumerateArray().Select(publisher => publisher.GetString())
            .Should().Equal("Penguin Random House", "Random House");
    }

    [Fact]
    public async Task GetAuthors_SecondPage_EqualsThatSliceOfTheWholeTree()
    {
        var client = factory.CreateClient();
        using var whole = JsonDocument.Parse(await client.GetStringAsync("/api/authors?pageSize=100"));

        using var second = JsonDocument.Parse(await client.GetStringAsync("/api/authors?page=2&pageSize=3"));

        var expected = whole.RootElement.GetProperty("items").EnumerateArray().Skip(3).Take(3).Select(author => author.GetRawText());
        second.RootElement.GetProperty("items").EnumerateArray().Select(author => author.GetRawText()).Should().Equal(expected);
        second.RootElement.GetProperty("items").EnumerateArray().Select(author => author.GetProperty("lastName").GetString())
            .Should().Equal("King", "Le Carre", "Michaelides");
        second.RootElement.GetProperty("page").GetInt32().Should().Be(2);
        second.RootElement.GetProperty("pageSize").GetInt32().Should().Be(3);
        second.RootElement.GetProperty("totalCount").GetInt64().Should().Be(7);
        second.RootElement.GetProperty("totalPages").GetInt64().Should().Be(3);
    }

    [Fact]
    public async Task GetAuthors_PastTheLastPage_ReturnsNoItemsAndTheTotals()
    {
        var json = await factory.CreateClient().GetStringAsync("/api/authors?page=5&pageSize=2");

        json.Should().Be("""{"items":[],"page":5,"pageSize":2,"totalCount":7,"totalPages":4}""");
    }

    [Theory]
    [InlineData("/api/authors", "page=0", "page")]
    [InlineData("/api/authors", "page=-1", "page")]
    [InlineData("/api/authors", "page=two", "page")]
    [InlineData("/api/authors", "page=99999999999", "page")]
    [InlineData("/api/authors", "page=1.5", "page")]
    [InlineData("/api/authors", "pageSize=0", "pageSize")]
    [InlineData("/api/authors", "pageSize=101", "pageSize")]
    [InlineData("/api/authors", "pageSize=all", "pageSize")]
    [InlineData("/api/books", "page=0", "page")]
    [InlineData("/api/books", "page=two", "page")]
    [InlineData("/api/books", "page=99999999999", "page")]
    [InlineData("/api/books", "pageSize=101", "pageSize")]
    [InlineData("/api/books", "pageSize=all", "pageSize")]
    public async Task GetPagedEndpoint_BadPaging_Returns400ProblemNamingTheParameter(string path, string query, string parameter)
    {
        using var response = await factory.CreateClient().GetAsync($"{path}?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(error => error.Name).Should().Equal(parameter);
        errors.GetProperty(parameter)[0].GetString().Should().Contain($"'{query[(query.IndexOf('=') + 1)..]}'").And.Contain("whole number from 1");
    }

    [Fact]
    public async Task GetAuthors_BothParametersBad_NamesBoth()
    {
        using var response = await factory.CreateClient().GetAsync("/api/authors?page=0&pageSize=1000");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").EnumerateObject().Select(error => error.Name).Should().BeEquivalentTo("page", "pageSize");
    }
}
