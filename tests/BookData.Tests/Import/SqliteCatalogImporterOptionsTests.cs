using BookData.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BookData.Tests.Import;

public sealed class SqliteCatalogImporterOptionsTests : CatalogImporterOptionsTests
{
    protected override BookDataProvider Provider => BookDataProvider.Sqlite;

    protected override (string Sql, string[] Normal) ImportConnectionSettings =>
        ("SELECT cache_size, foreign_keys, threads, temp_store FROM pragma_cache_size, pragma_foreign_keys, pragma_threads, pragma_temp_store",
            ["-2000", "1", "0", "0"]);

    protected override Task ClearConnectionPoolAsync(TestDatabase db)
    {
        SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }
}
