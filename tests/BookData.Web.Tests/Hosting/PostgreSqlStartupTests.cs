using System.Net;
using System.Net.Http.Json;
using BookData.Web.Tests.Support;

namespace BookData.Web.Tests.Hosting;

/// <summary>The app on a PostgreSQL connection string, each test on a fresh database of its own.</summary>
public sealed class PostgreSqlStartupTests
{
    [PostgreSqlFact]
    public async Task Start_PostgreSqlConnectionString_CreatesAndSeedsCatalogServedByApi()
    {
        await using var factory = new PostgreSqlAppFactory(seedSampleData: true);

        var json = await factory.CreateClient().GetStringAsync("/api/reports/books-per-publisher");

        json.Should().Be("""[{"publisher":"Random House","totalBooks":4},{"publisher":"Simon & Schuster","totalBooks":4},{"publisher":"Berkley","totalBooks":2},{"publisher":"Penguin Random House","totalBooks":2}]""");
    }

    [PostgreSqlFact]
    public async Task PostBook_PostgreSqlConnectionString_StoredAndReadBackThroughApi()
    {
        await using var factory = new PostgreSqlAppFactory(seedSampleData: false);
        var client = factory.CreateEditorClient();

        using var created = await client.PostAsJsonAsync("/api/books", new { author = "Ann Leckie", title = "Ancillary Justice", publisher = "Orbit" });
        using var again = await client.PostAsJsonAsync("/api/books", new { author = "ann leckie", title = "ANCILLARY JUSTICE", publisher = "orbit" });
        var json = await client.GetStringAsync("/api/reports/books-per-author");

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        json.Should().Be("""[{"author":"Ann Leckie","totalBooks":1}]""");
    }
}
