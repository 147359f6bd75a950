namespace BookData.Cli.Output;

/// <summary>What <c>authors</c> and <c>report</c> print instead of an empty table when the catalog holds nothing.</summary>
internal static class EmptyCatalog
{
    /// <summary>The message: the catalog is empty, where it is, and how to fill it.</summary>
    /// <param name="dataSource">The database file, or the PostgreSQL database, without secrets.</param>
    /// <returns>Two lines of text.</returns>
    public static string Message(string dataSource) =>
        $"""
        The catalog in '{dataSource}' is empty.
        Fill it with 'bookdata import FILE' (a CSV with first_name,last_name,title,publisher columns), or see a sample catalog with 'bookdata demo'.
        """;
}
