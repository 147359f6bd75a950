namespace BookData.Import.Sqlite;

/// <summary>
/// An index that an import into an empty catalog drops before the load and builds after it, or a trigger
/// that keeps an index current row by row, which the import drops and recreates, then fills the index in bulk.
/// </summary>
/// <param name="Name">The index's or trigger's name.</param>
/// <param name="Create">The statement that builds it, exactly as <c>sqlite_schema</c> stores it.</param>
/// <param name="Drop">The statement that drops it.</param>
/// <param name="Fill">For a trigger: the statement run after <paramref name="Create"/> that brings its index up to date with the loaded rows.</param>
internal sealed record DeferrableIndex(string Name, string Create, string Drop, string? Fill = null);
