using System.Net;
using System.Net.Http.Json;
using BookData.Books;
using BookData.Web.Tests.Support;

namespace BookData.Web.Tests.Api;

public sealed class ConcurrentWritesTests(CatalogAppFactory factory) : IClassFixture<CatalogAppFactory>
{
    private const int Clients = 16;
    private const int Writes = 200;

    [Fact]
    public async Task PostBooks_200ConcurrentWritesFrom16Clients_AllLandWithoutServerErrors()
    {
        var before = await Catalog.CountsAsync(factory);
        var clients = Enumerable.Range(0, Clients).Select(_ => factory.CreateEditorClient()).ToArray();

        var writes = Enumerable.Range(0, Writes).Select(async i =>
        {
            await Task.Yield();
            var client = clients[i % Clients];
            using var response = await client.PostAsJsonAsync("/api/books", new
            {
                author = $"Concurrent Author{i % 7}",
                title = $"Concurrent Book {i:D3}",
                publisher = $"Concurrent Press {i % 5}",
            });
            return response.StatusCode;
        }).ToArray();
        var statuses = await Task.WhenAll(writes);

        statuses.Should().OnlyContain(status => status == HttpStatusCode.Created);
        var after = await Catalog.CountsAsync(factory);
        after.Books.Should().Be(before.Books + Writes);
        after.Authors.Should().Be(before.Authors + 7);
        after.Publishers.Should().Be(before.Publishers + 5);
        after.BookPublisherLinks.Should().Be(before.BookPublisherLinks + Writes);
        var stored = await new BookRepository(factory.OpenDatabase()).SearchByTitleAsync("Concurrent Book", 1, Writes);
        stored.Items.Select(book => book.Title).Should().BeEquivalentTo(Enumerable.Range(0, Writes).Select(i => $"Concurrent Book {i:D3}"));
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
