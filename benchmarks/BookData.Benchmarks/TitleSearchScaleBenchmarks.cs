using BenchmarkDotNet.Attributes;
using BookData.Benchmarks.Catalog;
using BookData.Benchmarks.EfCore;
using BookData.Benchmarks.RawAdoNet;
using BookData.Books;
using BookData.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace BookData.Benchmarks;

/// <summary>
/// Title search on a catalog of <see cref="Books"/> books (1,000,000; 100,000 in the smoke run): one page of 50 with
/// its total count, for a selective text (a two-word phrase, about a hundred matches) and an unselective one
/// (<c>the</c>, in most titles). BookData (the trigram index of migration 0002, or the scan where that is faster)
/// against the LIKE scan it replaced, run as raw ADO.NET, and EF Core's LINQ <c>Contains</c>.
/// </summary>
public class TitleSearchScaleBenchmarks
{
    private BenchmarkCatalog catalog = null!;
    private BookRepository books = null!;
    private RawConnections raw = null!;
    private PooledDbContextFactory<CatalogContext> contexts = null!;

    /// <summary>The catalog's size: 1,000,000 books; the smoke run sets 100,000.</summary>
    public static int Books { get; set; } = 1_000_000;

    /// <summary>20,000 authors (the generator's vocabulary makes 24,000 names), 50 books each at a million.</summary>
    public static CatalogShape Shape => CatalogShape.ForBooks(Books) with { Authors = 20_000 };

    /// <summary>The text searched for.</summary>
    [Params("Salt Moon", "the")]
    public string Text { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        catalog = BenchmarkCatalog.Create(Shape);
        books = new BookRepository(new Connections.BookDataConnectionFactory(catalog.Options));
        raw = new RawConnections(catalog.Options);
        contexts = CatalogBenchmarks.CreateEfFactory(catalog.Options);
    }

    [GlobalCleanup]
    public void Cleanup() => catalog.Dispose();

    [Benchmark, BenchmarkCategory(Operations.TitleSearchScale)]
    public Task<Page<BookSummary>> TitleSearchScale_BookData() => books.SearchByTitleAsync(Text, 1, CatalogWorkload.SearchPageSize);

    [Benchmark(Baseline = true), BenchmarkCategory(Operations.TitleSearchScale)]
    public Task<Page<BookSummary>> TitleSearchScale_RawLikeScan() =>
        RawTitleSearch.FirstPageAsync(raw, Text, CatalogWorkload.SearchPageSize);

    [Benchmark, BenchmarkCategory(Operations.TitleSearchScale)]
    public async Task<Page<BookSummary>> TitleSearchScale_EfCoreLinq()
    {
        // string.Contains becomes instr() > 0 on SQLite: case-sensitive, so the LIKE form is the one with the same answer.
        var pattern = TitleSearch.LikePattern(CatalogText.Normalize(Text));
        var pageSize = CatalogWorkload.SearchPageSize;
        await using var context = contexts.CreateDbContext();
        await using var snapshot = await CatalogBenchmarks.BeginEfSnapshotAsync(context);
        var matching = context.Books.AsNoTracking().Where(b => EF.Functions.Like(b.Title, pattern, "\\"));
        var total = await matching.LongCountAsync();
        var items = await matching
            .OrderBy(b => b.Title).ThenBy(b => b.Author!.LastName).ThenBy(b => b.Author!.FirstName).ThenBy(b => b.BookId)
            .Take(pageSize)
            .Select(b => new BookSummary(b.BookId, b.Title, b.AuthorId, b.Author!.FirstName, b.Author.LastName))
            .ToListAsync();
        await snapshot.CommitAsync();
        return new Page<BookSummary>(items, 1, pageSize, total);
    }
}
