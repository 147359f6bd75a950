using BenchmarkDotNet.Attributes;
using BookData.Authors;
using BookData.Benchmarks.Catalog;
using BookData.Books;
using BookData.Connections;
using BookData.Import;
using BookData.Reports;

namespace BookData.Benchmarks;

/// <summary>BookData's repositories, as an application calls them: one singleton connection factory, one call per operation.</summary>
public partial class CatalogBenchmarks
{
    private AuthorRepository authors = null!;
    private BookRepository books = null!;
    private CatalogReports reports = null!;
    private CatalogReports smallReports = null!;

    private void SetupBookData()
    {
        var factory = new BookDataConnectionFactory(Catalog.Options);
        authors = new AuthorRepository(factory);
        books = new BookRepository(factory);
        reports = new CatalogReports(factory);
        smallReports = new CatalogReports(new BookDataConnectionFactory(CatalogFor(10_000).Options));
    }

    [Benchmark, BenchmarkCategory(Operations.GetAuthorById)]
    public Task<Author?> GetAuthorById_BookData() => authors.GetByIdAsync(Workload.NextAuthorId());

    [Benchmark, BenchmarkCategory(Operations.TitleSearchPage)]
    public Task<Page<BookSummary>> TitleSearchPage_BookData() =>
        books.SearchByTitleAsync(CatalogWorkload.SearchText, 1, CatalogWorkload.SearchPageSize);

    [Benchmark, BenchmarkCategory(Operations.BooksPerPublisher)]
    public Task<IReadOnlyList<PublisherBookCount>> BooksPerPublisher_BookData() => reports.BooksPerPublisherAsync(SortOrder.Descending);

    [Benchmark, BenchmarkCategory(Operations.Hierarchy)]
    [Arguments(10_000)]
    [Arguments(100_000)]
    public Task<IReadOnlyList<AuthorWithBooks>> Hierarchy_BookData(int books) =>
        (books == Catalog.Shape.Books ? reports : smallReports).GetHierarchyAsync();

    [Benchmark(OperationsPerInvoke = Operations.AddBookBatch), BenchmarkCategory(Operations.AddBookNew)]
    public async Task<AddBookResult> AddBookNew_BookData()
    {
        AddBookResult result = null!;
        for (var i = 0; i < Operations.AddBookBatch; i++)
        {
            result = await books.AddBookAsync(AuthorName.Create(Workload.ExistingFirstName, Workload.ExistingLastName), Workload.NextNewTitle(), Workload.ExistingPublisher);
        }

        return result;
    }

    [Benchmark, BenchmarkCategory(Operations.AddBookExisting)]
    public Task<AddBookResult> AddBookExisting_BookData() =>
        books.AddBookAsync(AuthorName.Create(Workload.ExistingFirstName, Workload.ExistingLastName), Workload.ExistingTitle, Workload.ExistingPublisher);

    [Benchmark, BenchmarkCategory(Operations.Import)]
    public async Task<long> Import_BookData()
    {
        var importer = new CatalogImporter(new BookDataConnectionFactory(ImportTarget.Options));
        var summary = await importer.ImportAsync(ImportInput.CsvPath);
        return summary.RowsRead;
    }
}
