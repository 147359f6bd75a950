using BenchmarkDotNet.Attributes;
using BookData.Benchmarks.Catalog;
using BookData.Connections;
using BookData.Reports;

namespace BookData.Benchmarks;

/// <summary>
/// The reports that read <c>book_publisher</c>, through BookData, on the 100,000-book catalog with and
/// without migration 0001's <c>ix_book_publisher_publisher</c> (the copy without it is vacuumed).
/// </summary>
[MemoryDiagnoser]
public class PublisherIndexBenchmarks
{
    private BenchmarkCatalog catalog = null!;
    private CatalogReports reports = null!;

    [Params(true, false)]
    public bool PublisherIndex { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        catalog = BenchmarkCatalog.Create(CatalogShape.Default, PublisherIndex);
        reports = new CatalogReports(new BookDataConnectionFactory(catalog.Options));
    }

    [GlobalCleanup]
    public void GlobalCleanup() => catalog.Dispose();

    [Benchmark, BenchmarkCategory("IndexBooksPerPublisher")]
    public Task<IReadOnlyList<PublisherBookCount>> BooksPerPublisher() => reports.BooksPerPublisherAsync();

    [Benchmark, BenchmarkCategory("IndexAuthorsPerPublisher")]
    public Task<IReadOnlyList<PublisherAuthorCount>> AuthorsPerPublisher() => reports.AuthorsPerPublisherAsync();

    [Benchmark, BenchmarkCategory("IndexCounts")]
    public Task<CatalogCounts> Counts() => reports.GetCountsAsync();
}
