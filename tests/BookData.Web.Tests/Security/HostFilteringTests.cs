using System.Net;
using BookData.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BookData.Web.Tests.Security;

/// <summary>The sample's own <c>appsettings.json</c> serves only <c>localhost</c>: any other <c>Host</c> gets 400.</summary>
public sealed class HostFilteringTests(CatalogAppFactory factory) : IClassFixture<CatalogAppFactory>
{
    [Theory]
    [InlineData("/books/add")]
    [InlineData("/")]
    [InlineData("/api/authors")]
    public async Task Get_ForeignHostWithDefaultSettings_Returns400WithoutLocation(string path)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("http://evil.example/"),
        });

        using var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
    }

    [Theory]
    [InlineData("http://localhost/")]
    [InlineData("http://127.0.0.1:5080/")]
    [InlineData("http://[::1]:5080/")]
    public async Task Get_LocalHostWithDefaultSettings_Returns200AndLogsNoHostWarning(string baseAddress)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress) });

        using var response = await client.GetAsync("/");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        factory.Logs.Entries.Should().NotContain(entry => entry.EventId.Name == "AnyHostAllowed");
    }
}
