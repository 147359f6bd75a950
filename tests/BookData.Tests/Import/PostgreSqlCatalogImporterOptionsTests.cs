using BookData.Tests.Support;
using Npgsql;

namespace BookData.Tests.Import;

[RequiresPostgreSql]
public sealed class PostgreSqlCatalogImporterOptionsTests : CatalogImporterOptionsTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;

    protected override (string Sql, string[] Normal) ImportConnectionSettings => ("""
        SELECT
            (SELECT setting = reset_val FROM pg_settings WHERE name = 'work_mem'),
            (SELECT setting = reset_val FROM pg_settings WHERE name = 'enable_nestloop'),
            to_regclass('pg_temp.import_row') IS NULL
        """, ["True", "True", "True"]);

    protected override async Task ClearConnectionPoolAsync(TestDatabase db)
    {
        await using var connection = await db.Factory.OpenAsync();
        NpgsqlConnection.ClearPool((NpgsqlConnection)connection);
    }
}
