using BenchmarkDotNet.Attributes;
using BookData.Benchmarks.Catalog;

namespace BookData.Benchmarks;

/// <summary>
/// Every competitor on every operation, on the same catalog: 100,000 books (and 10,000 for the hierarchy's
/// scaling), created once per benchmark from the same generated file, and the same inputs. One file per
/// competitor (<c>CatalogBenchmarks.*.cs</c>); methods are named <c>Operation_Competitor</c>, and each
/// operation's raw ADO.NET method is the baseline its ratios are measured against.
/// </summary>
[MemoryDiagnoser]
public partial class CatalogBenchmarks
{
    private BenchmarkCatalog? small;
    private ImportInput? importTarget;

    protected BenchmarkCatalog Catalog { get; private set; } = null!;

    protected CatalogWorkload Workload { get; private set; } = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        Catalog = BenchmarkCatalog.Create(CatalogShape.Default);
        small = BenchmarkCatalog.Create(CatalogShape.ForBooks(10_000));
        Workload = new CatalogWorkload(Catalog);
        SetupRawAdoNet();
        SetupBookData();
        SetupEfCore();
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        Catalog.Dispose();
        small?.Dispose();
        importTarget?.Dispose();
    }

    /// <summary>Add-book of new books is measured in batches; the added books are deleted after each iteration.</summary>
    [IterationCleanup(Targets = [nameof(AddBookNew_RawAdoNet), nameof(AddBookNew_BookData), nameof(AddBookNew_EfCoreLinq), nameof(AddBookNew_EfCoreRawSql)])]
    public void RemoveAddedBooks() => Catalog.RemoveAddedBooks();

    /// <summary>Every import writes into a fresh empty catalog, made before the iteration and deleted after it.</summary>
    [IterationSetup(Targets = [nameof(Import_RawAdoNet), nameof(Import_BookData), nameof(Import_EfCoreLinq), nameof(Import_EfCoreRawSql)])]
    public void CreateImportTarget()
    {
        importTarget?.Dispose();
        importTarget = ImportInput.CreateTarget();
    }

    [IterationCleanup(Targets = [nameof(Import_RawAdoNet), nameof(Import_BookData), nameof(Import_EfCoreLinq), nameof(Import_EfCoreRawSql)])]
    public void DeleteImportTarget()
    {
        importTarget?.Dispose();
        importTarget = null;
    }

    /// <summary>What the last import wrote, read back through BookData, for the result check.</summary>
    public Task<IReadOnlyList<Reports.AuthorWithBooks>> ImportedCatalogAsync() =>
        new Reports.CatalogReports(new Connections.BookDataConnectionFactory(ImportTarget.Options)).GetHierarchyAsync();

    /// <summary>The empty catalog the current import iteration writes to.</summary>
    protected ImportInput ImportTarget => importTarget ?? throw new InvalidOperationException("No import target: CreateImportTarget runs before each import.");

    /// <summary>The catalog with <paramref name="books"/> books (10,000 or 100,000).</summary>
    protected BenchmarkCatalog CatalogFor(int books) =>
        books == Catalog.Shape.Books ? Catalog
        : books == small!.Shape.Books ? small
        : throw new ArgumentOutOfRangeException(nameof(books), books, "The suite generates catalogs of 10,000 and 100,000 books.");
}
