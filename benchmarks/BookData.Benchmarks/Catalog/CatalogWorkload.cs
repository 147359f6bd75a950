namespace BookData.Benchmarks.Catalog;

/// <summary>
/// The inputs every competitor gets, in the same order: author ids to look up, the title search, and
/// the add-book requests. Computed from the catalog, so they are the same for every competitor.
/// </summary>
public sealed class CatalogWorkload
{
    private const int LookupCount = 4096;
    private readonly long[] authorIds;
    private int nextAuthor;
    private int nextTitle;

    public CatalogWorkload(BenchmarkCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var random = new Random(catalog.Shape.Seed);
        authorIds = new long[LookupCount];
        for (var i = 0; i < authorIds.Length; i++)
        {
            authorIds[i] = random.Next(catalog.Shape.Authors) + 1;
        }

        using var connection = catalog.OpenPlain();
        using var command = connection.CreateCommand();

        // An existing book with one of its publishers, picked as the middle book of the catalog.
        command.CommandText = """
            SELECT a.first_name, a.last_name, b.title, p.name
            FROM book AS b
            JOIN author AS a ON a.author_id = b.author_id
            JOIN book_publisher AS bp ON bp.book_id = b.book_id
            JOIN publisher AS p ON p.publisher_id = bp.publisher_id
            WHERE b.book_id = $id
            ORDER BY p.publisher_id
            LIMIT 1;
            """;
        command.Parameters.AddWithValue("$id", (long)(catalog.Shape.Books / 2));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidOperationException("The generated catalog has no middle book.");
        }

        ExistingFirstName = reader.GetString(0);
        ExistingLastName = reader.GetString(1);
        ExistingTitle = reader.GetString(2);
        ExistingPublisher = reader.GetString(3);
    }

    /// <summary>The text of the title search: matches about 2.5% of the titles.</summary>
    public static string SearchText => "river";

    /// <summary>The search's page size (BookData's default).</summary>
    public static int SearchPageSize => 50;

    /// <summary>An author, title and publisher that all exist and are linked: add-book changes nothing.</summary>
    public string ExistingFirstName { get; }

    public string ExistingLastName { get; }

    public string ExistingTitle { get; }

    public string ExistingPublisher { get; }

    /// <summary>The next author id to look up, cycling through a fixed pseudo-random sequence.</summary>
    public long NextAuthorId()
    {
        var id = authorIds[nextAuthor];
        nextAuthor = (nextAuthor + 1) % authorIds.Length;
        return id;
    }

    /// <summary>A title that no book has yet, for add-book of a new book by the existing author at the existing publisher.</summary>
    public string NextNewTitle() => $"Benchmark Title {++nextTitle}";
}
