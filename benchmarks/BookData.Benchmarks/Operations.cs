namespace BookData.Benchmarks;

/// <summary>
/// The operations measured; each is a benchmark category, compared with its baseline (raw ADO.NET in
/// <see cref="CatalogBenchmarks"/>, SQLite in <see cref="PostgreSqlBenchmarks"/>, which alone runs the reports
/// <see cref="AuthorsPerPublisher"/> and <see cref="Counts"/>).
/// </summary>
public static class Operations
{
    public const string GetAuthorById = "GetAuthorById";
    public const string TitleSearchPage = "TitleSearchPage";

    /// <summary>Title search on a catalog of a million books (<see cref="TitleSearchScaleBenchmarks"/>).</summary>
    public const string TitleSearchScale = "TitleSearchScale";
    public const string BooksPerPublisher = "BooksPerPublisher";
    public const string AuthorsPerPublisher = "AuthorsPerPublisher";
    public const string Counts = "Counts";
    public const string Hierarchy = "Hierarchy";
    public const string AddBookNew = "AddBookNew";
    public const string AddBookExisting = "AddBookExisting";
    public const string Import = "Import";

    /// <summary>The import reads a CSV file of this many rows into an empty catalog.</summary>
    public const int ImportRows = 100_000;

    /// <summary>Add-book of a new book runs this many times per invocation, then the added books are deleted.</summary>
    public const int AddBookBatch = 1000;
}
