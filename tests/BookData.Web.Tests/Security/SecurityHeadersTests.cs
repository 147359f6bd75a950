using BookData.Web.Tests.Support;

namespace BookData.Web.Tests.Security;

public sealed class SecurityHeadersTests(CatalogAppFactory factory) : IClassFixture<CatalogAppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/books")]
    [InlineData("/api/authors")]
    [InlineData("/api/books/999999")]
    [InlineData("/no/such/page")]
    public async Task AnyResponse_CarriesCspNosniffAndFrameOptions(string path)
    {
        using var response = await factory.CreateClient().GetAsync(path);

        response.Headers.GetValues("Content-Security-Policy").Single()
            .Should().Contain("default-src 'none'").And.Contain("frame-ancestors 'none'").And.Contain("form-action 'self'");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("no-referrer");
        response.Headers.Contains("Server").Should().BeFalse();
    }
}
