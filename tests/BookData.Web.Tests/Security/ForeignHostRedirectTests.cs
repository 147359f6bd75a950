using System.Net;
using System.Net.Http.Json;
using BookData.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BookData.Web.Tests.Security;

/// <summary>
/// With host filtering off (<c>AllowedHosts: *</c>, as behind a proxy that forwards any name), a request for
/// <c>Host: evil.example</c> must never be redirected to that host: every <c>Location</c> is a path on this site.
/// </summary>
public sealed class ForeignHostRedirectTests(ForeignHostRedirectTests.AnyHostAppFactory factory) : IClassFixture<ForeignHostRedirectTests.AnyHostAppFactory>
{
    private const string ForeignHost = "evil.example";

    [Fact]
    public async Task GetAddBook_ForeignHostNotSignedIn_RedirectsToRelativeSignIn()
    {
        using var response = await ForeignClient().GetAsync("/books/add");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/signin?ReturnUrl=%2Fbooks%2Fadd");
    }

    [Fact]
    public async Task PostSignIn_ForeignHost_RedirectsToRelativeReturnUrl()
    {
        var client = ForeignClient();

        using var response = await FormPost.PostAsync(client, "/signin", new Dictionary<string, string> { ["Key"] = CatalogAppFactory.EditorKey });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/books/add");
    }

    [Fact]
    public async Task PostAddBook_ForeignHost_RedirectsToRelativeListingAndAddsTheBook()
    {
        var client = ForeignClient();
        using (await FormPost.PostAsync(client, "/signin", new Dictionary<string, string> { ["Key"] = CatalogAppFactory.EditorKey }))
        {
        }

        using var response = await FormPost.PostAsync(client, "/books/add", new Dictionary<string, string>
        {
            ["Input.Author"] = "Mary Shelley",
            ["Input.Title"] = "The Last Man",
            ["Input.Publisher"] = "Henry Colburn",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/books?search=The%20Last%20Man");
        (await Catalog.HasTitleAsync(factory, "The Last Man")).Should().BeTrue();
    }

    [Fact]
    public async Task PostSignOut_ForeignHost_RedirectsToRelativeOverview()
    {
        var client = ForeignClient();
        using (await FormPost.PostAsync(client, "/signin", new Dictionary<string, string> { ["Key"] = CatalogAppFactory.EditorKey }))
        {
        }

        var token = await FormPost.ReadTokenAsync(client, "/");

        using var response = await client.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string> { [FormPost.TokenField] = token }));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/");
    }

    [Fact]
    public async Task GetSignOut_ForeignHost_RedirectsToRelativeOverview()
    {
        using var response = await ForeignClient().GetAsync("/signout");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/");
    }

    [Fact]
    public async Task PostBooksApi_ForeignHost_CreatedLocationIsRelative()
    {
        var client = ForeignClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", CatalogAppFactory.EditorKey);

        using var response = await client.PostAsJsonAsync("/api/books", new { author = "Mary Shelley", title = "Valperga", publisher = "G. and W. B. Whittaker" });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.Location!.IsAbsoluteUri.Should().BeFalse();
        response.Headers.Location.OriginalString.Should().MatchRegex("^/api/books/[0-9]+$");
    }

    [Fact]
    public void Start_AnyHostOutsideDevelopment_WarnsNamingAllowedHosts()
    {
        factory.StartServer();

        factory.Logs.Entries.Should().ContainSingle(entry => entry.EventId.Name == "AnyHostAllowed")
            .Which.Message.Should().Contain("AllowedHosts is '*'").And.Contain("set AllowedHosts to this site's host names");
    }

    [Theory]
    [InlineData("http", "localhost:99999", "http://localhost:99999/signin?ReturnUrl=%2Fbooks%2Fadd", "/signin?ReturnUrl=%2Fbooks%2Fadd")]
    [InlineData("http", "", "http:///signin?ReturnUrl=%2Fbooks%2Fadd", "/signin?ReturnUrl=%2Fbooks%2Fadd")]
    [InlineData("http", "evil..example", "http://evil..example/signin", "/signin")]
    [InlineData("http", "evil.example", "http://evil.example//other.example/x", "/other.example/x")]
    [InlineData("http", "evil.example", "http://evil.example/\\other.example", "/other.example")]
    [InlineData("http", "evil.example", "http://evil.example?x=1", "/?x=1")]
    [InlineData("http", "evil.example", "http://evil.example", "/")]
    public void ToRelative_OwnOriginEvenWhenUnparsable_IsCutToASingleSlashPath(string scheme, string host, string location, string expected)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Host = new Microsoft.AspNetCore.Http.HostString(host);

        BookData.Web.Security.RelativeRedirects.ToRelative(context.Request, location).Should().Be(expected);
    }

    [Theory]
    [InlineData("evil.example", "https://evil.example/signin")]
    [InlineData("evil.example", "http://evil.example.other/signin")]
    [InlineData("evil.example:80", "http://evil.example:8080/signin")]
    [InlineData("evil.example", "/signin")]
    public void ToRelative_OtherSchemeHostOrRelative_IsLeftAlone(string host, string location)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new Microsoft.AspNetCore.Http.HostString(host);

        BookData.Web.Security.RelativeRedirects.ToRelative(context.Request, location).Should().BeNull();
    }

    private HttpClient ForeignClient() =>
        factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri($"http://{ForeignHost}/"),
        });

    public sealed class AnyHostAppFactory : CatalogAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["AllowedHosts"] = "*",
        };
    }
}
