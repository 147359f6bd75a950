using System.Net;
using BookData.Web.Tests.Support;

namespace BookData.Web.Tests.Pages;

public sealed class SignInPageTests(CatalogAppFactory factory) : IClassFixture<CatalogAppFactory>
{
    [Fact]
    public async Task GetAddBook_NotSignedIn_RedirectsToSignInWithReturnUrl()
    {
        using var response = await factory.CreateNonRedirectingClient().GetAsync("/books/add");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/signin").And.Contain("ReturnUrl=%2Fbooks%2Fadd");
    }

    [Fact]
    public async Task PostSignIn_WrongKey_Returns401WithFieldErrorAndSetsNoEditorCookie()
    {
        var client = factory.CreateNonRedirectingClient();

        using var response = await FormPost.PostAsync(client, "/signin", new Dictionary<string, string> { ["Key"] = "not-the-editor-key-at-all" });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("That is not the editor key.");
        response.Headers.TryGetValues("Set-Cookie", out var cookies);
        (cookies ?? []).Should().NotContain(cookie => cookie.StartsWith("BookData.Editor=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostSignIn_EmptyKey_Returns401WithRequiredMessage()
    {
        using var response = await FormPost.PostAsync(factory.CreateClient(), "/signin", new Dictionary<string, string> { ["Key"] = "" });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Enter the editor key.");
    }

    [Fact]
    public async Task PostSignIn_RightKey_SetsHttpOnlyStrictCookieAndRedirectsToReturnUrl()
    {
        var client = factory.CreateNonRedirectingClient();

        using var response = await FormPost.PostAsync(client, "/signin?ReturnUrl=%2Fbooks%2Fadd", new Dictionary<string, string>
        {
            ["Key"] = CatalogAppFactory.EditorKey,
            ["ReturnUrl"] = "/books/add",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("/books/add");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith("BookData.Editor=", StringComparison.Ordinal));
        cookie.Should().Contain("httponly").And.Contain("samesite=strict");
        using var form = await client.GetAsync("/books/add");
        form.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PostSignIn_ExternalReturnUrl_RedirectsToAddBookInstead()
    {
        var client = factory.CreateNonRedirectingClient();

        using var response = await FormPost.PostAsync(client, "/signin", new Dictionary<string, string>
        {
            ["Key"] = CatalogAppFactory.EditorKey,
            ["ReturnUrl"] = "https://evil.example/",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("/books/add");
    }

    [Fact]
    public async Task PostSignIn_NonAsciiReturnUrl_RedirectsThereEscapedAndSignsIn()
    {
        var client = factory.CreateNonRedirectingClient();

        using var response = await FormPost.PostAsync(client, "/signin", new Dictionary<string, string>
        {
            ["Key"] = CatalogAppFactory.EditorKey,
            ["ReturnUrl"] = "/books?search=café",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/books?search=caf%C3%A9");
        response.Headers.GetValues("Set-Cookie").Should().Contain(value => value.StartsWith("BookData.Editor=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostSignOut_SignedIn_AddBookNeedsSignInAgain()
    {
        var client = factory.CreateNonRedirectingClient();
        using var signIn = await FormPost.PostAsync(client, "/signin", new Dictionary<string, string> { ["Key"] = CatalogAppFactory.EditorKey });
        var token = await FormPost.ReadTokenAsync(client, "/books/add");

        using var signOut = await client.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string> { [FormPost.TokenField] = token }));
        using var form = await client.GetAsync("/books/add");

        signOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        form.StatusCode.Should().Be(HttpStatusCode.Redirect);
        form.Headers.Location!.ToString().Should().Contain("/signin");
    }
}
