using System.Net;
using BookData.Web.Tests.Support;

namespace BookData.Web.Tests.Pages;

public sealed class SignInRateLimitTests(SignInRateLimitTests.OneWriteAppFactory factory) : IClassFixture<SignInRateLimitTests.OneWriteAppFactory>
{
    [Fact]
    public async Task PostSignIn_GuessesOverWriteLimit_Returns429HtmlPageEvenForTheRightKey()
    {
        var client = factory.CreateNonRedirectingClient();
        var token = await FormPost.ReadTokenAsync(client, "/signin");

        using var guess = await client.PostAsync("/signin", Form("not-the-editor-key-at-all", token));
        using var right = await client.PostAsync("/signin", Form(CatalogAppFactory.EditorKey, token));

        guess.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        right.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        right.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        right.Content.Headers.ContentType.CharSet.Should().Be("utf-8");
        right.Headers.RetryAfter!.Delta.Should().BePositive();
        var html = await right.Content.ReadAsStringAsync();
        html.Should().StartWith("<!DOCTYPE html>").And.Contain("<h1>Too many changes</h1>")
            .And.Contain($"try again in {(int)right.Headers.RetryAfter.Delta!.Value.TotalSeconds} seconds");
        right.Headers.TryGetValues("Set-Cookie", out var cookies);
        (cookies ?? []).Should().NotContain(cookie => cookie.StartsWith("BookData.Editor=", StringComparison.Ordinal));
    }

    private static FormUrlEncodedContent Form(string key, string token) =>
        new(new Dictionary<string, string> { ["Key"] = key, [FormPost.TokenField] = token });

    public sealed class OneWriteAppFactory : CatalogAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["BookData:WriteRateLimit:PermitLimit"] = "1",
            ["BookData:WriteRateLimit:Window"] = "01:00:00",
        };
    }
}
