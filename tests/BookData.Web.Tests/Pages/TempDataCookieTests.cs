using System.Net;
using BookData.Web.Tests.Support;

namespace BookData.Web.Tests.Pages;

public sealed class TempDataCookieTests(CatalogAppFactory factory) : IClassFixture<CatalogAppFactory>
{
    private const string TempDataCookie = ".AspNetCore.Mvc.CookieTempDataProvider=";

    [Theory]
    [InlineData("/")]
    [InlineData("/authors")]
    [InlineData("/publishers")]
    [InlineData("/books")]
    [InlineData("/signin")]
    public async Task GetPage_NothingToShow_SetsNoTempDataCookie(string path)
    {
        using var response = await factory.CreateNonRedirectingClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Cookies(response).Should().NotContain(cookie => cookie.StartsWith(TempDataCookie, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostAddBook_StatusMessage_SetsTempDataCookieOnceAndTheNextPageClearsIt()
    {
        var client = factory.CreateNonRedirectingClient();
        using (await FormPost.PostAsync(client, "/signin", new Dictionary<string, string> { ["Key"] = CatalogAppFactory.EditorKey }))
        {
        }

        using var post = await FormPost.PostAsync(client, "/books/add", new Dictionary<string, string>
        {
            ["Input.Author"] = "Mary Shelley",
            ["Input.Title"] = "Lodore",
            ["Input.Publisher"] = "Richard Bentley",
        });
        using var listing = await client.GetAsync(post.Headers.Location);
        using var later = await client.GetAsync("/");

        post.StatusCode.Should().Be(HttpStatusCode.Redirect);
        Cookies(post).Should().Contain(cookie => cookie.StartsWith(TempDataCookie, StringComparison.Ordinal));
        (await listing.Content.ReadAsStringAsync()).Should().Contain("Added “Lodore” by Mary Shelley");
        Cookies(listing).Should().Contain(cookie => cookie.StartsWith(TempDataCookie + ";", StringComparison.Ordinal) && cookie.Contains("expires=Thu, 01 Jan 1970"));
        Cookies(later).Should().NotContain(cookie => cookie.StartsWith(TempDataCookie, StringComparison.Ordinal));
        (await later.Content.ReadAsStringAsync()).Should().NotContain("Added “Lodore”");
    }

    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
}
