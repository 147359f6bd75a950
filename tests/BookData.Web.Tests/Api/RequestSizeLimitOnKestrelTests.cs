using System.Net;
using System.Text;
using System.Text.Json;
using BookData.Web.Tests.Browser;
using BookData.Web.Tests.Support;

namespace BookData.Web.Tests.Api;

/// <summary>The add-book body limit on the real server, which enforces it while the body is read, chunked or not.</summary>
public sealed class RequestSizeLimitOnKestrelTests(KestrelAppFactory factory) : IClassFixture<KestrelAppFactory>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PostBooks_BodyOverLimitOnKestrel_Returns413ProblemAndWritesNothing(bool chunked)
    {
        using var client = new HttpClient { BaseAddress = factory.StartAndGetAddress() };
        client.DefaultRequestHeaders.Add("X-Api-Key", CatalogAppFactory.EditorKey);
        var before = await Catalog.CountsAsync(factory);
        var json = JsonSerializer.Serialize(new { author = "Big Body", title = "Big On Kestrel", publisher = "Big Press", padding = new string('x', 20_000) });
        using var content = new StreamContent(chunked ? new UnknownLengthStream(Encoding.UTF8.GetBytes(json)) : new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new("application/json");

        using var response = await client.PostAsync("/api/books", content);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("detail").GetString().Should().Be("The request body is larger than this server accepts.");
        (await Catalog.CountsAsync(factory)).Should().Be(before);
        (await Catalog.HasTitleAsync(factory, "Big On Kestrel")).Should().BeFalse();
    }

    /// <summary>A body whose length is not known up front, so it is sent chunked without Content-Length.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
