using System.Net;
using System.Text.Json;
using BookData.Web.Tests.Support;

namespace BookData.Web.Tests.Api;

public sealed class BooksSearchApiTests(CatalogAppFactory factory) : IClassFixture<CatalogAppFactory>
{
    [Fact]
    public async Task GetBooks_NoSearch_ReturnsFirstPageOfAllBooksByTitle()
    {
        using var page = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/api/books"));

        page.RootElement.GetProperty("totalCount").GetInt64().Should().Be(10);
        page.RootElement.GetProperty("page").GetInt32().Should().Be(1);
        page.RootElement.GetProperty("pageSize").GetInt32().Should().Be(20);
        page.RootElement.GetProperty("items").GetArrayLength().Should().Be(10);
        page.RootElement.GetProperty("items")[0].GetProperty("title").GetString().Should().Be("Dead Zone");
    }

    [Fact]
    public async Task GetBooks_SearchAndPage_ReturnsThatPageOfMatches()
    {
        using var page = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/api/books?search=the&page=2&pageSize=2"));

        page.RootElement.GetProperty("totalCount").GetInt64().Should().Be(5);
        page.RootElement.GetProperty("totalPages").GetInt64().Should().Be(3);
        page.RootElement.GetProperty("page").GetInt32().Should().Be(2);
        page.RootElement.GetProperty("items").EnumerateArray().Select(book => book.GetProperty("title").GetString())
            .Should().Equal("The Hunt For Red October", "The Shining");
        page.RootElement.GetProperty("items")[0].GetProperty("author").GetString().Should().Be("Tom Clancy");
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    public async Task GetBooks_PagingOutOfRange_Returns400WithFieldError(string query, string field)
    {
        using var response = await factory.CreateClient().GetAsync("/api/books?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").EnumerateObject().Select(error => error.Name).Should().Equal(field);
    }

    [Fact]
    public async Task GetBookById_Existing_ReturnsBookWithAuthorAndPublishers()
    {
        var client = factory.CreateClient();
        using var search = JsonDocument.Parse(await client.GetStringAsync("/api/books?search=Good%20Earth"));
        var id = search.RootElement.GetProperty("items")[0].GetProperty("id").GetInt64();

        var json = await client.GetStringAsync($"/api/books/{id}");

        json.Should().Be($$"""{"id":{{id}},"title":"The Good Earth","author":"Pearl Buck","publishers":["Random House","Simon & Schuster"]}""");
    }

    [Fact]
    public async Task GetBookById_Missing_Returns404ProblemDetails()
    {
        using var response = await factory.CreateClient().GetAsync("/api/books/987654");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("Book 987654 does not exist.");
    }
}
