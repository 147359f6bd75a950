using BenchmarkDotNet.Attributes;
using BookData.Benchmarks.Catalog;

namespace BookData.Benchmarks;

/// <summary>
/// What every competitor shares: the 100,000-book catalog (and a 10,000-book one for the hierarchy's
/// scaling), created once per benchmark class from the same generated file, and the same inputs.
/// </summary>
public abstract class CatalogBenchmarks
{
    private BenchmarkCatalog? small;

    protected BenchmarkCatalog Catalog { get; private set; } = null!;

    protected CatalogWorkload Workload { get; private set; } = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        Catalog = BenchmarkCatalog.Create(CatalogShape.Default);
        small = BenchmarkCatalog.Create(CatalogShape.ForBooks(10_000));
        Workload = new CatalogWorkload(Catalog);
        Setup();
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        Cleanup();
        Catalog.Dispose();
        small?.Dispose();
    }

    /// <summary>Add-book of new books is measured in batches; the added books are deleted after each iteration.</summary>
    [IterationCleanup(Targets = [nameof(Operations.AddBookNew), "AddBookNewLinq", "AddBookNewRawSql"])]
    public void RemoveAddedBooks() => Catalog.RemoveAddedBooks();

    /// <summary>The catalog with <paramref name="books"/> books (10,000 or 100,000).</summary>
    protected BenchmarkCatalog CatalogFor(int books) =>
        books == Catalog.Shape.Books ? Catalog
        : books == small!.Shape.Books ? small
        : throw new ArgumentOutOfRangeException(nameof(books), books, "The suite generates catalogs of 10,000 and 100,000 books.");

    protected abstract void Setup();

    protected virtual void Cleanup()
    {
    }
}
