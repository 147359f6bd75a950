namespace BookData.Benchmarks.Catalog;

/// <summary>
/// The ids a competitor's import gives the file's authors, publishers and books, as BookData's importer numbers
/// them: in the order the file first names each, names compared as <c>NOCASE</c> compares them
/// (<see cref="NoCaseComparer"/>). Each method says whether the row names the item first, so the caller inserts it once.
/// </summary>
internal sealed class ImportIds
{
    private readonly Dictionary<string, long> authors = new(NoCaseComparer.Instance);
    private readonly Dictionary<string, long> publishers = new(NoCaseComparer.Instance);
    private readonly Dictionary<string, long> books = new(NoCaseComparer.Instance);

    /// <summary>The id of the row's author; <paramref name="isNew"/> when this row names the author first.</summary>
    public long Author(ImportCsvRow row, out bool isNew) => IdOf(authors, row.AuthorKey, out isNew);

    /// <summary>The id of the row's publisher; <paramref name="isNew"/> when this row names the publisher first.</summary>
    public long Publisher(ImportCsvRow row, out bool isNew) => IdOf(publishers, row.Publisher, out isNew);

    /// <summary>The id of the row's book by author <paramref name="authorId"/>; <paramref name="isNew"/> when this row names the book first.</summary>
    public long Book(ImportCsvRow row, long authorId, out bool isNew) => IdOf(books, row.BookKey(authorId), out isNew);

    private static long IdOf(Dictionary<string, long> ids, string key, out bool isNew)
    {
        isNew = !ids.TryGetValue(key, out var id);
        if (isNew)
        {
            id = ids.Count + 1;
            ids.Add(key, id);
        }

        return id;
    }
}
