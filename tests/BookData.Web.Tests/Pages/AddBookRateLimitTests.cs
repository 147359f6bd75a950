using System.Net;
using BookData.Web.Tests.Support;

namespace BookData.Web.Tests.Pages;

public sealed class AddBookRateLimitTests(AddBookRateLimitTests.TwoWritesAppFactory factory) : IClassFixture<AddBookRateLimitTests.TwoWritesAppFactory>
{
    [Fact]
    public async Task PostAddBook_OverWriteLimit_Returns429HtmlPageAndWritesNothing()
    {
        var client = factory.CreateClient();
        await FormPost.SignInAsync(client);
        using var first = await FormPost.PostAsync(client, "/books/add", Form("First Within Limit"));
        var before = await Catalog.CountsAsync(factory);

        using var refused = await FormPost.PostAsync(client, "/books/add", Form("Second Over Limit"));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        refused.Headers.RetryAfter!.Delta.Should().BePositive();
        refused.Headers.Location.Should().BeNull();
        var html = await refused.Content.ReadAsStringAsync();
        html.Should().Contain("<h1>Too many changes</h1>").And.NotContain("problem");
        (await Catalog.CountsAsync(factory)).Should().Be(before);
        (await Catalog.HasTitleAsync(factory, "Second Over Limit")).Should().BeFalse();
        (await Catalog.HasTitleAsync(factory, "First Within Limit")).Should().BeTrue();
    }

    private static Dictionary<string, string> Form(string title) => new()
    {
        ["Input.Author"] = "Limit Tester",
        ["Input.Title"] = title,
        ["Input.Publisher"] = "Limit Press",
    };

    /// <summary>Sign-in takes the first write, the first book the second.</summary>
    public sealed class TwoWritesAppFactory : CatalogAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["BookData:WriteRateLimit:PermitLimit"] = "2",
            ["BookData:WriteRateLimit:Window"] = "01:00:00",
        };
    }
}
