using BenchmarkDotNet.Attributes;
using BookData.Authors;
using BookData.Benchmarks.Catalog;
using BookData.Books;
using BookData.Connections;
using BookData.Reports;

namespace BookData.Benchmarks;

/// <summary>
/// BookData's reads on PostgreSQL beside the same reads on SQLite, on the same generated catalog (100,000
/// books, and 10,000 for the hierarchy), copied with its ids into a PostgreSQL database. Part of the run only
/// when <c>BOOKDATA_BENCH_POSTGRES</c> names a server; SQLite is each operation's baseline. Each provider
/// has its own workload, so both look up the same author ids in the same order.
/// </summary>
[MemoryDiagnoser]
public class PostgreSqlBenchmarks
{
    private BenchmarkCatalog sqliteCatalog = null!;
    private BenchmarkCatalog sqliteSmall = null!;
    private Provider sqlite = null!;
    private Provider postgreSql = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        var connectionString = PostgreSqlCatalog.ConnectionString
            ?? throw new InvalidOperationException($"{PostgreSqlCatalog.ConnectionVariable} is not set: these benchmarks need a PostgreSQL server.");
        sqliteCatalog = BenchmarkCatalog.Create(CatalogShape.Default);
        sqliteSmall = BenchmarkCatalog.Create(CatalogShape.ForBooks(10_000));
        sqlite = new Provider(sqliteCatalog.Options, sqliteSmall.Options, new CatalogWorkload(sqliteCatalog));
        postgreSql = new Provider(
            PostgreSqlCatalog.Create(sqliteCatalog, connectionString).Options,
            PostgreSqlCatalog.Create(sqliteSmall, connectionString).Options,
            new CatalogWorkload(sqliteCatalog));
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        sqliteCatalog.Dispose();
        sqliteSmall.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory(Operations.GetAuthorById)]
    public Task<Author?> GetAuthorById_Sqlite() => sqlite.GetAuthorById();

    [Benchmark, BenchmarkCategory(Operations.GetAuthorById)]
    public Task<Author?> GetAuthorById_PostgreSql() => postgreSql.GetAuthorById();

    [Benchmark(Baseline = true), BenchmarkCategory(Operations.TitleSearchPage)]
    public Task<Page<BookSummary>> TitleSearchPage_Sqlite() => sqlite.TitleSearchPage();

    [Benchmark, BenchmarkCategory(Operations.TitleSearchPage)]
    public Task<Page<BookSummary>> TitleSearchPage_PostgreSql() => postgreSql.TitleSearchPage();

    [Benchmark(Baseline = true), BenchmarkCategory(Operations.BooksPerPublisher)]
    public Task<IReadOnlyList<PublisherBookCount>> BooksPerPublisher_Sqlite() => sqlite.Reports.BooksPerPublisherAsync(SortOrder.Descending);

    [Benchmark, BenchmarkCategory(Operations.BooksPerPublisher)]
    public Task<IReadOnlyList<PublisherBookCount>> BooksPerPublisher_PostgreSql() => postgreSql.Reports.BooksPerPublisherAsync(SortOrder.Descending);

    [Benchmark(Baseline = true), BenchmarkCategory(Operations.AuthorsPerPublisher)]
    public Task<IReadOnlyList<PublisherAuthorCount>> AuthorsPerPublisher_Sqlite() => sqlite.Reports.AuthorsPerPublisherAsync(SortOrder.Descending);

    [Benchmark, BenchmarkCategory(Operations.AuthorsPerPublisher)]
    public Task<IReadOnlyList<PublisherAuthorCount>> AuthorsPerPublisher_PostgreSql() => postgreSql.Reports.AuthorsPerPublisherAsync(SortOrder.Descending);

    [Benchmark(Baseline = true), BenchmarkCategory(Operations.Counts)]
    public Task<CatalogCounts> Counts_Sqlite() => sqlite.Reports.GetCountsAsync();

    [Benchmark, BenchmarkCategory(Operations.Counts)]
    public Task<CatalogCounts> Counts_PostgreSql() => postgreSql.Reports.GetCountsAsync();

    [Benchmark(Baseline = true), BenchmarkCategory(Operations.Hierarchy)]
    [Arguments(10_000)]
    [Arguments(100_000)]
    public Task<IReadOnlyList<AuthorWithBooks>> Hierarchy_Sqlite(int books) => sqlite.Hierarchy(books);

    [Benchmark, BenchmarkCategory(Operations.Hierarchy)]
    [Arguments(10_000)]
    [Arguments(100_000)]
    public Task<IReadOnlyList<AuthorWithBooks>> Hierarchy_PostgreSql(int books) => postgreSql.Hierarchy(books);

    /// <summary>BookData's repositories on one provider: one singleton connection factory per catalog, as an application holds it.</summary>
    private sealed class Provider
    {
        private readonly AuthorRepository authors;
        private readonly BookRepository books;
        private readonly CatalogReports smallReports;
        private readonly CatalogWorkload workload;

        public Provider(BookDataOptions catalog, BookDataOptions small, CatalogWorkload workload)
        {
            var factory = new BookDataConnectionFactory(catalog);
            authors = new AuthorRepository(factory);
            books = new BookRepository(factory);
            Reports = new CatalogReports(factory);
            smallReports = new CatalogReports(new BookDataConnectionFactory(small));
            this.workload = workload;
        }

        public CatalogReports Reports { get; }

        public Task<Author?> GetAuthorById() => authors.GetByIdAsync(workload.NextAuthorId());

        public Task<Page<BookSummary>> TitleSearchPage() => books.SearchByTitleAsync(CatalogWorkload.SearchText, 1, CatalogWorkload.SearchPageSize);

        public Task<IReadOnlyList<AuthorWithBooks>> Hierarchy(int count) =>
            count == CatalogShape.Default.Books ? Reports.GetHierarchyAsync() : smallReports.GetHierarchyAsync();
    }
}
