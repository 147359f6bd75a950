namespace BookData.Benchmarks.Catalog;

/// <summary>The size of a generated catalog and the seed that makes it reproducible.</summary>
/// <param name="Books">Number of books.</param>
/// <param name="Authors">Number of authors (some have no books).</param>
/// <param name="Publishers">Number of publishers.</param>
/// <param name="Seed">Seed of the generator: the same shape always gives the same catalog.</param>
public sealed record CatalogShape(int Books, int Authors, int Publishers, int Seed)
{
    /// <summary>The suite's main catalog: 100,000 books, 20,000 authors, 500 publishers.</summary>
    public static CatalogShape Default { get; } = ForBooks(100_000);

    /// <summary>A catalog with <paramref name="books"/> books, one author per five books and 500 publishers.</summary>
    public static CatalogShape ForBooks(int books) => new(books, books / 5, 500, 20_251_125);
}
