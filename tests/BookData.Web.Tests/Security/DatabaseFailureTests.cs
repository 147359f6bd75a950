using System.Net;
using System.Security.Cryptography;
using BookData.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace BookData.Web.Tests.Security;

public sealed class DatabaseFailureTests(CatalogAppFactory factory) : IClassFixture<CatalogAppFactory>
{
    [Fact]
    public async Task Requests_DatabaseFileDestroyedWhileRunning_Return503WithoutInternals()
    {
        var client = factory.CreateClient();
        (await client.GetAsync("/api/authors")).EnsureSuccessStatusCode();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            File.Delete(factory.DatabasePath + suffix);
        }

        await File.WriteAllBytesAsync(factory.DatabasePath, RandomNumberGenerator.GetBytes(8192));

        using var api = await client.GetAsync("/api/reports/books-per-publisher");
        using var page = await client.GetAsync("/authors");
        using var health = await client.GetAsync("/health");

        var problem = await api.Content.ReadAsStringAsync();
        api.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        api.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        problem.Should().Contain("The catalog database is unavailable right now");
        page.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("The catalog database is unavailable right now");
        foreach (var body in new[] { problem, html })
        {
            body.Should().NotContain(factory.DatabasePath).And.NotContain("SQLite").And.NotContain("   at ").And.NotContain("SELECT");
        }

        health.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await health.Content.ReadAsStringAsync()).Should().Be("Unhealthy");

        // What the client does not see, the operator does: the API's 503 is logged with its reason and exception.
        factory.Logs.Entries.Should().Contain(entry =>
            entry.EventId.Id == 3
            && entry.Level == LogLevel.Error
            && entry.Category == "BookData.Web.Errors.CatalogExceptionHandler"
            && entry.Message.StartsWith("GET /api/reports/books-per-publisher answered 503: ", StringComparison.Ordinal)
            && entry.Message.Contains(factory.DatabasePath, StringComparison.Ordinal)
            && entry.Exception is BookDataDatabaseException);
    }
}
