using System.Net;
using System.Net.Http.Json;
using BookData.Web.Tests.Support;

namespace BookData.Web.Tests.Api;

public sealed class WriteRateLimitTests(WriteRateLimitTests.LimitedAppFactory factory) : IClassFixture<WriteRateLimitTests.LimitedAppFactory>
{
    [Fact]
    public async Task PostBooks_OverPermitLimit_Returns429WithRetryAfterAndWritesNothing()
    {
        var client = factory.CreateEditorClient();
        using var first = await client.PostAsJsonAsync("/api/books", new { author = "Limit Tester", title = "Limited One", publisher = "Limit Press" });
        using var second = await client.PostAsJsonAsync("/api/books", new { author = "Limit Tester", title = "Limited Two", publisher = "Limit Press" });
        var before = await Catalog.CountsAsync(factory);

        using var third = await client.PostAsJsonAsync("/api/books", new { author = "Limit Tester", title = "Limited Three", publisher = "Limit Press" });

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        second.StatusCode.Should().Be(HttpStatusCode.Created);
        third.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        third.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        third.Headers.RetryAfter!.Delta.Should().BePositive();
        (await Catalog.CountsAsync(factory)).Should().Be(before);
        (await Catalog.HasTitleAsync(factory, "Limited Three")).Should().BeFalse();
    }

    [Fact]
    public async Task GetRequests_ManyMoreThanPermitLimit_AreNeverLimited()
    {
        var client = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await client.GetAsync("/api/books");
            statuses.Add(response.StatusCode);
        }

        statuses.Should().OnlyContain(status => status == HttpStatusCode.OK);
    }

    public sealed class LimitedAppFactory : CatalogAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["BookData:WriteRateLimit:PermitLimit"] = "2",
            ["BookData:WriteRateLimit:Window"] = "01:00:00",
        };
    }
}
