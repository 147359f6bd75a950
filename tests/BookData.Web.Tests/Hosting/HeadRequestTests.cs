using System.Net;
using BookData.Web.Tests.Support;

namespace BookData.Web.Tests.Hosting;

public sealed class HeadRequestTests(CatalogAppFactory factory) : IClassFixture<CatalogAppFactory>
{
    [Theory]
    [InlineData("/api/authors")]
    [InlineData("/api/authors?page=2&pageSize=2")]
    [InlineData("/api/books?search=the")]
    [InlineData("/api/reports/books-per-publisher")]
    [InlineData("/api/reports/authors-per-publisher")]
    [InlineData("/api/reports/books-per-author")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/health")]
    [InlineData("/")]
    [InlineData("/authors")]
    [InlineData("/books")]
    [InlineData("/publishers")]
    [InlineData("/publishers?sort=name&order=asc")]
    [InlineData("/signin")]
    [InlineData("/api/books/1")]
    public async Task Head_WhereGetAnswers_Returns200WithGetsContentType(string path)
    {
        var client = factory.CreateClient();
        using var get = await client.GetAsync(path);

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        get.StatusCode.Should().Be(HttpStatusCode.OK);
        head.StatusCode.Should().Be(HttpStatusCode.OK);
        head.Content.Headers.ContentType?.MediaType.Should().Be(get.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Head_BadPaging_Returns400LikeGet()
    {
        var client = factory.CreateClient();

        using var get = await client.GetAsync("/api/authors?page=0");
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/authors?page=0"));

        get.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        head.StatusCode.Should().Be(get.StatusCode);
        head.Content.Headers.ContentType?.MediaType.Should().Be(get.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Head_WithEditorKeyOnBooksRoute_ReadsAndWritesNothing()
    {
        var before = await Catalog.CountsAsync(factory);

        using var head = await factory.CreateEditorClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/books"));

        head.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Catalog.CountsAsync(factory)).Should().Be(before);
    }
}
