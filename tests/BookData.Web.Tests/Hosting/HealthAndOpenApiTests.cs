using System.Net;
using System.Text.Json;
using BookData.Web.Tests.Support;

namespace BookData.Web.Tests.Hosting;

public sealed class HealthAndOpenApiTests(CatalogAppFactory factory) : IClassFixture<CatalogAppFactory>
{
    [Fact]
    public async Task GetHealth_MigratedDatabase_Returns200Healthy()
    {
        using var response = await factory.CreateClient().GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Fact]
    public async Task GetOpenApiDocument_ListsEveryApiEndpointAndTheApiKeyOnWrites()
    {
        using var response = await factory.CreateClient().GetAsync("/openapi/v1.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        paths.EnumerateObject().Select(path => path.Name).Should().BeEquivalentTo(
            "/api/authors",
            "/api/reports/books-per-publisher",
            "/api/reports/authors-per-publisher",
            "/api/reports/books-per-author",
            "/api/books",
            "/api/books/{id}");
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        scheme.GetProperty("type").GetString().Should().Be("apiKey");
        scheme.GetProperty("in").GetString().Should().Be("header");
        scheme.GetProperty("name").GetString().Should().Be("X-Api-Key");
        var post = paths.GetProperty("/api/books").GetProperty("post");
        post.GetProperty("security")[0].TryGetProperty("ApiKey", out _).Should().BeTrue();
        post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()
            .Should().Be("#/components/schemas/AddBookRequest");
        document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("AddBookRequest").GetProperty("properties")
            .EnumerateObject().Select(property => property.Name).Should().BeEquivalentTo("author", "title", "publisher", "firstName", "lastName");
        paths.GetProperty("/api/books").GetProperty("get").TryGetProperty("security", out _).Should().BeFalse();
        var operations = paths.EnumerateObject().SelectMany(path => path.Value.EnumerateObject()).ToList();
        operations.Select(operation => operation.Name).Should().NotContain("head");
        operations.Select(operation => operation.Value.GetProperty("operationId").GetString()).Should().OnlyHaveUniqueItems();
    }
}
