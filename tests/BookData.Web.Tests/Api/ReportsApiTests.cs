using System.Net;
using System.Text.Json;
using BookData.Web.Tests.Support;

namespace BookData.Web.Tests.Api;

public sealed class ReportsApiTests(CatalogAppFactory factory) : IClassFixture<CatalogAppFactory>
{
    [Fact]
    public async Task GetBooksPerPublisher_SampleCatalog_ReturnsCliShapeMostFirst()
    {
        var json = await factory.CreateClient().GetStringAsync("/api/reports/books-per-publisher");

        json.Should().Be("""[{"publisher":"Random House","totalBooks":4},{"publisher":"Simon & Schuster","totalBooks":4},{"publisher":"Berkley","totalBooks":2},{"publisher":"Penguin Random House","totalBooks":2}]""");
    }

    [Fact]
    public async Task GetBooksPerPublisher_OrderAsc_ReturnsFewestFirstTiesByName()
    {
        var json = await factory.CreateClient().GetStringAsync("/api/reports/books-per-publisher?order=asc");

        json.Should().Be("""[{"publisher":"Berkley","totalBooks":2},{"publisher":"Penguin Random House","totalBooks":2},{"publisher":"Random House","totalBooks":4},{"publisher":"Simon & Schuster","totalBooks":4}]""");
    }

    [Fact]
    public async Task GetAuthorsPerPublisher_SampleCatalog_ReturnsDistinctAuthorCountsInCliShape()
    {
        var json = await factory.CreateClient().GetStringAsync("/api/reports/authors-per-publisher?order=desc");

        json.Should().Be("""[{"publisher":"Simon & Schuster","totalAuthors":4},{"publisher":"Random House","totalAuthors":3},{"publisher":"Berkley","totalAuthors":2},{"publisher":"Penguin Random House","totalAuthors":1}]""");
    }

    [Fact]
    public async Task GetBooksPerAuthor_SampleCatalog_ReturnsFullNamesInCliShape()
    {
        var json = await factory.CreateClient().GetStringAsync("/api/reports/books-per-author");

        json.Should().Be("""[{"author":"Stephen King","totalBooks":3},{"author":"Tom Clancy","totalBooks":2},{"author":"Isaac Asimov","totalBooks":1},{"author":"Pearl Buck","totalBooks":1},{"author":"John Le Carre","totalBooks":1},{"author":"Alex Michaelides","totalBooks":1},{"author":"Carol Shaben","totalBooks":1}]""");
    }

    [Theory]
    [InlineData("/api/reports/books-per-publisher")]
    [InlineData("/api/reports/authors-per-publisher")]
    [InlineData("/api/reports/books-per-author")]
    public async Task GetReport_UnknownOrder_Returns400ProblemWithOrderError(string path)
    {
        using var response = await factory.CreateClient().GetAsync(path + "?order=sideways");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().Should().Be(400);
        problem.RootElement.GetProperty("errors").GetProperty("order")[0].GetString().Should().Contain("sideways").And.Contain("asc");
    }
}
