using BookData.Tests.Support;

namespace BookData.Tests.Reports;

/// <summary>The shared tests of <see cref="CatalogReportsTests"/> with the library connecting through PgBouncer in transaction pooling mode.</summary>
[RequiresPostgreSqlPooled]
public sealed class PooledPostgreSqlCatalogReportsTests : CatalogReportsTests
{
    protected override BookDataProvider Provider => BookDataProvider.PostgreSql;

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePooledAsync();
}
