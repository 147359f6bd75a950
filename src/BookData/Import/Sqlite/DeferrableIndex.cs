namespace BookData.Import.Sqlite;

/// <summary>A secondary index that an import into an empty catalog drops before the load and builds after it.</summary>
/// <param name="Name">The index name.</param>
/// <param name="Create">The statement that builds it, exactly as <c>sqlite_schema</c> stores it.</param>
/// <param name="Drop">The statement that drops it.</param>
internal sealed record DeferrableIndex(string Name, string Create, string Drop);
