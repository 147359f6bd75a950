using BookData.Authors;
using BookData.Books;
using BookData.Connections;
using BookData.Reports;
using BookData.Tests.Support;

namespace BookData.Tests.Guarantees;

/// <summary>Many readers and writers on separate connections: no "database is locked", no lost write, no torn state.</summary>
public abstract class ConcurrentWritersTests
{
    protected abstract BookDataProvider Provider { get; }

    /// <summary>A new migrated database for one test: straight to the server, or through a pooler in the pooled subclass.</summary>
    protected virtual Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(Provider);

    private const int Workers = 16;
    private const int OperationsPerWorker = 40;

    [ProviderFact]
    public async Task MixedReadsAndAddBook_SixteenConnections_NoErrorNoLostWriteNoTornRead()
    {
        await using var db = await CreateDatabaseAsync();
        var expected = new System.Collections.Concurrent.ConcurrentBag<(string Author, string Title, string Publisher)>();
        var tornReads = 0;

        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            // Each worker has its own factory, so its own pooled connections.
            var factory = new BookDataConnectionFactory(db.Options);
            var books = new BookRepository(factory);
            var reports = new CatalogReports(factory);
            for (var i = 0; i < OperationsPerWorker; i++)
            {
                if (i % 2 == 0)
                {
                    var row = ($"Author {worker % 5} Writer{worker}", $"Book {worker}-{i}", $"Publisher {i % 7}");
                    await books.AddBookAsync(AuthorName.FromFullName(row.Item1), row.Item2, row.Item3);
                    expected.Add(row);
                }
                else
                {
                    var tree = await reports.GetHierarchyAsync();
                    if (tree.SelectMany(a => a.Books).Any(b => b.Publishers.Count == 0))
                    {
                        Interlocked.Increment(ref tornReads);
                    }

                    var perPublisher = await reports.BooksPerPublisherAsync();
                    var counts = await reports.GetCountsAsync();
                    if (perPublisher.Sum(p => p.TotalBooks) > counts.BookPublisherLinks)
                    {
                        Interlocked.Increment(ref tornReads);
                    }
                }
            }
        }));
        await Task.WhenAll(workers);

        tornReads.Should().Be(0);
        var final = await new CatalogReports(db.Factory).GetHierarchyAsync();
        var stored = final.SelectMany(a => a.Books.SelectMany(b => b.Publishers.Select(p => (a.FullName, b.Title, p.Name)))).ToHashSet();
        stored.Should().HaveCount(Workers * OperationsPerWorker / 2);
        foreach (var row in expected)
        {
            var (first, last) = (AuthorName.FromFullName(row.Author).FirstName, AuthorName.FromFullName(row.Author).LastName);
            stored.Should().Contain(($"{first} {last}", row.Title, row.Publisher));
        }
    }
}
